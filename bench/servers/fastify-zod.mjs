// Fastify 5 + Zod 4 via fastify-type-provider-zod 7: validatorCompiler parses requests with zod
// (path/query need z.coerce, they arrive as strings); serializerCompiler encodes the reply with the
// response schema (zod strips unknown keys) then JSON.stringify.
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { PRODUCTS } from './data.mjs'
import { activeUser, bearerToken, currentUser, jwtUser, registerAuth } from './fastify-auth.mjs'

const app = Fastify({ logger: false })
app.setValidatorCompiler(validatorCompiler)
app.setSerializerCompiler(serializerCompiler)
const api = app.withTypeProvider()

// S4 and S6: the request decorators and @fastify/jwt (see fastify-auth.mjs).
await registerAuth(app)

// S1
api.get('/', async () => ({ message: 'Hello, World!' }))

// S2 (invalid → 400, Fastify's default for schema validation errors)
api.get(
  '/items/:item_id',
  {
    schema: {
      params: z.object({ item_id: z.coerce.number().int() }),
      querystring: z.object({
        q: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(100).default(10),
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
api.post('/items', { schema: { body: ItemIn, response: { 201: ItemOut } } }, async (request, reply) => {
  reply.code(201)
  return { id: 1, ...request.body }
})

// S4: hooks, as in fastify-typebox.mjs.
const UserOut = z.object({
  username: z.string(),
  email: z.string(),
  full_name: z.string(),
  disabled: z.boolean(),
})
api.get(
  '/users/me',
  { onRequest: bearerToken, preHandler: [currentUser, activeUser], schema: { response: { 200: UserOut } } },
  async (request) => request.user,
)

// S6: the bearer JWT verified per request, then the active check (see fastify-auth.mjs).
api.get(
  '/secure/users/me',
  { onRequest: jwtUser, preHandler: activeUser, schema: { response: { 200: UserOut } } },
  async (request) => request.user,
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
const products = PRODUCTS
api.get(
  '/products',
  {
    schema: {
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }),
      response: { 200: z.array(Product) },
    },
  },
  async (request) => products.slice(0, request.query.limit),
)

// S7, S8: a large JSON array through a body schema (Fastify's default bodyLimit, 1 MiB, is
// enough); the reply is two numbers (no response schema).
const BulkItem = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(255),
  price: z.number().gt(0),
  quantity: z.int().min(0),
  tags: z.array(z.string()),
  in_stock: z.boolean(),
})
api.post('/bulk', { schema: { body: z.array(BulkItem) } }, async (request) => {
  let total = 0
  for (const item of request.body) total += item.price * item.quantity
  return { count: request.body.length, total }
})

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
