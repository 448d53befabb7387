// node:http baseline: no framework, no schema library. Routing, parameter parsing, validation
// (invalid → 422 {"detail": [...]}) and response filtering (hand-picked fields) are all by hand.
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import { JWT_SECRET, PRODUCTS, USERS, USERS_BY_NAME } from './data.mjs'

const JSON_TYPE = 'application/json'

function send(res, status, payload, headers) {
  const body = JSON.stringify(payload)
  res.writeHead(status, {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(body),
    ...headers,
  })
  res.end(body)
}

function invalid(res, loc, msg) {
  send(res, 422, { detail: [{ loc, msg }] })
}

const INT = /^[+-]?\d+$/
function parseIntParam(raw) {
  if (raw === undefined || !INT.test(raw)) return undefined
  const n = Number(raw)
  return Number.isSafeInteger(n) ? n : undefined
}

// S2
function getItem(res, itemIdRaw, search) {
  const item_id = parseIntParam(itemIdRaw)
  if (item_id === undefined) return invalid(res, ['path', 'item_id'], 'Input should be a valid integer')
  const q = search.get('q')
  const limitRaw = search.get('limit')
  let limit = 10
  if (limitRaw !== null) {
    limit = parseIntParam(limitRaw)
    if (limit === undefined || limit < 1 || limit > 100) {
      return invalid(res, ['query', 'limit'], 'Input should be an integer between 1 and 100')
    }
  }
  send(res, 200, { item_id, q, limit })
}

// S3
function readJson(req, res, then) {
  const type = req.headers['content-type']
  if (type === undefined || !type.startsWith(JSON_TYPE)) {
    return invalid(res, ['body'], 'Content type should be application/json')
  }
  const chunks = []
  let size = 0
  req.on('data', (chunk) => {
    size += chunk.length
    if (size > 1_000_000) {
      req.destroy()
      return
    }
    chunks.push(chunk)
  })
  req.on('end', () => {
    let value
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8'))
    } catch {
      return invalid(res, ['body'], 'JSON decode error')
    }
    then(value)
  })
}
function postItem(req, res) {
  readJson(req, res, (body) => {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return invalid(res, ['body'], 'Input should be an object')
    }
    const { name, price, tags, description } = body
    if (typeof name !== 'string' || name.length < 2 || name.length > 255) {
      return invalid(res, ['body', 'name'], 'String should have 2 to 255 characters')
    }
    if (typeof price !== 'number' || !Number.isFinite(price) || !(price > 0)) {
      return invalid(res, ['body', 'price'], 'Input should be greater than 0')
    }
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
      return invalid(res, ['body', 'tags'], 'Input should be a list of strings')
    }
    if (description !== undefined && typeof description !== 'string') {
      return invalid(res, ['body', 'description'], 'Input should be a valid string')
    }
    // Response filter by hand: only id, name, price, tags.
    send(res, 201, { id: 1, name, price, tags })
  })
}

// S4: three plain functions: bearer token → current user → active user.
const UNAUTHORIZED = { detail: 'Not authenticated' }
const BEARER = { 'www-authenticate': 'Bearer' }
function bearerToken(req) {
  const authorization = req.headers.authorization
  if (!authorization) return undefined
  const space = authorization.indexOf(' ')
  const scheme = space === -1 ? authorization : authorization.slice(0, space)
  if (scheme.toLowerCase() !== 'bearer') return undefined
  return space === -1 ? '' : authorization.slice(space + 1)
}
function currentUser(token) {
  return token === undefined ? undefined : USERS.get(token)
}
function getMe(req, res) {
  const user = currentUser(bearerToken(req))
  if (user === undefined) return send(res, 401, UNAUTHORIZED, BEARER)
  if (user.disabled) return send(res, 400, { detail: 'Inactive user' })
  const { username, email, full_name, disabled } = user
  send(res, 200, { username, email, full_name, disabled })
}

// S6: HS256 checked by hand, the ceiling for S6: split the compact JWS, read the header's `alg`
// (only HS256), HMAC-SHA256 over `header.payload` with a key object made once, compare with the
// signature segment in constant time (as base64url text, so no second encoding of the same
// bytes passes), then parse the payload and check `exp`.
const JWT_KEY = createSecretKey(Buffer.from(JWT_SECRET))
const INVALID_CREDENTIALS = { detail: 'Could not validate credentials' }
function decodeSegment(segment) {
  try {
    const value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined
  } catch {
    return undefined
  }
}
function verifyHs256(token) {
  const dot1 = token.indexOf('.')
  const dot2 = dot1 === -1 ? -1 : token.indexOf('.', dot1 + 1)
  if (dot1 < 1 || dot2 === -1 || token.indexOf('.', dot2 + 1) !== -1) return undefined
  if (decodeSegment(token.slice(0, dot1))?.alg !== 'HS256') return undefined
  const expected = Buffer.from(createHmac('sha256', JWT_KEY).update(token.slice(0, dot2)).digest('base64url'))
  const signature = Buffer.from(token.slice(dot2 + 1))
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined
  const payload = decodeSegment(token.slice(dot1 + 1, dot2))
  if (typeof payload?.exp !== 'number' || payload.exp <= Date.now() / 1000) return undefined
  return payload
}
function getSecureMe(req, res) {
  const token = bearerToken(req)
  if (token === undefined || token === '') return send(res, 401, UNAUTHORIZED, BEARER)
  const payload = verifyHs256(token)
  const user = typeof payload?.sub === 'string' ? USERS_BY_NAME.get(payload.sub) : undefined
  if (user === undefined) return send(res, 401, INVALID_CREDENTIALS, BEARER)
  if (user.disabled) return send(res, 400, { detail: 'Inactive user' })
  const { username, email, full_name, disabled } = user
  send(res, 200, { username, email, full_name, disabled })
}

// S5
const products = PRODUCTS
function getProducts(res, search) {
  const limitRaw = search.get('limit')
  let limit = 100
  if (limitRaw !== null) {
    limit = parseIntParam(limitRaw)
    if (limit === undefined || limit < 1 || limit > 1000) {
      return invalid(res, ['query', 'limit'], 'Input should be an integer between 1 and 1000')
    }
  }
  const out = new Array(Math.min(limit, products.length))
  for (let i = 0; i < out.length; i++) {
    const p = products[i]
    out[i] = {
      id: p.id,
      name: p.name,
      price: p.price,
      in_stock: p.in_stock,
      tags: p.tags,
      category: p.category,
    }
  }
  send(res, 200, out)
}

// S7, S8: a large JSON array checked by hand, item by item (readJson's limit, 1,000,000 bytes,
// is above the 512 KiB of S8). The reply is two numbers.
function checkBulkItem(item, i) {
  if (item === null || typeof item !== 'object' || Array.isArray(item))
    return [[i], 'Input should be an object']
  const { sku, name, price, quantity, tags, in_stock } = item
  if (typeof sku !== 'string' || sku.length < 1 || sku.length > 64)
    return [[i, 'sku'], 'String should have 1 to 64 characters']
  if (typeof name !== 'string' || name.length < 1 || name.length > 255)
    return [[i, 'name'], 'String should have 1 to 255 characters']
  if (typeof price !== 'number' || !Number.isFinite(price) || !(price > 0))
    return [[i, 'price'], 'Input should be greater than 0']
  if (!Number.isSafeInteger(quantity) || quantity < 0)
    return [[i, 'quantity'], 'Input should be an integer of at least 0']
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string'))
    return [[i, 'tags'], 'Input should be a list of strings']
  if (typeof in_stock !== 'boolean') return [[i, 'in_stock'], 'Input should be a valid boolean']
  return undefined
}
function postBulk(req, res) {
  readJson(req, res, (body) => {
    if (!Array.isArray(body)) return invalid(res, ['body'], 'Input should be a valid list')
    let total = 0
    for (let i = 0; i < body.length; i++) {
      const problem = checkBulkItem(body[i], i)
      if (problem) return invalid(res, ['body', ...problem[0]], problem[1])
      total += body[i].price * body[i].quantity
    }
    send(res, 200, { count: body.length, total })
  })
}

const server = createServer((req, res) => {
  const url = req.url
  const qi = url.indexOf('?')
  const path = qi === -1 ? url : url.slice(0, qi)
  const search = new URLSearchParams(qi === -1 ? '' : url.slice(qi + 1))
  const method = req.method
  if (method === 'GET') {
    if (path === '/') return send(res, 200, { message: 'Hello, World!' })
    if (path === '/products') return getProducts(res, search)
    if (path === '/users/me') return getMe(req, res)
    if (path === '/secure/users/me') return getSecureMe(req, res)
    if (path.startsWith('/items/')) {
      const id = path.slice(7)
      if (id !== '' && !id.includes('/')) return getItem(res, decodeURIComponent(id), search)
    }
  } else if (method === 'POST') {
    if (path === '/items') return postItem(req, res)
    if (path === '/bulk') return postBulk(req, res)
  }
  send(res, 404, { detail: 'Not Found' })
})
server.listen(Number(process.env.PORT), '127.0.0.1')
