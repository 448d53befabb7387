// Express 5. Requests validated with zod (safeParse; invalid → 422 {"detail": issues}, our choice,
// Express has no validation of its own). Responses filtered by parsing with a zod output schema.
import { createSecretKey } from 'node:crypto'
import express from 'express'
import jwt from 'jsonwebtoken'
import { z } from 'zod'
import { JWT_SECRET, PRODUCTS, USERS, USERS_BY_NAME } from './data.mjs'

const app = express()
app.disable('x-powered-by')
app.disable('etag')

function invalid(res, error) {
  return res.status(422).json({ detail: error.issues })
}

// S1
app.get('/', (_req, res) => {
  res.json({ message: 'Hello, World!' })
})

// S2
const ItemPath = z.object({ item_id: z.coerce.number().int() })
const ItemQuery = z.object({
  q: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
})
app.get('/items/:item_id', (req, res) => {
  const path = ItemPath.safeParse(req.params)
  if (!path.success) return invalid(res, path.error)
  const query = ItemQuery.safeParse(req.query)
  if (!query.success) return invalid(res, query.error)
  res.json({ item_id: path.data.item_id, q: query.data.q ?? null, limit: query.data.limit })
})

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
app.post('/items', express.json(), (req, res) => {
  const body = ItemIn.safeParse(req.body)
  if (!body.success) return invalid(res, body.error)
  res.status(201).json(ItemOut.parse({ id: 1, ...body.data }))
})

// S4: the chain as three route middlewares.
const UserOut = z.object({
  username: z.string(),
  email: z.string(),
  full_name: z.string(),
  disabled: z.boolean(),
})
function unauthorized(res) {
  res.status(401).set('WWW-Authenticate', 'Bearer').json({ detail: 'Not authenticated' })
}
function bearerToken(req, res, next) {
  const authorization = req.headers.authorization
  if (!authorization) return unauthorized(res)
  const space = authorization.indexOf(' ')
  const scheme = space === -1 ? authorization : authorization.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') return unauthorized(res)
  req.token = space === -1 ? '' : authorization.slice(space + 1)
  next()
}
function currentUser(req, res, next) {
  const user = USERS.get(req.token)
  if (user === undefined) return unauthorized(res)
  req.user = user
  next()
}
function activeUser(req, res, next) {
  if (req.user.disabled) return res.status(400).json({ detail: 'Inactive user' })
  next()
}
app.get('/users/me', bearerToken, currentUser, activeUser, (req, res) => {
  res.json(UserOut.parse(req.user))
})

// S6: jsonwebtoken's synchronous `verify` (algorithms pinned to HS256) in a route middleware →
// user by `sub`, then S4's active check. The secret is a KeyObject made once: given the string,
// jsonwebtoken 9 first tries `createPublicKey(secret)` on every call, and that failed parse costs
// ~400 µs a token (50× the rest of the verify), which would measure an avoidable misuse.
const JWT_KEY = createSecretKey(Buffer.from(JWT_SECRET))
function jwtUser(req, res, next) {
  const authorization = req.headers.authorization
  if (!authorization) return unauthorized(res)
  const space = authorization.indexOf(' ')
  if (space === -1 || authorization.slice(0, space).toLowerCase() !== 'bearer') return unauthorized(res)
  let payload
  try {
    payload = jwt.verify(authorization.slice(space + 1), JWT_KEY, { algorithms: ['HS256'] })
  } catch {
    return invalidCredentials(res)
  }
  const user = typeof payload.sub === 'string' ? USERS_BY_NAME.get(payload.sub) : undefined
  if (user === undefined) return invalidCredentials(res)
  req.user = user
  next()
}
function invalidCredentials(res) {
  res.status(401).set('WWW-Authenticate', 'Bearer').json({ detail: 'Could not validate credentials' })
}
app.get('/secure/users/me', jwtUser, activeUser, (req, res) => {
  res.json(UserOut.parse(req.user))
})

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
const ProductsQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) })
const products = PRODUCTS
app.get('/products', (req, res) => {
  const query = ProductsQuery.safeParse(req.query)
  if (!query.success) return invalid(res, query.error)
  res.json(ProductList.parse(products.slice(0, query.data.limit)))
})

// S7, S8: a large JSON array through a body schema; express.json()'s default limit is 100 kB,
// so this route raises it to 1 MiB (the others' default). The reply is two numbers.
const BulkItems = z.array(
  z.object({
    sku: z.string().min(1).max(64),
    name: z.string().min(1).max(255),
    price: z.number().gt(0),
    quantity: z.int().min(0),
    tags: z.array(z.string()),
    in_stock: z.boolean(),
  }),
)
app.post('/bulk', express.json({ limit: '1mb' }), (req, res) => {
  const body = BulkItems.safeParse(req.body)
  if (!body.success) return invalid(res, body.error)
  let total = 0
  for (const item of body.data) total += item.price * item.quantity
  res.json({ count: body.data.length, total })
})

app.listen(Number(process.env.PORT), '127.0.0.1')
