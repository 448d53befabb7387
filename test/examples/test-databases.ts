// The databases an example app's suite runs on: PGlite in memory always, and a real PostgreSQL
// when BRISK_TEST_POSTGRES_URL names a server to make scratch databases on (.ci/run starts
// Debian's PostgreSQL and sets it; locally, without it, the PostgreSQL runs are skipped).
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface TestDatabase {
  readonly kind: 'pglite' | 'postgres'
  /** `undefined` for PGlite in memory; else a database made for this suite alone. */
  readonly url: string | undefined
  /** Drops the scratch database (nothing for PGlite: its memory goes with the app). */
  drop(): Promise<void>
}

/** The PostgreSQL server the tests may use, if any. */
export const postgresUrl = process.env.BRISK_TEST_POSTGRES_URL
const ADMIN_URL = postgresUrl

/** Why the PostgreSQL run is skipped, or `false` when it runs. */
export const postgresSkip: string | false =
  ADMIN_URL === undefined ? 'BRISK_TEST_POSTGRES_URL is not set (.ci/run sets it)' : false

export const pglite: TestDatabase = { kind: 'pglite', url: undefined, drop: async () => {} }

/** A new, empty database on the server BRISK_TEST_POSTGRES_URL names. */
export async function scratchPostgres(prefix: string): Promise<TestDatabase> {
  if (ADMIN_URL === undefined) throw new Error(postgresSkip as string)
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  await admin(`CREATE DATABASE "${name}"`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return {
    kind: 'postgres',
    url: url.href,
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
