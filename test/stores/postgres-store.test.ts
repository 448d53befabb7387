// PostgresStore on PGlite always, and on a real PostgreSQL (several connections racing) when
// BRISK_TEST_POSTGRES_URL is set (.ci/run sets it).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { ConfigError } from '../../src/errors/config-error.js'
import { PostgresStore } from '../../src/stores/postgres-store.js'
import { postgresSkip, postgresUrl } from '../examples/test-databases.js'
import { storeContract } from './store-contract.js'

const pglite = new PGlite()
after(() => pglite.close())
storeContract('PostgresStore on PGlite', () => new PostgresStore(pglite, { table: 'contract_kv' }))

const url = postgresUrl
const skip = postgresSkip
// A table of this run's own, dropped afterwards, so runs sharing a server do not meet.
const table = `brisk_kv_test_${process.pid}`
let pool: pg.Pool | undefined
before(() => {
  if (url !== undefined) pool = new pg.Pool({ connectionString: url, max: 8 })
})
after(async () => {
  await pool?.query(`DROP TABLE IF EXISTS ${table}`)
  await pool?.end()
})
storeContract('PostgresStore on PostgreSQL', () => new PostgresStore(pool!, { table }), skip)

test('PostgresStore on PostgreSQL: two stores (two workers) creating the table at once agree on one winner', {
  skip,
}, async () => {
  const race = `${table}_race`
  try {
    const stores = Array.from({ length: 4 }, () => new PostgresStore(pool!, { table: race }))
    const results = await Promise.all(
      stores.map((store, i) => store.setIfAbsent('shared', `worker ${i}`, 60_000)),
    )
    assert.equal(results.filter(Boolean).length, 1)
  } finally {
    await pool!.query(`DROP TABLE IF EXISTS ${race}`)
  }
})

test('PostgresStore: expired rows are deleted by the sweep', async () => {
  const store = new PostgresStore(pglite, { table: 'sweep_kv', sweepIntervalMs: 0 })
  await store.set('gone', '1', 1)
  await store.set('kept', '1', 60_000)
  await new Promise((resolve) => setTimeout(resolve, 20))
  await store.sweep()
  const { rows } = await pglite.query<{ key: string }>('SELECT key FROM sweep_kv ORDER BY key')
  assert.deepEqual(
    rows.map((row) => row.key),
    ['kept'],
  )
})

test('PostgresStore: a table name that is not a plain identifier, or no client, is a ConfigError', () => {
  assert.throws(() => new PostgresStore(pglite, { table: 'kv; DROP TABLE users' }), ConfigError)
  assert.throws(() => new PostgresStore(pglite, { table: 'Brisk' }), ConfigError)
  assert.throws(() => new PostgresStore(undefined as never), ConfigError)
})
