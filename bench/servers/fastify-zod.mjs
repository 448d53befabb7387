// Fastify 5 + Zod 4 via fastify-type-provider-zod 7: validatorCompiler parses requests with zod
// (path/query need z.coerce, they arrive as strings); serializerCompiler encodes the reply with the
// response schema (zod strips unknown keys) then JSON.stringify.
import fastifyJwt from '@fastify/jwt'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { JWT_SECRET, PRODUCTS, USERS, USERS_BY_NAME } from './data.mjs'

const app = Fastify({ logger: false })
app.setValidatorCompiler(validatorCompiler)
app.setSerializerCompiler(serializerCompiler)
const api = app.withTypeProvider()

// S6: the HS256 verifier, registered once (see the S6 route below).
await app.register(fastifyJwt, {
  secret: JWT_SECRET,
  decoratorName: 'claims',
  verify: { algorithms: ['HS256'], requiredClaims: ['exp'] },
})

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
app.decorateRequest('token', null)
app.decorateRequest('user', null)
function unauthorized(reply) {
  return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ detail: 'Not authenticated' })
}
async function bearerToken(request, reply) {
  const authorization = request.headers.authorization
  if (!authorization) return unauthorized(reply)
  const space = authorization.indexOf(' ')
  const scheme = space === -1 ? authorization : authorization.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') return unauthorized(reply)
  request.token = space === -1 ? '' : authorization.slice(space + 1)
}
async function currentUser(request, reply) {
  const user = USERS.get(request.token)
  if (user === undefined) return unauthorized(reply)
  request.user = user
}
async function activeUser(request, reply) {
  if (request.user.disabled) return reply.code(400).send({ detail: 'Inactive user' })
}
api.get(
  '/users/me',
  { onRequest: bearerToken, preHandler: [currentUser, activeUser], schema: { response: { 200: UserOut } } },
  async (request) => request.user,
)

// S6: @fastify/jwt (fast-jwt underneath, no verify cache) registered with the HS256 secret,
// `request.jwtVerify()` in an onRequest hook → user by `sub` → active check as a preHandler.
// Its payload goes to `request.claims` (decoratorName) since `request.user` is S4's decorator.
async function jwtUser(request, reply) {
  let claims
  try {
    claims = await request.jwtVerify()
  } catch (error) {
    if (error.code === 'FST_JWT_NO_AUTHORIZATION_IN_HEADER') return unauthorized(reply)
    return invalidCredentials(reply)
  }
  const user = typeof claims.sub === 'string' ? USERS_BY_NAME.get(claims.sub) : undefined
  if (user === undefined) return invalidCredentials(reply)
  request.user = user
}
function invalidCredentials(reply) {
  return reply
    .code(401)
    .header('WWW-Authenticate', 'Bearer')
    .send({ detail: 'Could not validate credentials' })
}
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

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
