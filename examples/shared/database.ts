import { mkdirSync } from 'node:fs'
import type { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import type pg from 'pg'

/**
 * One PostgreSQL database for an example app, whichever runs it: PostgreSQL itself through `pg`
 * when a URL is given (production, CI), else PGlite, PostgreSQL compiled to WebAssembly, in
 * process: its files under `dataDir`, or in memory when that is `undefined` (tests). The same
 * Drizzle queries and the same drizzle-kit migrations run on both.
 */
export interface Database<Schema extends Record<string, unknown>> {
  readonly db: PgDatabase<PgQueryResultHKT, Schema>
  /**
   * The driver underneath, for what Drizzle does not do (a job queue, LISTEN/NOTIFY): PostgreSQL's
   * pool and URL, or the PGlite instance.
   */
  readonly driver: Driver
  /** Resolves when the database answers a query (`/ready`). */
  ping(): Promise<void>
  close(): Promise<void>
}

export type Driver =
  | { readonly kind: 'postgres'; readonly pool: pg.Pool; readonly url: string }
  | { readonly kind: 'pglite'; readonly pglite: PGlite }

export interface DatabaseOptions<Schema extends Record<string, unknown>> {
  schema: Schema
  /** `postgres://…`; unset means PGlite. */
  url?: string | undefined
  /** PGlite's data directory (created if missing); unset keeps the database in memory. */
  dataDir?: string | undefined
  /** drizzle-kit's output folder: every migration not yet applied runs before `open` resolves. */
  migrations: string
  /** Most connections to PostgreSQL (default 10); PGlite has one. */
  poolSize?: number
}

export async function openDatabase<Schema extends Record<string, unknown>>(
  options: DatabaseOptions<Schema>,
): Promise<Database<Schema>> {
  const database = options.url === undefined ? await openPglite(options) : await openPostgres(options)
  try {
    await database.migrate()
  } catch (error) {
    await database.close()
    throw error
  }
  const { db, driver, close } = database
  return {
    db,
    driver,
    close,
    async ping() {
      await db.execute(sql`select 1`)
    },
  }
}

interface Opened<Schema extends Record<string, unknown>> {
  db: PgDatabase<PgQueryResultHKT, Schema>
  driver: Driver
  migrate(): Promise<void>
  close(): Promise<void>
}

// The drivers are imported when chosen: a deployment on PostgreSQL never loads PGlite's 27 MB
// of WebAssembly, and one on PGlite never needs `pg`.
async function openPostgres<Schema extends Record<string, unknown>>(
  options: DatabaseOptions<Schema>,
): Promise<Opened<Schema>> {
  const { default: pg } = await import('pg')
  const { drizzle } = await import('drizzle-orm/node-postgres')
  const { migrate } = await import('drizzle-orm/node-postgres/migrator')
  const url = options.url!
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 })
  const db = drizzle({ client: pool, schema: options.schema })
  return {
    db,
    driver: { kind: 'postgres', pool, url },
    migrate: () => migrate(db, { migrationsFolder: options.migrations }),
    close: () => pool.end(),
  }
}

async function openPglite<Schema extends Record<string, unknown>>(
  options: DatabaseOptions<Schema>,
): Promise<Opened<Schema>> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate } = await import('drizzle-orm/pglite/migrator')
  if (options.dataDir !== undefined) mkdirSync(options.dataDir, { recursive: true })
  const client = new PGlite(options.dataDir)
  const db = drizzle({ client, schema: options.schema })
  return {
    db,
    driver: { kind: 'pglite', pglite: client },
    migrate: () => migrate(db, { migrationsFolder: options.migrations }),
    close: () => client.close(),
  }
}
