// Hono 4 + @hono/zod-openapi on @hono/node-server. Requests validated by zod-openapi's route
// schemas (z.coerce for path/query); its default hook answers invalid requests 400. Responses are
// filtered by parsing the return value with a zod output schema (zod-openapi does not validate
// responses itself), then c.json.
import { serve } from '@hono/node-server'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { verify } from 'hono/jwt'
import { JWT_SECRET, PRODUCTS, USERS, USERS_BY_NAME } from './data.mjs'

const app = new OpenAPIHono()

// S1
app.get('/', (c) => c.json({ message: 'Hello, World!' }))

// S2
app.openapi(
  createRoute({
    method: 'get',
    path: '/items/{item_id}',
    request: {
      params: z.object({ item_id: z.coerce.number().int() }),
      query: z.object({
        q: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(100).default(10),
      }),
    },
    responses: {
      200: {
        description: 'The item',
        content: {
          'application/json': {
            schema: z.object({ item_id: z.int(), q: z.string().nullable(), limit: z.int() }),
          },
        },
      },
    },
  }),
  (c) => {
    const { item_id } = c.req.valid('param')
    const { q, limit } = c.req.valid('query')
    return c.json({ item_id, q: q ?? null, limit }, 200)
  },
)

// S3
const ItemIn = z.object({
  name: z.string().min(2).max(255),
  price: z.number().gt(0),
  tags: z.array(z.string()),
  description: z.string().optional(),
})
const ItemOut = z.object({
  id: z.int(),
  name: z.string(),
  price: z.number(),
  tags: z.array(z.string()),
})
app.openapi(
  createRoute({
    method: 'post',
    path: '/items',
    request: { body: { content: { 'application/json': { schema: ItemIn } }, required: true } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: ItemOut } } },
    },
  }),
  (c) => c.json(ItemOut.parse({ id: 1, ...c.req.valid('json') }), 201),
)

// S4: the chain as three route middlewares: bearer token → current user → active user.
const UserOut = z.object({
  username: z.string(),
  email: z.string(),
  full_name: z.string(),
  disabled: z.boolean(),
})
const unauthorized = (c) => c.json({ detail: 'Not authenticated' }, 401, { 'WWW-Authenticate': 'Bearer' })
const bearerToken = async (c, next) => {
  const authorization = c.req.header('authorization')
  if (!authorization) return unauthorized(c)
  const space = authorization.indexOf(' ')
  const scheme = space === -1 ? authorization : authorization.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') return unauthorized(c)
  c.set('token', space === -1 ? '' : authorization.slice(space + 1))
  await next()
}
const currentUser = async (c, next) => {
  const user = USERS.get(c.get('token'))
  if (user === undefined) return unauthorized(c)
  c.set('user', user)
  await next()
}
const activeUser = async (c, next) => {
  if (c.get('user').disabled) return c.json({ detail: 'Inactive user' }, 400)
  await next()
}
app.openapi(
  createRoute({
    method: 'get',
    path: '/users/me',
    middleware: [bearerToken, currentUser, activeUser],
    responses: {
      200: { description: 'The current user', content: { 'application/json': { schema: UserOut } } },
    },
  }),
  (c) => c.json(UserOut.parse(c.get('user')), 200),
)

// S6: hono/jwt's `verify` (WebCrypto HMAC, alg pinned to HS256) in a route middleware → user by
// `sub`, then S4's active check. Not Hono's `jwt()` middleware: its 401s carry their own body and
// WWW-Authenticate value, and these answers must match the other servers'.
const invalidCredentials = (c) =>
  c.json({ detail: 'Could not validate credentials' }, 401, { 'WWW-Authenticate': 'Bearer' })
const jwtUser = async (c, next) => {
  const authorization = c.req.header('authorization')
  if (!authorization) return unauthorized(c)
  const space = authorization.indexOf(' ')
  if (space === -1 || authorization.slice(0, space).toLowerCase() !== 'bearer') return unauthorized(c)
  let payload
  try {
    payload = await verify(authorization.slice(space + 1), JWT_SECRET, 'HS256')
  } catch {
    return invalidCredentials(c)
  }
  const user = typeof payload.sub === 'string' ? USERS_BY_NAME.get(payload.sub) : undefined
  if (user === undefined) return invalidCredentials(c)
  c.set('user', user)
  await next()
}
app.openapi(
  createRoute({
    method: 'get',
    path: '/secure/users/me',
    middleware: [jwtUser, activeUser],
    responses: {
      200: { description: 'The current user', content: { 'application/json': { schema: UserOut } } },
    },
  }),
  (c) => c.json(UserOut.parse(c.get('user')), 200),
)

// S5
const Product = z.object({
  id: z.int(),
  name: z.string(),
  price: z.number(),
  in_stock: z.boolean(),
  tags: z.array(z.string()),
  category: z.enum(['books', 'electronics', 'garden', 'toys', 'food']),
})
const ProductList = z.array(Product)
const products = PRODUCTS
app.openapi(
  createRoute({
    method: 'get',
    path: '/products',
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
    responses: {
      200: { description: 'Products', content: { 'application/json': { schema: ProductList } } },
    },
  }),
  (c) => c.json(ProductList.parse(products.slice(0, c.req.valid('query').limit)), 200),
)

// S7, S8: a large JSON array through a body schema; the reply is two numbers (not parsed through
// an output schema: there is nothing to filter).
const BulkItem = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(255),
  price: z.number().gt(0),
  quantity: z.int().min(0),
  tags: z.array(z.string()),
  in_stock: z.boolean(),
})
app.openapi(
  createRoute({
    method: 'post',
    path: '/bulk',
    request: { body: { content: { 'application/json': { schema: z.array(BulkItem) } }, required: true } },
    responses: {
      200: {
        description: 'Count and total',
        content: { 'application/json': { schema: z.object({ count: z.int(), total: z.number() }) } },
      },
    },
  }),
  (c) => {
    const items = c.req.valid('json')
    let total = 0
    for (const item of items) total += item.price * item.quantity
    return c.json({ count: items.length, total }, 200)
  },
)

serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' })
