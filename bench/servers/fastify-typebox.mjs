// Fastify 5 + TypeBox (typebox 1.x via @fastify/type-provider-typebox 6). Validation by Fastify's
// default Ajv (coerces path/query strings); responses serialized by fast-json-stringify from the
// response schemas, which writes only the declared properties.

import { randomUUID } from 'node:crypto'
import { Type } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { MIDDLEWARE_ORIGIN, PRODUCTS } from './data.mjs'
import { activeUser, bearerToken, currentUser, jwtUser, registerAuth } from './fastify-auth.mjs'

const middleware = process.env.BENCH_MIDDLEWARE === '1'
const app = Fastify({
  logger: false,
  // S10: request ids as Brisk's requestId() makes them (an incoming x-request-id, else a UUID).
  ...(middleware ? { requestIdHeader: 'x-request-id', genReqId: () => randomUUID() } : {}),
}).withTypeProvider()

// S10: the same app behind @fastify/cors, @fastify/compress and an echoed request id.
if (middleware) {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  await app.register((await import('@fastify/cors')).default, { origin: [MIDDLEWARE_ORIGIN] })
  await app.register((await import('@fastify/compress')).default, {
    threshold: 500,
    encodings: ['br', 'gzip'],
  })
}

// S4 and S6: the request decorators and @fastify/jwt (see fastify-auth.mjs).
await registerAuth(app)

// S1
app.get('/', async () => ({ message: 'Hello, World!' }))

// S2 (invalid → 400, Fastify's default for schema validation errors)
app.get(
  '/items/:item_id',
  {
    schema: {
      params: Type.Object({ item_id: Type.Integer() }),
      querystring: Type.Object({
        q: Type.Optional(Type.String()),
        limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
      }),
    },
  },
  async (request) => ({
    item_id: request.params.item_id,
    q: request.query.q ?? null,
    limit: request.query.limit,
  }),
)

// S3
const ItemIn = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 255 }),
  price: Type.Number({ exclusiveMinimum: 0 }),
  tags: Type.Array(Type.String()),
  description: Type.Optional(Type.String()),
})
const ItemOut = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  price: Type.Number(),
  tags: Type.Array(Type.String()),
})
app.post('/items', { schema: { body: ItemIn, response: { 201: ItemOut } } }, async (request, reply) => {
  reply.code(201)
  return { id: 1, ...request.body }
})

// S4: the chain as hooks: onRequest (token) → preHandler (user lookup) → preHandler (active check).
const UserOut = Type.Object({
  username: Type.String(),
  email: Type.String(),
  full_name: Type.String(),
  disabled: Type.Boolean(),
})
app.get(
  '/users/me',
  { onRequest: bearerToken, preHandler: [currentUser, activeUser], schema: { response: { 200: UserOut } } },
  async (request) => request.user,
)

// S6: the bearer JWT verified per request, then the active check (see fastify-auth.mjs).
app.get(
  '/secure/users/me',
  { onRequest: jwtUser, preHandler: activeUser, schema: { response: { 200: UserOut } } },
  async (request) => request.user,
)

// S5
const Product = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  price: Type.Number(),
  in_stock: Type.Boolean(),
  tags: Type.Array(Type.String()),
  category: Type.Union([
    Type.Literal('books'),
    Type.Literal('electronics'),
    Type.Literal('garden'),
    Type.Literal('toys'),
    Type.Literal('food'),
  ]),
})
const products = PRODUCTS
app.get(
  '/products',
  {
    schema: {
      querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }) }),
      response: { 200: Type.Array(Product) },
    },
  },
  async (request) => products.slice(0, request.query.limit),
)

// S7, S8: a large JSON array through a body schema (Fastify's default bodyLimit, 1 MiB, is
// enough); the reply is two numbers (no response schema).
const BulkItem = Type.Object({
  sku: Type.String({ minLength: 1, maxLength: 64 }),
  name: Type.String({ minLength: 1, maxLength: 255 }),
  price: Type.Number({ exclusiveMinimum: 0 }),
  quantity: Type.Integer({ minimum: 0 }),
  tags: Type.Array(Type.String()),
  in_stock: Type.Boolean(),
})
app.post('/bulk', { schema: { body: Type.Array(BulkItem) } }, async (request) => {
  let total = 0
  for (const item of request.body) total += item.price * item.quantity
  return { count: request.body.length, total }
})

// S11: one uploaded file, answered with its size. @fastify/multipart in this route's own plugin
// scope, as a Fastify app would register it, so its onRequest/onResponse hooks do not run for the
// other scenarios' routes. fileSize is Brisk's default maxFileSize (10 MiB); Fastify's would be
// bodyLimit (1 MiB), right at the file's size. The stream is counted, not buffered: Fastify's
// cheapest way to learn the size, since a multipart file's size is only known once it is read.
await app.register(async (scope) => {
  await scope.register((await import('@fastify/multipart')).default, {
    limits: { fileSize: 10 * 1024 * 1024 },
  })
  scope.post('/upload', async (request, reply) => {
    const data = await request.file()
    if (!data) return reply.code(422).send({ detail: 'file missing' })
    let size = 0
    for await (const chunk of data.file) size += chunk.length
    return { size }
  })
})

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
