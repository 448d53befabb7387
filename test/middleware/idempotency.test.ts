// idempotency(): replay of the first answer, 422 for a reused key, 409 while in flight, expiry,
// freed keys after failures, and the limits; the core cases run on every store.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import { Redis } from 'ioredis'
import { z } from 'zod'
import { ConfigError } from '../../src/errors/config-error.js'
import { App, HTTPException, json, stream, TestClient, upload } from '../../src/index.js'
import { type IdempotencyOptions, idempotency } from '../../src/middleware/index.js'
import type { KeyValueStore } from '../../src/stores/key-value-store.js'
import { MemoryStore } from '../../src/stores/memory-store.js'
import { PostgresStore } from '../../src/stores/postgres-store.js'
import { RedisStore } from '../../src/stores/redis-store.js'
import { type RunningRedis, redisSkip, startRedis } from '../stores/redis-server.js'

const Order = z.object({ item: z.string(), quantity: z.int() })

/** An order app counting how often the handler really ran; `gate` holds the handler until opened. */
function orderApp(options: Partial<IdempotencyOptions> = {}, store: KeyValueStore = new MemoryStore()) {
  const app = new App()
  app.use(idempotency({ store, ...options }))
  const state = { runs: 0, gate: undefined as Promise<void> | undefined, entered: () => {} }
  app.post('/orders', { body: Order, status: 201 }, async ({ body, response }) => {
    state.runs++
    state.entered()
    await state.gate
    response.headers.set('x-order-id', `order-${state.runs}`)
    response.setCookie('last_order', String(state.runs))
    return { id: state.runs, ...body }
  })
  return { client: new TestClient(app), state, app }
}

const order = { item: 'tea', quantity: 2 }
const withKey = (key: string, body: unknown = order) => ({ headers: { 'idempotency-key': key }, json: body })

/** The core behaviour, run against each store. */
function coreCases(name: string, open: () => KeyValueStore, skip: string | false = false) {
  describe(`idempotency() on ${name}`, { skip }, () => {
    test('a retry with the same key and payload gets the first answer again, marked replayed', async () => {
      const { client, state } = orderApp({}, open())
      const key = `k-${crypto.randomUUID()}`
      const first = await client.post('/orders', withKey(key))
      assert.equal(first.status, 201)
      assert.equal(first.headers.get('idempotent-replayed'), null)
      const again = await client.post('/orders', withKey(key))
      assert.equal(again.status, 201)
      assert.deepEqual(again.json(), first.json())
      assert.equal(again.headers.get('x-order-id'), 'order-1')
      assert.equal(again.headers.get('set-cookie'), first.headers.get('set-cookie'))
      assert.equal(again.headers.get('content-type'), 'application/json')
      assert.equal(again.headers.get('idempotent-replayed'), 'true')
      assert.equal(state.runs, 1)
    })

    test('the same key with another payload or path is a 422', async () => {
      const { client, state } = orderApp({}, open())
      const key = `k-${crypto.randomUUID()}`
      assert.equal((await client.post('/orders', withKey(key))).status, 201)
      const other = await client.post('/orders', withKey(key, { item: 'tea', quantity: 3 }))
      assert.equal(other.status, 422)
      assert.deepEqual(other.json(), {
        detail: 'This Idempotency-Key was already used for a different request',
      })
      assert.equal((await client.post('/orders?express=1', withKey(key))).status, 422)
      assert.equal(state.runs, 1)
    })

    test('a duplicate while the first is in flight is a 409; once it is done, a replay', async () => {
      const { client, state } = orderApp({}, open())
      const key = `k-${crypto.randomUUID()}`
      let open_: () => void = () => {}
      state.gate = new Promise((resolve) => {
        open_ = resolve
      })
      const entered = new Promise<void>((resolve) => {
        state.entered = resolve
      })
      const first = client.post('/orders', withKey(key))
      await entered
      const duplicate = await client.post('/orders', withKey(key))
      assert.equal(duplicate.status, 409)
      assert.deepEqual(duplicate.json(), {
        detail: 'A request with this Idempotency-Key is still being processed; retry later',
      })
      open_()
      assert.equal((await first).status, 201)
      assert.equal((await client.post('/orders', withKey(key))).headers.get('idempotent-replayed'), 'true')
      assert.equal(state.runs, 1)
    })

    test('a kept answer expires after ttlSeconds, and the key runs again', async () => {
      const { client, state } = orderApp({ ttlSeconds: 1 }, open())
      const key = `k-${crypto.randomUUID()}`
      assert.equal((await client.post('/orders', withKey(key))).status, 201)
      await new Promise((resolve) => setTimeout(resolve, 1200))
      const later = await client.post('/orders', withKey(key))
      assert.equal(later.status, 201)
      assert.equal(later.headers.get('idempotent-replayed'), null)
      assert.equal(state.runs, 2)
    })
  })
}

coreCases('MemoryStore', () => new MemoryStore())

const pglite = new PGlite()
after(() => pglite.close())
coreCases('PostgresStore (PGlite)', () => new PostgresStore(pglite))

let redisServer: RunningRedis | undefined
let redis: Redis | undefined
before(async () => {
  if (redisSkip !== false) return
  redisServer = await startRedis()
  redis = new Redis(redisServer.url)
})
after(async () => {
  await redis?.quit()
  await redisServer?.stop()
})
coreCases('RedisStore', () => new RedisStore(redis!), redisSkip)

describe('idempotency()', () => {
  test('an error answer or a thrown error frees the key, so a corrected retry runs', async () => {
    const logged: string[] = []
    const app = new App({ logger: { error: (_, message) => logged.push(message), warn() {}, info() {} } })
    app.use(idempotency({ store: new MemoryStore() }))
    let runs = 0
    app.post('/pay', () => {
      runs++
      if (runs === 1) throw new HTTPException(402, 'Card declined')
      if (runs === 2) throw new Error('database down')
      return { paid: true }
    })
    const client = new TestClient(app, { raiseServerExceptions: false })
    const send = () => client.post('/pay', { headers: { 'idempotency-key': 'pay-1' }, json: { amount: 5 } })
    assert.equal((await send()).status, 402)
    assert.equal((await send()).status, 500)
    assert.equal((await send()).status, 200)
    assert.equal((await send()).headers.get('idempotent-replayed'), 'true')
    assert.equal(runs, 3)
    assert.equal(logged.length, 1)
  })

  test('without a key the request runs as usual; with required: true it is a 400', async () => {
    const optional = orderApp()
    await optional.client.post('/orders', { json: order })
    await optional.client.post('/orders', { json: order })
    assert.equal(optional.state.runs, 2)
    const required = orderApp({ required: true })
    const res = await required.client.post('/orders', { json: order })
    assert.equal(res.status, 400)
    assert.deepEqual(res.json(), { detail: 'This operation requires an Idempotency-Key header' })
    assert.equal(required.state.runs, 0)
  })

  test('methods outside `methods` are left alone', async () => {
    const app = new App()
    app.use(idempotency({ store: new MemoryStore(), required: true }))
    let runs = 0
    app.get('/count', () => ({ runs: ++runs }))
    app.put('/count', () => ({ runs: ++runs }))
    const client = new TestClient(app)
    const headers = { 'idempotency-key': 'same' }
    await client.get('/count', { headers })
    await client.put('/count', { headers })
    assert.deepEqual((await client.get('/count', { headers })).json(), { runs: 3 })
  })

  test("the draft's quoted key and the bare key are one key; malformed keys are a 400", async () => {
    const { client, state } = orderApp({ maxKeyLength: 40 })
    assert.equal(
      (await client.post('/orders', withKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"'))).status,
      201,
    )
    const bare = await client.post('/orders', withKey('8e03978e-40d5-43e8-bc93-6894a57f9324'))
    assert.equal(bare.headers.get('idempotent-replayed'), 'true')
    for (const key of ['""', 'k'.repeat(41), 'é-key', 'a"b', 'back\\slash']) {
      const res = await client.post('/orders', withKey(key))
      assert.equal(res.status, 400, key)
      assert.deepEqual(res.json(), { detail: 'Invalid Idempotency-Key header' })
    }
    assert.equal(state.runs, 1)
  })

  test('by default a kept answer is replayed only to the same Authorization', async () => {
    const { client, state } = orderApp()
    const as = (authorization: string | undefined) => ({
      headers: { 'idempotency-key': 'shared', ...(authorization && { authorization }) },
      json: order,
    })
    await client.post('/orders', as('Bearer alice'))
    const stranger = await client.post('/orders', as(undefined))
    assert.equal(stranger.headers.get('idempotent-replayed'), null, 'no token: not her answer')
    const other = await client.post('/orders', as('Bearer mallory'))
    assert.equal(other.headers.get('idempotent-replayed'), null, 'another token: not her answer')
    assert.equal(
      (await client.post('/orders', as('Bearer alice'))).headers.get('idempotent-replayed'),
      'true',
    )
    assert.equal(state.runs, 3)
  })

  test('keys of different scopes never meet', async () => {
    const { client, state } = orderApp({ scope: (ctx) => ctx.header('x-tenant') ?? '' })
    const as = (tenant: string) => ({ headers: { 'idempotency-key': 'k', 'x-tenant': tenant }, json: order })
    await client.post('/orders', as('shop-a'))
    const other = await client.post('/orders', as('shop-b'))
    assert.equal(other.headers.get('idempotent-replayed'), null)
    assert.equal((await client.post('/orders', as('shop-a'))).headers.get('idempotent-replayed'), 'true')
    assert.equal(state.runs, 2)
  })

  test('a streamed or oversized answer is not replayed: a retry is a 409, never a second run', async () => {
    const app = new App()
    app.use(idempotency({ store: new MemoryStore(), maxStoredBytes: 100 }))
    let runs = 0
    app.post('/export', () => {
      runs++
      return stream(
        (async function* () {
          yield 'a,b\n'
        })(),
        { contentType: 'text/csv' },
      )
    })
    app.post('/big', () => {
      runs++
      return json({ data: 'x'.repeat(200) })
    })
    const client = new TestClient(app)
    for (const path of ['/export', '/big']) {
      const headers = { 'idempotency-key': `k${path}` }
      assert.equal((await client.post(path, { headers })).status, 200)
      const retry = await client.post(path, { headers })
      assert.equal(retry.status, 409)
      assert.deepEqual(retry.json(), {
        detail: 'A request with this Idempotency-Key was already processed; its response cannot be replayed',
      })
    }
    assert.equal(runs, 2)
  })

  test("a body over the app's bodyLimit is a 413, not a 500", async () => {
    const app = new App({ bodyLimit: 100 })
    app.use(idempotency({ store: new MemoryStore() }))
    app.post('/orders', () => ({ ok: true }))
    const res = await new TestClient(app).post('/orders', {
      headers: { 'idempotency-key': 'k' },
      content: 'x'.repeat(500),
    })
    assert.equal(res.status, 413)
  })

  test('a multipart upload still reaches its route after the fingerprint read the body', async () => {
    const app = new App()
    app.use(idempotency({ store: new MemoryStore() }))
    app.post('/files', { files: { file: upload() } }, async ({ files }) => ({
      text: await files.file.text(),
    }))
    const client = new TestClient(app)
    const send = () =>
      client.post('/files', {
        headers: { 'idempotency-key': 'f' },
        files: { file: ['a.txt', 'hello', 'text/plain'] },
      })
    const res = await send()
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { text: 'hello' })
  })

  test('bad options are ConfigErrors', () => {
    const store = new MemoryStore()
    const bad: unknown[] = [
      {},
      { store: {} },
      { store, ttlSeconds: 0 },
      { store, lockSeconds: 1.5 },
      { store, methods: 'POST' },
      { store, header: 'bad header' },
      { store, scope: 'tenant' },
      { store, ttl: 60 },
    ]
    for (const options of bad)
      assert.throws(() => idempotency(options as never), ConfigError, JSON.stringify(options))
  })
})
