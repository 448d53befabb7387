import PgBoss from 'pg-boss'
import type { Driver } from './database.js'

/**
 * A durable job queue on the app's own database: pg-boss keeps jobs in tables of its `pgboss`
 * schema, so a job sent survives a restart and is worked once by whichever process (worker,
 * instance) takes it first. On PostgreSQL pg-boss opens its own small pool from the URL; on PGlite
 * it shares the in-process database through pg-boss's `db` option.
 */
export async function startJobQueue(driver: Driver): Promise<PgBoss> {
  const boss =
    driver.kind === 'postgres'
      ? new PgBoss({ connectionString: driver.url, max: 4 })
      : new PgBoss({ db: pgliteExecutor(driver.pglite) })
  // pg-boss reports failures of its own loops (maintenance, polling) here; unheard, an 'error'
  // event would crash the process.
  boss.on('error', (error) => console.error('[jobs]', error))
  await boss.start()
  return boss
}

/**
 * pg-boss's `db.executeSql` on PGlite: a statement with values through `query` (one statement,
 * bound parameters); without values pg-boss may send several statements at once (its schema
 * migrations), which only `exec` runs; its last result is what pg-boss reads.
 */
function pgliteExecutor(pglite: Extract<Driver, { kind: 'pglite' }>['pglite']): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (values !== undefined && values.length > 0) return pglite.query(text, values)
      const results = await pglite.exec(text)
      return results.at(-1) ?? { rows: [] }
    },
  }
}
