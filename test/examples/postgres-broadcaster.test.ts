// examples/shared/postgres-broadcaster.ts on a real PostgreSQL: two broadcasters on one database
// stand for two instances; a message published on either reaches the subscribers of both, and
// the listening connection comes back after the server drops it.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import pg from 'pg'
import { PostgresBroadcaster } from '../../examples/shared/postgres-broadcaster.js'
import { postgresSkip, scratchPostgres, type TestDatabase } from './test-databases.js'

describe('PostgresBroadcaster', { skip: postgresSkip }, () => {
  let database: TestDatabase
  let pool: pg.Pool
  let a: PostgresBroadcaster
  let b: PostgresBroadcaster

  before(async () => {
    database = await scratchPostgres('brisk_broadcast')
    pool = new pg.Pool({ connectionString: database.url, max: 2 })
    a = await PostgresBroadcaster.connect(database.url!, pool)
    b = await PostgresBroadcaster.connect(database.url!, pool)
  })
  after(async () => {
    await a?.close()
    await b?.close()
    await pool?.end()
    await database?.drop()
  })

  /** The next message `broadcaster` hears on `channel`. */
  function next(broadcaster: PostgresBroadcaster, channel: string): Promise<[unknown, string]> {
    return new Promise((resolve) => {
      const unsubscribed = broadcaster.subscribe(channel, (message, json) => {
        void unsubscribed.then((unsubscribe) => unsubscribe())
        resolve([message, json])
      })
    })
  }

  test('a message published on one instance reaches the subscribers of every instance', async () => {
    const onA = next(a, 'order:7')
    const onB = next(b, 'order:7')
    await a.publish('order:7', { status: 'confirmed', total: '19.99' })
    assert.deepEqual(await onA, [
      { status: 'confirmed', total: '19.99' },
      '{"status":"confirmed","total":"19.99"}',
    ])
    assert.deepEqual(await onB, [
      { status: 'confirmed', total: '19.99' },
      '{"status":"confirmed","total":"19.99"}',
    ])
  })

  test('channels are apart, and an unsubscribed listener hears nothing more', async () => {
    const heard: unknown[] = []
    const unsubscribe = await b.subscribe('order:1', (message) => heard.push(message))
    const other = next(b, 'order:2')
    await a.publish('order:2', 'two')
    assert.deepEqual((await other)[0], 'two')
    await unsubscribe()
    const last = next(b, 'order:1')
    await a.publish('order:1', 'after')
    await last
    assert.deepEqual(heard, [])
  })

  test('a payload over NOTIFY’s 8000 bytes is refused before it is sent', async () => {
    await assert.rejects(a.publish('big', 'x'.repeat(8000)), /at most 7999/)
  })

  test('the listening connection is back after the server drops it', async () => {
    const admin = new pg.Client({ connectionString: database.url })
    await admin.connect()
    try {
      // Every LISTENing backend of this database: the two broadcasters'.
      const { rows } = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'",
      )
      assert.equal(rows.length, 2)
    } finally {
      await admin.end()
    }
    const deadline = Date.now() + 5000
    for (;;) {
      const heard = next(b, 'after-drop')
      await a.publish('after-drop', 'again')
      const result = await Promise.race([
        heard,
        new Promise((resolve) => setTimeout(resolve, 200, undefined)),
      ])
      if (result !== undefined) break
      assert.ok(Date.now() < deadline, 'the broadcaster did not listen again within 5 s')
    }
  })
})
