// Fastify 5 + TypeBox (typebox 1.x via @fastify/type-provider-typebox 6). Validation by Fastify's
// default Ajv (coerces path/query strings); responses serialized by fast-json-stringify from the
// response schemas, which writes only the declared properties.

import fastifyJwt from '@fastify/jwt'
import { Type } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { JWT_SECRET, PRODUCTS, USERS, USERS_BY_NAME } from './data.mjs'

const app = Fastify({ logger: false }).withTypeProvider()

// S6: the HS256 verifier, registered once (see the S6 route below).
await app.register(fastifyJwt, {
  secret: JWT_SECRET,
  decoratorName: 'claims',
  verify: { algorithms: ['HS256'], requiredClaims: ['exp'] },
})

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
app.get(
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

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
