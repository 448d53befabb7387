// Brisk: the framework under test. Imports the built package from the repo root (npm run build → dist/).

import { z } from 'zod'
import { App, depends, HTTPException, OAuth2PasswordBearer, upload } from '../../dist/index.js'
import { InvalidTokenError, JwtCodec } from '../../dist/security/index.js'
import { JWT_SECRET, MIDDLEWARE_ORIGIN, PRODUCTS, USERS, USERS_BY_NAME } from './data.mjs'

const app = new App()

// S10: the same app behind the bundled middleware a browser-facing API registers first.
if (process.env.BENCH_MIDDLEWARE === '1') {
  const { compression, cors, requestId } = await import('../../dist/middleware/index.js')
  app.use(requestId())
  app.use(cors({ allowOrigins: [MIDDLEWARE_ORIGIN] }))
  app.use(compression({ minimumSize: 500, encodings: ['br', 'gzip'] }))
}

// S1
app.get('/', () => ({ message: 'Hello, World!' }))

// S2: path and query parameters, coerced and validated from their zod schemas.
app.get(
  '/items/{item_id}',
  {
    path: { item_id: z.int() },
    query: { q: z.string().optional(), limit: z.int().min(1).max(100).default(10) },
  },
  ({ path, query }) => ({ item_id: path.item_id, q: query.q ?? null, limit: query.limit }),
)

// S3: body validation, response model drops `description` and unknown fields.
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
app.post('/items', { body: ItemIn, response: ItemOut, status: 201 }, ({ body }) => ({ id: 1, ...body }))

// S4: bearer token → user → active user, as a three-step dependency chain (FastAPI's tutorial shape).
const UserOut = z.object({
  username: z.string(),
  email: z.string(),
  full_name: z.string(),
  disabled: z.boolean(),
})
const unauthorized = () =>
  new HTTPException(401, 'Not authenticated', { headers: { 'WWW-Authenticate': 'Bearer' } })
const token = depends({ headers: { authorization: z.string().optional() } }, ({ headers }) => {
  const authorization = headers.authorization
  if (!authorization) throw unauthorized()
  const space = authorization.indexOf(' ')
  const scheme = space === -1 ? authorization : authorization.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') throw unauthorized()
  return space === -1 ? '' : authorization.slice(space + 1)
})
const currentUser = depends({ token }, ({ token }) => {
  const user = USERS.get(token)
  if (user === undefined) throw unauthorized()
  return user
})
const activeUser = depends({ user: currentUser }, ({ user }) => {
  if (user.disabled) throw new HTTPException(400, 'Inactive user')
  return user
})
app.get('/users/me', { deps: { user: activeUser }, response: UserOut }, ({ user }) => user)

// S6: FastAPI's OAuth2 + JWT tutorial shape: OAuth2PasswordBearer → JwtCodec.verify (HS256) → user
// by `sub` → active user. A missing or non-Bearer header is the scheme's 401 "Not authenticated".
const oauth2Scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
const tokens = new JwtCodec({ algorithm: 'HS256', secret: JWT_SECRET })
const invalidCredentials = () =>
  new HTTPException(401, 'Could not validate credentials', { headers: { 'WWW-Authenticate': 'Bearer' } })
const jwtUser = depends({ token: oauth2Scheme }, async ({ token }) => {
  let payload
  try {
    payload = await tokens.verify(token)
  } catch (error) {
    if (error instanceof InvalidTokenError) throw invalidCredentials()
    throw error
  }
  const user = typeof payload.sub === 'string' ? USERS_BY_NAME.get(payload.sub) : undefined
  if (user === undefined) throw invalidCredentials()
  return user
})
const jwtActiveUser = depends({ user: jwtUser }, ({ user }) => {
  if (user.disabled) throw new HTTPException(400, 'Inactive user')
  return user
})
app.get('/secure/users/me', { deps: { user: jwtActiveUser }, response: UserOut }, ({ user }) => user)

// S5: a list of 100 products through a response schema (drops `warehouse`).
const Product = z.object({
  id: z.int(),
  name: z.string(),
  price: z.number(),
  in_stock: z.boolean(),
  tags: z.array(z.string()),
  category: z.enum(['books', 'electronics', 'garden', 'toys', 'food']),
})
const products = PRODUCTS
app.get(
  '/products',
  { query: { limit: z.int().min(1).max(1000).default(100) }, response: z.array(Product) },
  ({ query }) => products.slice(0, query.limit),
)

// S7, S8: a large JSON array through a body schema; the reply is two numbers (no response schema).
const BulkItem = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(255),
  price: z.number().gt(0),
  quantity: z.int().min(0),
  tags: z.array(z.string()),
  in_stock: z.boolean(),
})
app.post('/bulk', { body: z.array(BulkItem) }, ({ body }) => {
  let total = 0
  for (const item of body) total += item.price * item.quantity
  return { count: body.length, total }
})

// S11: one uploaded file, answered with its size (read from the parsed UploadFile, default limits).
app.post('/upload', { files: { file: upload() } }, ({ files }) => ({ size: files.file.size }))

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
