// examples/shop scaled out, over real sockets on a real PostgreSQL: two `brisk run` instances on
// two ports sharing one database, where an order confirmed through instance A reaches a
// WebSocket client of instance B (through PostgreSQL's LISTEN/NOTIFY, the only thing the
// instances share); and one instance with `--workers 2` that survives `kill -9` of a worker (the
// graceful drain of all workers on SIGTERM is test/cli/run-command.test.ts's).

import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'
import { DEMO_USERS } from '../../examples/shop/db/seed.js'
import { type BriskProcess, freePort, startBrisk, stopAll } from '../cli/serve-process.js'
import { postgresSkip, scratchPostgres, type TestDatabase } from './test-databases.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

describe('two shop instances on one PostgreSQL', { skip: postgresSkip, timeout: 90_000 }, () => {
  let database: TestDatabase
  const instances: { port: number; process: BriskProcess }[] = []

  before(async () => {
    database = await scratchPostgres('brisk_shop_scale')
    const env = { DATABASE_URL: database.url, LOG_LEVEL: 'silent', RUN_JOBS: 'false' }
    // One after the other: the first migrates and seeds the empty database.
    for (let i = 0; i < 2; i++) {
      const port = await freePort()
      const process = startBrisk(
        ['run', 'examples/shop/server.ts', '--port', String(port), '--no-access-log'],
        ROOT,
        env,
      )
      await process.waitFor(/Running on http:\/\/127\.0\.0\.1:\d+/, 1, 40_000)
      instances.push({ port, process })
    }
  })
  after(async () => {
    stopAll()
    await database?.drop()
  })

  async function token(port: number, who: { email: string; password: string }): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${port}/token`, {
      method: 'POST',
      body: new URLSearchParams({ username: who.email, password: who.password }),
    })
    assert.equal(res.status, 200)
    return ((await res.json()) as { access_token: string }).access_token
  }

  test('an order confirmed on instance A notifies the customer’s socket on instance B', async () => {
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]]
    const customer = await token(a.port, DEMO_USERS.customer)
    const admin = await token(a.port, DEMO_USERS.admin)

    const socket = new WebSocket(`ws://127.0.0.1:${b.port}/ws/notifications?token=${customer}`, {
      origin: `http://127.0.0.1:${b.port}`,
    })
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    const heard = new Promise<unknown>((resolve) =>
      socket.once('message', (data) => resolve(JSON.parse(String(data)))),
    )

    const call = (path: string, bearer: string, body?: unknown) =>
      fetch(`http://127.0.0.1:${a.port}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      })
    const placed = await call('/orders', customer, { lines: [{ product_id: 1, quantity: 1 }] })
    assert.equal(placed.status, 201)
    const { id } = (await placed.json()) as { id: number }
    const confirmed = await call(`/orders/${id}/confirm`, admin)
    assert.equal(confirmed.status, 200)
    const { total } = (await confirmed.json()) as { total: string }

    const message = await Promise.race([
      heard,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no notification on B within 5 s')), 5000),
      ),
    ])
    assert.deepEqual(message, { type: 'order.confirmed', order_id: id, status: 'confirmed', total })
    socket.close()
  })
})

describe('the shop with --workers 2 on PostgreSQL', { skip: postgresSkip, timeout: 90_000 }, () => {
  let database: TestDatabase
  let port: number
  let brisk: BriskProcess

  before(async () => {
    database = await scratchPostgres('brisk_shop_workers')
    port = await freePort()
    const env = { DATABASE_URL: database.url, LOG_LEVEL: 'silent', RUN_JOBS: 'false' }
    brisk = startBrisk(
      ['run', 'examples/shop/server.ts', '--port', String(port), '--workers', '2', '--no-access-log'],
      ROOT,
      env,
    )
    await brisk.waitFor(/Running on/, 2, 60_000)
  })
  after(async () => {
    stopAll()
    await database?.drop()
  })

  const catalogue = () => fetch(`http://127.0.0.1:${port}/products?limit=5`).then((res) => res.status)

  test('kill -9 of a worker: requests keep succeeding, and the worker is replaced', async () => {
    const workers = execFileSync('pgrep', ['-P', String(brisk.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(Number)
    assert.equal(workers.length, 2)
    process.kill(workers[0]!, 'SIGKILL')
    for (let i = 0; i < 20; i++) assert.equal(await catalogue(), 200)
    await brisk.waitFor(/Running on/, 3, 30_000)
  })
})
