// FastAPI tutorial "Body - Updates" (docs_src/body_updates), ported to Brisk, with FastAPI's tests
// tests/test_tutorial/test_body_updates/test_tutorial001.py and test_tutorial002.py. A PUT
// replaces the stored item, so a field left out takes its default again; a PATCH applies only what
// the client sent: FastAPI's `item.model_dump(exclude_unset=True)` is the handler's `sentBody`.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { z } from 'zod'
import { HTTPException, TestClient } from '../../../src/index.js'
import { compileParse } from '../../../src/schema/compile-parse.js'
import type { ValidationErrorBody } from '../../response-bodies.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

const Item = z
  .object({
    name: z.string().nullable().default(null),
    description: z.string().nullable().default(null),
    price: z.number().nullable().default(null),
    tax: z.number().default(10.5),
    tags: z.array(z.string()).default([]),
  })
  .meta({ id: 'Item' })
type Item = z.output<typeof Item>

function storedItems(): Record<string, z.input<typeof Item>> {
  return {
    foo: { name: 'Foo', price: 50.2 },
    bar: { name: 'Bar', description: 'The bartenders', price: 62, tax: 20.2 },
    baz: { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] },
  }
}

/** A stored item; FastAPI's tutorial answers a 500 (KeyError) for an unknown id, this a 404. */
function stored(items: Record<string, z.input<typeof Item>>, id: string): z.input<typeof Item> {
  const item = items[id]
  if (item === undefined) throw new HTTPException(404, 'Item not found')
  return item
}

/** Both tutorials read an item the same way; `response` fills in the defaults of what is stored. */
function readItemRoute(app: ReturnType<typeof fastapi>, items: Record<string, z.input<typeof Item>>) {
  app.get(
    '/items/{item_id}',
    { path: { item_id: z.string() }, response: Item },
    async function read_item({ path }) {
      return stored(items, path.item_id)
    },
  )
}

/** FastAPI's test_get, the same in both tutorials: a stored item read back through `response`. */
async function assertBaz(client: TestClient): Promise<void> {
  const res = await client.get('/items/baz')
  assert.equal(res.status, 200, res.text)
  assert.deepEqual(res.json(), { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] })
}

describe('body_updates tutorial001: PUT replaces the item', () => {
  const items = storedItems()
  const app = fastapi()
  readItemRoute(app, items)
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.string() }, body: Item, response: Item },
    async function update_item({ path, body }) {
      items[path.item_id] = body
      return body
    },
  )
  const client = new TestClient(app)

  test('test_get', () => assertBaz(client))

  test('test_put: the tax the client left out is the default again, not the stored 20.2', async () => {
    const res = await client.put('/items/bar', { json: { name: 'Barz', price: 3, description: null } })
    assert.deepEqual(res.json(), { name: 'Barz', description: null, price: 3, tax: 10.5, tags: [] })
  })
})

describe('body_updates tutorial002: PATCH applies only the fields sent', () => {
  const items = storedItems()
  const app = fastapi()
  readItemRoute(app, items)
  app.patch(
    '/items/{item_id}',
    { path: { item_id: z.string() }, body: Item, response: Item },
    async function update_item({ path, sentBody }) {
      expectTypeOf(sentBody).toEqualTypeOf<Partial<Item>>()
      const updated = { ...Item.parse(stored(items, path.item_id)), ...sentBody }
      items[path.item_id] = updated
      return updated
    },
  )
  const client = new TestClient(app)

  test('test_get', () => assertBaz(client))

  test('test_patch_all', async () => {
    const sent = {
      name: 'Fooz',
      description: 'Item description',
      price: 3,
      tax: 10.5,
      tags: ['tag1', 'tag2'],
    }
    const res = await client.patch('/items/foo', { json: sent })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), sent)
  })

  test('test_patch_name: the stored tax and description stay', async () => {
    const res = await client.patch('/items/bar', { json: { name: 'Barz' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      name: 'Barz',
      description: 'The bartenders',
      price: 62,
      tax: 20.2,
      tags: [],
    })
    assert.deepEqual((await client.get('/items/bar')).json(), res.json())
  })

  test('a field sent as null is applied: null is a value the client set', async () => {
    const res = await client.patch('/items/baz', { json: { price: null } })
    assert.deepEqual(res.json(), { name: 'Baz', description: null, price: null, tax: 10.5, tags: [] })
  })

  // Item is in the generated parser's subset; a numeric string is not, so zod decides that body
  // (lax mode, as Pydantic). Both paths leave out what was not sent.
  test('through the generated parser and through zod alike', async () => {
    assert.notEqual(compileParse(Item), undefined)
    const viaParser = await client.patch('/items/foo', { json: { tax: 1 } })
    assert.equal(viaParser.json<Item>().tax, 1)
    const viaZod = await client.patch('/items/foo', { json: { tax: '2.5' } })
    assert.deepEqual(viaZod.json(), { ...viaParser.json<Item>(), tax: 2.5 })
  })

  test('an invalid field is a 422 and nothing is stored', async () => {
    const before = (await client.get('/items/foo')).json()
    const res = await client.patch('/items/foo', { json: { name: 'Fooz', price: 'invalid' } })
    assert.equal(res.status, 422)
    assert.deepEqual(
      res.json<ValidationErrorBody>().detail.map((error) => [error.type, error.loc]),
      [['float_parsing', ['body', 'price']]],
    )
    assert.deepEqual((await client.get('/items/foo')).json(), before)
  })

  test('test_openapi_schema', async () => {
    await assertDocument(client, fastapiDocument('test_body_updates/test_tutorial002.py'))
  })
})
