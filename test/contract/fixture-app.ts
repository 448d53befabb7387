// A realistic app for the contract test: every parameter kind, rich JSON and form bodies, several
// declared statuses, non-JSON replies, streams and four security schemes. Its handlers answer
// from the validated input only, so whatever the generator sends, the answer is determined.
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import {
  APIKeyHeader,
  App,
  depends,
  file,
  HTTPBasic,
  HTTPException,
  html,
  OAuth2PasswordBearer,
  safeEqual,
  security,
  type UploadFile,
  upload,
} from '../../src/index.js'
import { JwtCodec, OAuth2PasswordRequestForm } from '../../src/security/index.js'

/** The credentials the contract test logs in with. */
export const FIXTURE_CREDENTIALS = { username: 'ada', password: 'lovelace', apiKey: 'key-0123456789' }

const tokens = new JwtCodec({ algorithm: 'HS256', secret: 'contract-fixture-secret-0123456789abcdef' })

const Message = z.object({ detail: z.string() }).meta({ id: 'Message' })

const Tag = z.enum(['new', 'sale', 'used'])

const Item = z
  .object({
    id: z.int().min(1).max(1000),
    name: z.string().min(2).max(40),
    tags: z.array(Tag),
    q: z.string().nullable(),
    request_id: z.uuid().nullable(),
    session: z.string().nullable(),
  })
  .meta({ id: 'FixtureItem' })

const SearchQuery = z.object({
  term: z.string().min(2).max(30),
  page: z.int().min(1).max(50).default(1),
  sort: z.enum(['asc', 'desc']).default('asc'),
  kinds: z.array(z.enum(['book', 'film'])).default([]),
})

const Address = z
  .object({ street: z.string().min(1), zip: z.string().regex(/^\d{5}$/) })
  .meta({ id: 'Address' })

const Pickup = z.object({ kind: z.literal('pickup'), store_id: z.uuid() }).meta({ id: 'Pickup' })
const Courier = z.object({ kind: z.literal('courier'), address: Address }).meta({ id: 'Courier' })

const OrderLine = z
  .object({
    sku: z.string().regex(/^[A-Z]{3}-\d{4}$/),
    quantity: z.int().min(1).max(99),
    price: z.number().gt(0).lte(10_000),
  })
  .meta({ id: 'OrderLine' })

const Order = z
  .object({
    id: z.uuid(),
    customer: z.object({ name: z.string().min(1).max(60), email: z.email() }),
    lines: z.array(OrderLine).min(1).max(5),
    status: z.enum(['draft', 'placed']).default('draft'),
    priority: z.literal(['normal', 'rush']),
    shipping: z.discriminatedUnion('kind', [Pickup, Courier]),
    payment: z.union([
      z.object({ card: z.string().regex(/^\d{16}$/) }),
      z.object({ voucher: z.string().min(4).max(12) }),
    ]),
    note: z.string().max(200).nullable().default(null),
    deliver_on: z.iso.date(),
    created_at: z.iso.datetime({ offset: true }),
    gift: z.boolean().optional(),
  })
  .meta({ id: 'Order' })

const Contact = z.object({
  name: z.string().min(1).max(60),
  email: z.email(),
  age: z.int().min(18).max(120).optional(),
  newsletter: z.boolean().default(false),
})

const Event = z.object({ seq: z.int().min(0), at: z.iso.datetime(), level: z.enum(['info', 'warn']) })

const oauth2 = new OAuth2PasswordBearer({ tokenUrl: 'token', scopes: { orders: 'Read orders.' } })
const apiKey = new APIKeyHeader({ name: 'X-API-Key' })
const basic = new HTTPBasic()

const unauthorized = (challenge: string) =>
  new HTTPException(401, 'Could not validate credentials', { headers: { 'WWW-Authenticate': challenge } })

const currentUser = depends({ token: oauth2 }, async ({ token }) => {
  try {
    const payload = await tokens.verify(token)
    if (payload.sub !== FIXTURE_CREDENTIALS.username) throw unauthorized('Bearer')
    return { username: payload.sub, scopes: typeof payload.scope === 'string' ? payload.scope : '' }
  } catch {
    throw unauthorized('Bearer')
  }
})

const apiClient = depends({ key: apiKey }, ({ key }) => {
  if (!safeEqual(key, FIXTURE_CREDENTIALS.apiKey)) throw unauthorized('APIKey')
  return 'reporting'
})

const admin = depends({ credentials: basic }, ({ credentials }) => {
  const known =
    safeEqual(credentials.username, FIXTURE_CREDENTIALS.username) &&
    safeEqual(credentials.password, FIXTURE_CREDENTIALS.password)
  if (!known) throw unauthorized('Basic')
  return credentials.username
})

/** Security failures documented as FastAPI users document them, with `responses=`. */
const authResponses = { 401: { model: Message, description: 'Not authenticated' } }

export const app = new App({
  title: 'Contract fixture',
  version: '1.0.0',
  license: { name: 'MIT', identifier: 'MIT' },
})

app.post(
  '/token',
  { deps: { login_form: OAuth2PasswordRequestForm }, responses: { 400: { model: Message } } },
  async function login({ login_form: form }) {
    // A fixture with a plain-text password: hashing is the oauth2-jwt example's business, and
    // argon2 on every generated request would cost the suite seconds.
    const known =
      safeEqual(form.username, FIXTURE_CREDENTIALS.username) &&
      safeEqual(form.password, FIXTURE_CREDENTIALS.password)
    if (!known) throw new HTTPException(400, 'Incorrect username or password')
    const access_token = await tokens.sign({ sub: form.username, scope: form.scopes.join(' ') })
    return { access_token, token_type: 'bearer' }
  },
)

app.get(
  '/items/{item_id}',
  {
    path: { item_id: z.int().min(1).max(1000) },
    query: { q: z.string().max(50).optional(), tags: z.array(Tag).default([]) },
    headers: { x_request_id: z.uuid().optional() },
    cookies: { session: z.string().min(8).optional() },
    response: Item,
    responses: { 404: { model: Message } },
  },
  function read_item({ path, query, headers, cookies }) {
    if (path.item_id > 500) throw new HTTPException(404, 'Item not found')
    return {
      id: path.item_id,
      name: `item ${path.item_id}`,
      tags: query.tags,
      q: query.q ?? null,
      request_id: headers.x_request_id ?? null,
      session: cookies.session ?? null,
    }
  },
)

app.delete('/items/{item_id}', { path: { item_id: z.int().min(1) }, status: 204 }, function delete_item() {
  return undefined
})

app.get('/search', { query: SearchQuery }, function search({ query }) {
  return { ...query, results: query.kinds.map((kind, i) => ({ kind, rank: i + 1 })) }
})

app.post(
  '/orders',
  { body: Order, response: Order, status: 201, responses: { 409: { model: Message } } },
  function create_order({ body }) {
    if (body.customer.name === 'taken') throw new HTTPException(409, 'Order exists')
    return body
  },
)

app.put(
  '/orders/{order_id}/note',
  { path: { order_id: z.uuid() }, body: { note: z.string().max(200), urgent: z.boolean().default(false) } },
  function update_note({ path, body }) {
    return { order_id: path.order_id, ...body }
  },
)

app.post('/contact', { form: Contact }, function contact({ form }) {
  return { received: form }
})

app.get(
  '/me/orders',
  { deps: { user: security(currentUser, { scopes: ['orders'] }) }, responses: authResponses },
  function my_orders({ user }) {
    return { owner: user.username, orders: [] }
  },
)

app.get(
  '/reports/{year}',
  {
    path: { year: z.int().min(2000).max(2100) },
    query: { format: z.enum(['csv', 'json']).default('json') },
    deps: { client: apiClient },
    responses: authResponses,
  },
  function read_report({ path, query, client }) {
    return { year: path.year, format: query.format, client }
  },
)

app.get('/admin/stats', { deps: { user: admin }, responses: authResponses }, function admin_stats({ user }) {
  return { user, uptime: 1 }
})

app.get('/ping', { responseClass: 'text' }, function ping() {
  return 'pong'
})

app.get('/page', { responseClass: 'html' }, function page() {
  return html('<h1>Fixture</h1>')
})

app.get(
  '/source',
  {
    responseClass: 'file',
    responses: { 200: { content: { 'text/plain': { schema: { type: 'string' } } } } },
  },
  function source() {
    return file(fileURLToPath(import.meta.url), { contentType: 'text/plain' })
  },
)

app.get(
  '/events',
  { query: { count: z.int().min(0).max(5).default(3) }, response: Event, stream: 'jsonl' },
  async function* events({ query }) {
    for (let seq = 0; seq < query.count; seq++) yield { seq, at: '2024-01-01T00:00:00Z', level: 'info' }
  },
)

// No `stream:`: an async generator is sent, and documented, as JSON Lines.
app.get(
  '/events/plain',
  { query: { count: z.int().min(0).max(5).default(3) }, response: Event },
  async function* plain_events({ query }) {
    for (let seq = 0; seq < query.count; seq++) yield { seq, at: '2024-01-01T00:00:00Z', level: 'info' }
  },
)

app.get(
  '/events/live',
  { query: { count: z.int().min(0).max(5).default(3) }, response: Event, stream: 'sse' },
  async function* live_events({ query }) {
    for (let seq = 0; seq < query.count; seq++) yield { seq, at: '2024-01-01T00:00:00Z', level: 'warn' }
  },
)

enum Colour {
  Red = 'red',
  Blue = 'blue',
}

const Reading = z
  .object({
    colour: z.enum(Colour),
    shade: z.enum(['light', 'dark']).nullable(),
    step: z.number().multipleOf(0.5).min(-10).max(10),
    taken_at: z.iso.datetime(),
    labels: z.record(z.string(), z.int()).optional(),
  })
  .meta({ id: 'Reading' })

app.post(
  '/readings',
  {
    query: { ids: z.array(z.int().min(1)).max(3).default([]), dry_run: z.boolean() },
    body: z.array(Reading).max(4),
    response: z.object({ accepted: z.int(), ids: z.array(z.int()), last: Reading.nullable() }),
  },
  function add_readings({ query, body }) {
    return { accepted: query.dry_run ? 0 : body.length, ids: query.ids, last: body.at(-1) ?? null }
  },
)

// Uploads: what each handler answers is read from the files it got, so the response schema
// checks Brisk handed over the parts the client sent.
const Received = z
  .object({ filename: z.string(), content_type: z.string(), size: z.int().min(0) })
  .meta({ id: 'ReceivedFile' })

const received = (file: UploadFile) => ({
  filename: file.filename,
  content_type: file.contentType,
  size: file.size,
})

app.post(
  '/products/{product_id}/image',
  {
    path: { product_id: z.int().min(1) },
    files: { image: upload({ description: 'The product photo' }) },
    form: { name: z.string().min(2).max(40), price: z.number().gt(0).lte(10_000) },
    response: z.object({ product_id: z.int(), name: z.string(), price: z.number(), image: Received }),
    status: 201,
  },
  function upload_product_image({ path, files, form }) {
    return { product_id: path.product_id, name: form.name, price: form.price, image: received(files.image) }
  },
)

app.post(
  '/albums',
  {
    files: { photos: upload.list(), cover: upload.optional() },
    form: { title: z.string().min(1).max(60).optional() },
    response: z.object({
      title: z.string().nullable(),
      photos: z.array(Received).min(1),
      cover: Received.nullable(),
    }),
  },
  function create_album({ files, form }) {
    return {
      title: form.title ?? null,
      photos: files.photos.map(received),
      cover: files.cover === undefined ? null : received(files.cover),
    }
  },
)

/** The avatar's size limit: the contract test is told it, as the document has no keyword for it. */
export const AVATAR_MAX_SIZE = 2048

app.post(
  '/avatars',
  {
    files: { avatar: upload({ maxSize: AVATAR_MAX_SIZE, accept: ['image/png', 'image/jpeg'] }) },
    response: Received,
    responses: {
      413: { model: Message, description: 'The avatar is too large' },
      415: { model: Message, description: 'The avatar is not a PNG or JPEG' },
    },
  },
  function upload_avatar({ files }) {
    return received(files.avatar)
  },
)
