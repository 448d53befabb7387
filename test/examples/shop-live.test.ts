// examples/shop's live parts, on PGlite and on a real PostgreSQL: order notifications over a
// token-authenticated WebSocket (through the broadcaster: PostgreSQL's LISTEN/NOTIFY there), and
// sales reports as durable pg-boss jobs, including one queued before a restart and done after.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { createApp } from '../../examples/shop/app.js'
import { DEMO_USERS } from '../../examples/shop/db/seed.js'
import { loadSettings, type Settings } from '../../examples/shop/settings.js'
import { TestClient, WebSocketDenialResponse, WebSocketDisconnect } from '../../src/index.js'
import { pglite, postgresSkip, scratchPostgres, type TestDatabase } from './test-databases.js'

interface Report {
  id: string
  status: string
  from: string
  to: string
  result: {
    orders: number
    revenue: string
    products: { name: string; quantity: number; revenue: string }[]
  } | null
  error: string | null
}

const testSettings = (overrides: Partial<Settings>): Settings => ({
  ...loadSettings({}),
  dataDir: undefined,
  logLevel: 'silent',
  jobPollSeconds: 1,
  ...overrides,
})

const today = () => new Date().toISOString().slice(0, 10)

async function tokenOf(client: TestClient, who: { email: string; password: string }): Promise<string> {
  const res = await client.post('/token', { form: { username: who.email, password: who.password } })
  assert.equal(res.status, 200, res.text)
  return res.json<{ access_token: string }>().access_token
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

/** Polls a report until it is done (or 15 s pass). */
async function settled(client: TestClient, token: string, id: string): Promise<Report> {
  const deadline = Date.now() + 15_000
  for (;;) {
    const report = (await client.get(`/reports/${id}`, bearer(token))).json<Report>()
    if (report.status === 'succeeded' || report.status === 'failed') return report
    assert.ok(Date.now() < deadline, `report still ${report.status}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

for (const backend of ['pglite', 'postgres'] as const) {
  describe(`examples/shop live on ${backend}`, { skip: backend === 'postgres' && postgresSkip }, () => {
    let database: TestDatabase
    let client: TestClient
    let admin: string
    let customer: string

    before(async () => {
      database = backend === 'pglite' ? pglite : await scratchPostgres('brisk_shop_live')
      client = await TestClient.start(createApp(testSettings({ databaseUrl: database.url })))
      admin = await tokenOf(client, DEMO_USERS.admin)
      customer = await tokenOf(client, DEMO_USERS.customer)
    })
    after(async () => {
      await client?.stop()
      await database?.drop()
    })

    async function confirmedOrder(quantity: number): Promise<{ id: number; total: string }> {
      const placed = await client.post('/orders', {
        ...bearer(customer),
        json: { lines: [{ product_id: 1, quantity }] },
      })
      assert.equal(placed.status, 201, placed.text)
      const { id } = placed.json<{ id: number }>()
      const confirmed = await client.post(`/orders/${id}/confirm`, bearer(admin))
      assert.equal(confirmed.status, 200, confirmed.text)
      return confirmed.json<{ id: number; total: string }>()
    }

    test('a confirmation reaches the customer’s socket and the staff’s, and so does a cancellation', async () => {
      await using mine = await client.websocket('/ws/notifications', { query: { token: customer } })
      await using staff = await client.websocket('/ws/notifications', { query: { token: admin } })
      const order = await confirmedOrder(1)
      const expected = {
        type: 'order.confirmed',
        order_id: order.id,
        status: 'confirmed',
        total: order.total,
      }
      assert.deepEqual(await mine.receiveJson(), expected)
      assert.deepEqual(await staff.receiveJson(), expected)
      const cancelled = await client.post(`/orders/${order.id}/cancel`, bearer(customer))
      assert.equal(cancelled.status, 200)
      assert.deepEqual(await mine.receiveJson(), {
        ...expected,
        type: 'order.cancelled',
        status: 'cancelled',
      })
    })

    test('no token refuses the upgrade with 401; a bad one closes with 1008', async () => {
      await assert.rejects(
        client.websocket('/ws/notifications'),
        (error: unknown) => error instanceof WebSocketDenialResponse && error.response.status === 401,
      )
      await assert.rejects(
        client.websocket('/ws/notifications', { query: { token: 'not-a-token' } }),
        (error: unknown) => error instanceof WebSocketDisconnect && error.code === 1008,
      )
    })

    test('a sales report: 202 with a job id, then pending → succeeded with the day’s sales', async () => {
      const before = await client.post('/reports', { ...bearer(admin), json: { from: today(), to: today() } })
      assert.equal(before.status, 202, before.text)
      const baseline = await settled(client, admin, before.json<{ id: string }>().id)
      const order = await confirmedOrder(2)
      const queued = await client.post('/reports', { ...bearer(admin), json: { from: today(), to: today() } })
      assert.equal(queued.status, 202)
      const { id, status } = queued.json<{ id: string; status: string }>()
      assert.equal(status, 'pending')
      const report = await settled(client, admin, id)
      assert.equal(report.status, 'succeeded', report.error ?? '')
      assert.equal(report.result!.orders, baseline.result!.orders + 1)
      const cents = (amount: string) => Math.round(Number(amount) * 100)
      assert.equal(cents(report.result!.revenue) - cents(baseline.result!.revenue), cents(order.total))
    })

    test('reports are the staff’s; an unknown id is a 404; a backwards range is a 422', async () => {
      const asCustomer = await client.post('/reports', {
        ...bearer(customer),
        json: { from: today(), to: today() },
      })
      assert.equal(asCustomer.status, 403)
      const unknown = await client.get('/reports/00000000-0000-4000-8000-000000000000', bearer(admin))
      assert.equal(unknown.status, 404)
      const backwards = await client.post('/reports', {
        ...bearer(admin),
        json: { from: '2026-12-31', to: '2026-12-01' },
      })
      assert.equal(backwards.status, 422)
    })
  })
}

describe('examples/shop report jobs survive a restart', () => {
  test('queued by a shop that computes none, done by the next one on the same data', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'brisk-shop-jobs-'))
    try {
      const start = (runJobs: boolean) =>
        TestClient.start(createApp(testSettings({ dataDir, databaseUrl: undefined, runJobs })))
      let client = await start(false)
      let admin = await tokenOf(client, DEMO_USERS.admin)
      const queued = await client.post('/reports', {
        ...bearer(admin),
        json: { from: '2026-01-01', to: today() },
      })
      const { id } = queued.json<{ id: string }>()
      assert.equal((await client.get(`/reports/${id}`, bearer(admin))).json<Report>().status, 'pending')
      await client.stop()

      client = await start(true)
      admin = await tokenOf(client, DEMO_USERS.admin)
      const report = await settled(client, admin, id)
      await client.stop()
      assert.equal(report.status, 'succeeded')
      assert.equal(report.from, '2026-01-01')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
