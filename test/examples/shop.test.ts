// examples/shop: the shop end to end through the TestClient, from its demo data, on PGlite in
// memory and, when one is available (test-databases.ts), on a real PostgreSQL: the same code on
// both, concurrent orders for the last item included.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createApp } from '../../examples/shop/app.js'
import { DEMO_USERS } from '../../examples/shop/db/seed.js'
import { getDatabaseProbe, getOrderEvents } from '../../examples/shop/dependencies.js'
import type { Order as OrderValue } from '../../examples/shop/services/orders.js'
import { loadSettings, type Settings } from '../../examples/shop/settings.js'
import { depends, TestClient } from '../../src/index.js'
import { pglite, postgresSkip, scratchPostgres, type TestDatabase } from './test-databases.js'

interface Product {
  id: number
  slug: string
  name: string
  description: string
  price: string
  category_id: number
  stock: number
}
interface Page<Item> {
  items: Item[]
  total: number
  page: number
  limit: number
}
interface Order {
  id: number
  user_id: number
  status: string
  total: string
  lines: { product_id: number; quantity: number; unit_price: string }[]
  confirmed_at: string | null
}
interface Email {
  recipient: string
  subject: string
  body: string
}
type Auth = { headers: Record<string, string> }

const testSettings = (overrides: Partial<Settings>): Settings => ({
  ...loadSettings({}),
  dataDir: undefined,
  logLevel: 'silent',
  corsOrigins: ['https://shop.example.com'],
  ...overrides,
})

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`examples/shop on ${backend}`, { skip: backend === 'postgres' && postgresSkip }, () =>
    suite(backend),
  )
}

function suite(backend: 'pglite' | 'postgres') {
  let database: TestDatabase
  let app: ReturnType<typeof createApp>
  let client: TestClient
  let admin: Auth
  let customer: Auth
  let other: Auth

  before(async () => {
    database = backend === 'pglite' ? pglite : await scratchPostgres('brisk_shop')
    app = createApp(testSettings({ databaseUrl: database.url }))
    client = await TestClient.start(app)
    admin = await logIn(DEMO_USERS.admin.email, DEMO_USERS.admin.password)
    customer = await logIn(DEMO_USERS.customer.email, DEMO_USERS.customer.password)
    const signUp = await client.post('/users', {
      json: { email: 'olga@example.com', name: 'Olga', password: 'olga-password' },
    })
    assert.equal(signUp.status, 201, signUp.text)
    other = await logIn('olga@example.com', 'olga-password')
  })
  after(async () => {
    await client?.stop()
    await database?.drop()
  })

  async function logIn(username: string, password: string): Promise<Auth> {
    const res = await client.post('/token', { form: { username, password } })
    assert.equal(res.status, 200, res.text)
    return { headers: { authorization: `Bearer ${res.json<{ access_token: string }>().access_token}` } }
  }

  async function newProduct(fields: Partial<Product> & { slug: string }): Promise<Product> {
    const res = await client.post('/products', {
      ...admin,
      json: { name: fields.slug, price: '1.00', category_id: 1, stock: 10, ...fields },
    })
    assert.equal(res.status, 201, res.text)
    return res.json<Product>()
  }

  const stockOf = async (id: number) => (await client.get(`/products/${id}`)).json<Product>().stock
  const order = (auth: Auth, lines: { product_id: number; quantity: number }[]) =>
    client.post('/orders', { ...auth, json: { lines } })

  test('login: the demo accounts and their roles; a wrong password is a 400; sign-up makes a customer', async () => {
    const me = await client.get('/users/me', admin)
    assert.equal(me.status, 200)
    assert.equal(me.json<{ role: string }>().role, 'admin')
    assert.equal(me.json<Record<string, unknown>>().password_hash, undefined)
    assert.equal((await client.get('/users/me', customer)).json<{ role: string }>().role, 'customer')

    const wrong = await client.post('/token', {
      form: { username: DEMO_USERS.admin.email, password: 'customer-password' },
    })
    assert.equal(wrong.status, 400)
    assert.deepEqual(wrong.json(), { detail: 'Incorrect email or password' })

    // A role in the sign-up body is not a field of UserCreate: it is dropped, not obeyed.
    const sneaky = await client.post('/users', {
      json: { email: 'mallory@example.com', name: 'Mallory', password: 'mallory-password', role: 'admin' },
    })
    assert.equal(sneaky.status, 201)
    assert.equal(sneaky.json<{ role: string }>().role, 'customer')
    const taken = await client.post('/users', {
      json: { email: 'OLGA@example.com', name: 'Olga 2', password: 'another-password' },
    })
    assert.equal(taken.status, 409)
  })

  test('roles: writes need an admin (401 without a token, 403 for a customer); reads are public', async () => {
    const product = { slug: 'moka-pot', name: 'Moka pot', price: '34.90', category_id: 2, stock: 3 }
    const anonymous = await client.post('/products', { json: product })
    assert.equal(anonymous.status, 401)
    assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer')
    const forbidden = await client.post('/products', { ...customer, json: product })
    assert.equal(forbidden.status, 403)
    assert.deepEqual(forbidden.json(), { detail: 'Only users with the admin role may do this' })
    assert.equal((await client.get('/users', customer)).status, 403)
    assert.equal((await client.get('/outbox', customer)).status, 403)
    assert.equal((await client.get('/products')).status, 200)
    assert.equal((await client.get('/categories')).status, 200)
  })

  test('product CRUD: create, read, update only what is sent, delete; slugs are unique', async () => {
    const created = await client.post('/products', {
      ...admin,
      json: { slug: 'pour-over-kettle', name: 'Pour-over kettle', price: '45.5', category_id: 2, stock: 4 },
    })
    assert.equal(created.status, 201, created.text)
    const product = created.json<Product>()
    assert.equal(product.price, '45.50', 'PostgreSQL keeps two decimals')
    assert.equal(product.description, '')

    const patched = await client.patch(`/products/${product.id}`, { ...admin, json: { price: '39.99' } })
    assert.equal(patched.status, 200, patched.text)
    assert.equal(patched.json<Product>().price, '39.99')
    assert.equal(patched.json<Product>().stock, 4, 'a field not sent is kept')
    assert.equal(patched.json<Product>().name, 'Pour-over kettle')

    const duplicate = await client.post('/products', {
      ...admin,
      json: { slug: 'pour-over-kettle', name: 'Again', price: '1.00', category_id: 2, stock: 1 },
    })
    assert.equal(duplicate.status, 409)
    assert.deepEqual(duplicate.json(), {
      detail: 'A product with the slug "pour-over-kettle" already exists',
    })
    const noCategory = await client.patch(`/products/${product.id}`, { ...admin, json: { category_id: 999 } })
    assert.equal(noCategory.status, 409)
    assert.deepEqual(noCategory.json(), { detail: 'Category 999 does not exist' })

    const bad = await client.post('/products', {
      ...admin,
      json: { slug: 'Not A Slug', name: 'x', price: 19.99, category_id: 2, stock: -1 },
    })
    assert.equal(bad.status, 422)
    assert.deepEqual(
      bad.json<{ detail: { loc: string[] }[] }>().detail.map((error) => error.loc.join('.')),
      ['body.slug', 'body.price', 'body.stock'],
    )
    const tooPrecise = await client.patch(`/products/${product.id}`, { ...admin, json: { price: '1.999' } })
    assert.equal(tooPrecise.status, 422)

    assert.equal((await client.delete(`/products/${product.id}`, admin)).status, 204)
    assert.equal((await client.get(`/products/${product.id}`)).status, 404)
    assert.deepEqual((await client.get(`/products/${product.id}`)).json(), {
      detail: `Product ${product.id} not found`,
    })
  })

  test('categories: CRUD; one that has products cannot be deleted', async () => {
    const created = await client.post('/categories', { ...admin, json: { slug: 'tea', name: 'Tea' } })
    assert.equal(created.status, 201, created.text)
    const tea = created.json<{ id: number; name: string }>()
    const renamed = await client.patch(`/categories/${tea.id}`, { ...admin, json: { name: 'Teas' } })
    assert.equal(renamed.json<{ name: string }>().name, 'Teas')
    assert.equal(
      (await client.post('/categories', { ...admin, json: { slug: 'tea', name: 'x' } })).status,
      409,
    )
    assert.equal(
      (await client.post('/categories', { ...customer, json: { slug: 'x', name: 'x' } })).status,
      403,
    )

    const inUse = await client.delete('/categories/1', admin)
    assert.equal(inUse.status, 409)
    assert.deepEqual(inUse.json(), { detail: 'Category 1 still has products' })
    assert.equal((await client.delete(`/categories/${tea.id}`, admin)).status, 204)
    assert.equal((await client.get(`/categories/${tea.id}`)).status, 404)
  })

  test('the catalogue: pages with a total, a category filter, a search with LIKE wildcards taken literally', async () => {
    const all = (await client.get('/products', { query: { limit: 2 } })).json<Page<Product>>()
    assert.equal(all.items.length, 2)
    assert.ok(all.total >= 5)
    const last = (
      await client.get('/products', { query: { limit: 2, page: Math.ceil(all.total / 2) } })
    ).json<Page<Product>>()
    assert.equal(last.items.length, all.total % 2 === 0 ? 2 : 1)

    const coffee = (await client.get('/products', { query: { category: 'coffee' } })).json<Page<Product>>()
    assert.deepEqual(coffee.items.map((product) => product.slug).sort(), [
      'colombia-huila',
      'ethiopia-yirgacheffe',
    ])
    assert.equal(coffee.total, 2)
    const search = (await client.get('/products', { query: { q: 'ATLAS' } })).json<Page<Product>>()
    assert.deepEqual(
      search.items.map((product) => product.slug),
      ['the-coffee-atlas'],
    )
    const percent = (await client.get('/products', { query: { q: '%' } })).json<Page<Product>>()
    assert.equal(percent.total, 0, '% matches only a literal %')
    const bad = await client.get('/products', { query: { limit: 1000, category: 'Not a slug' } })
    assert.equal(bad.status, 422)
    const far = await client.get('/products', { query: { page: Number.MAX_SAFE_INTEGER } })
    assert.equal(far.status, 200, far.text)
    assert.deepEqual(far.json<Page<Product>>().items, [])
    // Past PostgreSQL's `integer`: refused before the database sees it, not its "out of range" as a 500.
    assert.equal((await client.get('/products/2147483648')).status, 422)
    assert.equal((await client.get('/products/2147483647')).status, 404)
  })

  test('an order: stock taken, the total summed exactly in SQL, the unit prices of the day', async () => {
    const dime = await newProduct({ slug: 'sugar-cube', price: '0.10', stock: 10 })
    const fifth = await newProduct({ slug: 'stirrer', price: '0.20', stock: 10 })
    // 0.1 * 3 + 0.2 in floats is 0.5000000000000001; in numeric, 0.50.
    const res = await order(customer, [
      { product_id: fifth.id, quantity: 1 },
      { product_id: dime.id, quantity: 2 },
      { product_id: dime.id, quantity: 1 },
    ])
    assert.equal(res.status, 201, res.text)
    const placed = res.json<Order>()
    assert.equal(placed.status, 'pending')
    assert.equal(placed.total, '0.50')
    assert.deepEqual(placed.lines, [
      { product_id: dime.id, quantity: 3, unit_price: '0.10' },
      { product_id: fifth.id, quantity: 1, unit_price: '0.20' },
    ])
    assert.equal(await stockOf(dime.id), 7)
    assert.equal(await stockOf(fifth.id), 9)
    await client.patch(`/products/${dime.id}`, { ...admin, json: { price: '0.15' } })
    assert.equal((await client.get(`/orders/${placed.id}`, customer)).json<Order>().total, '0.50')
  })

  test('an order that cannot be served is refused whole: no stock is taken from any line', async () => {
    const plenty = await newProduct({ slug: 'filter-papers', stock: 50 })
    const scarce = await newProduct({ slug: 'rare-beans', stock: 2 })
    const res = await order(customer, [
      { product_id: plenty.id, quantity: 5 },
      { product_id: scarce.id, quantity: 3 },
    ])
    assert.equal(res.status, 409)
    assert.deepEqual(res.json(), { detail: 'Not enough stock for "rare-beans": 3 asked, 2 left' })
    assert.equal(await stockOf(plenty.id), 50)
    assert.equal(await stockOf(scarce.id), 2)
    const unknown = await order(customer, [{ product_id: 99999, quantity: 1 }])
    assert.equal(unknown.status, 409)
    assert.deepEqual(unknown.json(), { detail: 'Product 99999 does not exist' })
    const empty = await client.post('/orders', { ...customer, json: { lines: [] } })
    assert.equal(empty.status, 422)
  })

  test('concurrent orders for the last item: exactly one wins, the others are 409s, stock ends at 0', async () => {
    const last = await newProduct({ slug: 'last-one', stock: 1 })
    const buyers = [customer, other, admin]
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        order(buyers[i % buyers.length]!, [{ product_id: last.id, quantity: 1 }]),
      ),
    )
    const statuses = results.map((res) => res.status).sort()
    assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409, 409])
    for (const res of results.filter((r) => r.status === 409))
      assert.deepEqual(res.json(), { detail: 'Not enough stock for "last-one": 1 asked, 0 left' })
    assert.equal(await stockOf(last.id), 0)
  })

  test('customers see only their own orders; an admin sees all', async () => {
    const product = await newProduct({ slug: 'private-blend', stock: 10 })
    const mine = (await order(other, [{ product_id: product.id, quantity: 1 }])).json<Order>()
    for (const res of [
      await client.get(`/orders/${mine.id}`, customer),
      await client.post(`/orders/${mine.id}/confirm`, customer),
      await client.post(`/orders/${mine.id}/cancel`, customer),
    ]) {
      assert.equal(res.status, 404)
      assert.deepEqual(res.json(), { detail: `Order ${mine.id} not found` })
    }
    const others = (await client.get('/orders', other)).json<Page<Order>>()
    assert.ok(others.items.every((o) => o.user_id === mine.user_id))
    assert.ok(others.items.some((o) => o.id === mine.id))
    const customers = (await client.get('/orders', customer)).json<Page<Order>>()
    assert.ok(customers.items.every((o) => o.id !== mine.id))
    const all = (await client.get('/orders', { ...admin, query: { limit: 100 } })).json<Page<Order>>()
    const ids = new Set(all.items.map((o) => o.id))
    assert.ok([...others.items, ...customers.items].every((o) => ids.has(o.id)))
    assert.ok(all.total >= others.total + customers.total)
    assert.equal((await client.get(`/orders/${mine.id}`, admin)).status, 200)
  })

  test('status transitions: confirm once (concurrently too), cancel returns the stock, then nothing', async () => {
    const product = await newProduct({ slug: 'grinder-burr', stock: 5 })
    const placed = (await order(customer, [{ product_id: product.id, quantity: 2 }])).json<Order>()
    const confirms = await Promise.all(
      [1, 2, 3].map(() => client.post(`/orders/${placed.id}/confirm`, customer)),
    )
    assert.deepEqual(confirms.map((res) => res.status).sort(), [200, 409, 409])
    const confirmed = confirms.find((res) => res.status === 200)!.json<Order>()
    assert.equal(confirmed.status, 'confirmed')
    assert.ok(confirmed.confirmed_at !== null)
    assert.deepEqual(confirms.find((res) => res.status === 409)!.json(), {
      detail: `Order ${placed.id} is confirmed; only a pending order can be confirmed`,
    })
    assert.equal(await stockOf(product.id), 3)

    const cancelled = await client.post(`/orders/${placed.id}/cancel`, customer)
    assert.equal(cancelled.status, 200)
    assert.equal(cancelled.json<Order>().status, 'cancelled')
    assert.equal(await stockOf(product.id), 5, 'the stock is back')
    const again = await client.post(`/orders/${placed.id}/cancel`, customer)
    assert.equal(again.status, 409)
    assert.deepEqual(again.json(), {
      detail: `Order ${placed.id} is cancelled; only a pending or confirmed order can be cancelled`,
    })
    assert.equal((await client.post(`/orders/${placed.id}/confirm`, customer)).status, 409)
    assert.equal(await stockOf(product.id), 5, 'a second cancel returns nothing')

    const pending = (await order(customer, [{ product_id: product.id, quantity: 1 }])).json<Order>()
    assert.equal(
      (await client.post(`/orders/${pending.id}/cancel`, admin)).status,
      200,
      'an admin cancels any',
    )
    assert.equal(await stockOf(product.id), 5)
  })

  test('after a confirmation, the email is in the outbox; the order events hear of it', async () => {
    const heard: string[] = []
    app.dependencyOverrides.set(
      getOrderEvents,
      depends(() => ({
        orderConfirmed: (o: OrderValue) => void heard.push(`confirmed ${o.id}`),
        orderCancelled: (o: OrderValue) => void heard.push(`cancelled ${o.id}`),
      })),
    )
    try {
      const product = await newProduct({ slug: 'gift-box', name: 'Gift box', price: '12.34', stock: 5 })
      const placed = (await order(customer, [{ product_id: product.id, quantity: 3 }])).json<Order>()
      // Confirmed by the admin: the email still goes to the customer who ordered.
      assert.equal((await client.post(`/orders/${placed.id}/confirm`, admin)).status, 200)
      // The TestClient returns once the background tasks have run.
      const emails = (await client.get('/outbox', admin)).json<Email[]>()
      const email = emails.find((e) => e.subject === `Your order #${placed.id} is confirmed`)
      assert.ok(email, JSON.stringify(emails))
      assert.equal(email.recipient, DEMO_USERS.customer.email)
      assert.match(email.body, /Hello Casey Customer,/)
      assert.match(email.body, /3 × Gift box at 12\.34: 37\.02/)
      assert.match(email.body, /Total: 37\.02/)
      await client.post(`/orders/${placed.id}/cancel`, customer)
      assert.deepEqual(heard, [`confirmed ${placed.id}`, `cancelled ${placed.id}`])
    } finally {
      app.dependencyOverrides.delete(getOrderEvents)
    }
  })

  test('/health and /ready; /ready is a 503 when the database fails or does not answer in time', async () => {
    assert.deepEqual((await client.get('/health')).json(), { status: 'ok' })
    assert.deepEqual((await client.get('/ready')).json(), { status: 'ready' })
    for (const ping of [
      () => Promise.reject(new Error('connection refused')),
      () => new Promise<void>(() => {}),
    ]) {
      app.dependencyOverrides.set(
        getDatabaseProbe,
        depends(() => ({ ping, timeoutMs: 50 })),
      )
      try {
        const res = await client.get('/ready')
        assert.equal(res.status, 503)
        assert.deepEqual(res.json(), { detail: 'The database does not answer' })
      } finally {
        app.dependencyOverrides.delete(getDatabaseProbe)
      }
    }
  })

  test('middleware: request ids, CORS for the storefront, compressed answers', async () => {
    const res = await client.get('/products', {
      query: { limit: 100 },
      headers: { origin: 'https://shop.example.com', 'x-request-id': 'checkout-42' },
    })
    assert.equal(res.headers.get('x-request-id'), 'checkout-42')
    assert.equal(res.headers.get('access-control-allow-origin'), 'https://shop.example.com')
    assert.equal(res.headers.get('content-encoding'), 'gzip')
    const preflight = await client.options('/orders', {
      headers: {
        origin: 'https://shop.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    })
    assert.equal(preflight.status, 200)
    const stranger = await client.get('/health', { headers: { origin: 'https://evil.example' } })
    assert.equal(stranger.headers.get('access-control-allow-origin'), null)
  })

  test('the OpenAPI document shows every route, the models with examples and the OAuth2 password flow', () => {
    const document = app.openapi() as unknown as {
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>
      components: {
        schemas: Record<string, { examples?: unknown[] }>
        securitySchemes: Record<string, unknown>
      }
    }
    assert.deepEqual(Object.keys(document.paths).sort(), [
      '/categories',
      '/categories/{category_id}',
      '/health',
      '/orders',
      '/orders/{order_id}',
      '/orders/{order_id}/cancel',
      '/orders/{order_id}/confirm',
      '/outbox',
      '/products',
      '/products/{product_id}',
      '/ready',
      '/reports',
      '/reports/{report_id}',
      '/token',
      '/users',
      '/users/me',
      '/users/{user_id}',
    ])
    for (const name of [
      'ProductCreate',
      'ProductUpdate',
      'Product',
      'CategoryCreate',
      'OrderCreate',
      'Order',
      'User',
    ])
      assert.ok(document.components.schemas[name]?.examples?.length, `${name} has an example`)
    for (const name of [
      'ProductPage',
      'OrderPage',
      'CartLine',
      'Price',
      'Role',
      'OrderStatus',
      'Email',
      'Message',
    ])
      assert.ok(name in document.components.schemas, name)
    assert.deepEqual(document.components.securitySchemes.OAuth2PasswordBearer, {
      type: 'oauth2',
      description: 'Log in with the email as the username. Demo accounts: see the README.',
      flows: { password: { scopes: {}, tokenUrl: 'token' } },
    })
    const createProduct = document.paths['/products']!.post!
    assert.deepEqual(createProduct.security, [{ OAuth2PasswordBearer: [] }])
    assert.deepEqual(Object.keys(createProduct.responses).sort(), ['201', '401', '403', '404', '409', '422'])
    assert.equal(document.paths['/products']!.get!.security, undefined, 'browsing needs no token')
  })
}

describe('examples/shop seeds once', () => {
  test('a restarted shop keeps its data under the data directory and is not seeded again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brisk-shop-'))
    try {
      const start = () => TestClient.start(createApp(testSettings({ dataDir, databaseUrl: undefined })))
      let client = await start()
      const first = (await client.get('/products')).json<Page<Product>>()
      const token = (
        await client.post('/token', {
          form: { username: DEMO_USERS.admin.email, password: DEMO_USERS.admin.password },
        })
      ).json<{ access_token: string }>()
      await client.patch(`/products/${first.items[0]!.id}`, {
        headers: { authorization: `Bearer ${token.access_token}` },
        json: { stock: 99 },
      })
      await client.stop()
      client = await start()
      const second = (await client.get('/products')).json<Page<Product>>()
      await client.stop()
      assert.equal(second.total, first.total)
      assert.equal(second.items[0]!.stock, 99)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
