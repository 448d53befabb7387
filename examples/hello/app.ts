import { z } from 'zod'
import { App, HTTPException } from '../../src/index.js'

/** The smallest useful Brisk app: FastAPI's "First steps" and "Path parameters", typed. */
export const app = new App({
  title: 'Hello Brisk',
  version: '1.0.0',
  license: { name: 'MIT', identifier: 'MIT' },
})

app.get('/', function root() {
  return { message: 'Hello World' }
})

const items: Record<string, { name: string; price: number }> = {
  foo: { name: 'Foo', price: 50.2 },
  bar: { name: 'Bar', price: 62 },
}

/** The body of an `HTTPException`: `{"detail": "Item not found"}`. */
const Message = z.object({ detail: z.string() }).meta({ id: 'Message' })

app.get(
  '/items/{item_id}',
  {
    path: { item_id: z.string() },
    query: { q: z.string().optional(), short: z.boolean().default(false) },
    // Documented so a generated client knows the 404 and its body, as FastAPI's `responses=`.
    responses: { 404: { model: Message, description: 'Item not found' } },
  },
  function read_item({ path, query }) {
    const item = items[path.item_id]
    if (item === undefined) throw new HTTPException(404, 'Item not found')
    return { item_id: path.item_id, ...item, ...(query.q ? { q: query.q } : {}), short: query.short }
  },
)

/** A named schema: `.meta({ id })` makes it the `Item` component of the OpenAPI document. */
const Item = z
  .object({ name: z.string().min(1), price: z.number().gt(0), description: z.string().optional() })
  .meta({ id: 'Item' })

app.post('/items/', { body: Item, response: Item, status: 201 }, function create_item({ body }) {
  items[body.name.toLowerCase()] = { name: body.name, price: body.price }
  return body
})
