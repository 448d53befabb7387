import { ConfigError } from '../errors/config-error.js'
import type { KeyValueStore } from './key-value-store.js'

/**
 * What `PostgresStore` needs of a client: `query(text, values)` resolving to `{ rows }`. A `pg`
 * `Pool` (or `Client`) has it, and so does PGlite; Brisk never loads a driver itself.
 */
export interface PostgresQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
}

/** Options of `new PostgresStore(pool, options)`. */
export interface PostgresStoreOptions {
  /** The table the entries live in, made on first use when missing (default `brisk_kv`). */
  table?: string
  /** How often, at most, expired rows are deleted, in milliseconds (default 60 000). */
  sweepIntervalMs?: number
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * A `KeyValueStore` in a PostgreSQL table, shared by every worker and instance that uses the
 * database. `setIfAbsent` is one `INSERT … ON CONFLICT` statement, atomic across connections;
 * expiry is checked against the database's clock, so the servers' clocks need not agree. Expired
 * rows are ignored at once and deleted by a sweep that runs after a write, at most once per
 * `sweepIntervalMs` (no timer: the store never keeps a process alive).
 *
 * @example
 * ```ts
 * import pg from 'pg'
 * import { PostgresStore } from 'brisk/stores'
 *
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
 * const store = new PostgresStore(pool) // creates the table brisk_kv when it is missing
 * ```
 */
export class PostgresStore implements KeyValueStore {
  readonly #db: PostgresQueryable
  readonly #sql: Readonly<Record<'create' | 'add' | 'get' | 'set' | 'delete' | 'sweep', string>>
  readonly #sweepIntervalMs: number
  #ready: Promise<void> | undefined
  #lastSweep = Date.now()

  constructor(db: PostgresQueryable, options: PostgresStoreOptions = {}) {
    if (typeof db?.query !== 'function') {
      throw new ConfigError(
        'new PostgresStore(db) takes a pg Pool or Client (anything with query(text, values)).',
      )
    }
    const table = options.table ?? 'brisk_kv'
    if (!IDENTIFIER.test(table)) {
      throw new ConfigError(
        `table of new PostgresStore() must be a lowercase SQL identifier (letters, digits, _), got ${JSON.stringify(table)}.`,
      )
    }
    const sweep = options.sweepIntervalMs ?? 60_000
    if (!Number.isSafeInteger(sweep) || sweep < 0) {
      throw new ConfigError(
        `sweepIntervalMs of new PostgresStore() must be a whole number ≥ 0, got ${String(sweep)}.`,
      )
    }
    this.#db = db
    this.#sweepIntervalMs = sweep
    const expiry = `now() + $3 * interval '1 millisecond'`
    this.#sql = {
      create: `CREATE TABLE IF NOT EXISTS ${table} (key text PRIMARY KEY, value text NOT NULL, expires_at timestamptz NOT NULL)`,
      // An expired row is taken over in the same statement, so "absent" means "absent or expired".
      add:
        `INSERT INTO ${table} (key, value, expires_at) VALUES ($1, $2, ${expiry}) ` +
        `ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at ` +
        `WHERE ${table}.expires_at <= now() RETURNING 1`,
      get: `SELECT value FROM ${table} WHERE key = $1 AND expires_at > now()`,
      set:
        `INSERT INTO ${table} (key, value, expires_at) VALUES ($1, $2, ${expiry}) ` +
        `ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at`,
      delete: `DELETE FROM ${table} WHERE key = $1`,
      sweep: `DELETE FROM ${table} WHERE expires_at <= now()`,
    }
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    await this.#ensureTable()
    const { rows } = await this.#db.query(this.#sql.add, [key, value, ttlMs])
    this.#maybeSweep()
    return rows.length === 1
  }

  async get(key: string): Promise<string | undefined> {
    await this.#ensureTable()
    const { rows } = await this.#db.query(this.#sql.get, [key])
    return (rows[0] as { value: string } | undefined)?.value
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#ensureTable()
    await this.#db.query(this.#sql.set, [key, value, ttlMs])
    this.#maybeSweep()
  }

  async delete(key: string): Promise<void> {
    await this.#ensureTable()
    await this.#db.query(this.#sql.delete, [key])
  }

  /** Deletes the expired rows now (the sweep after writes does it on its own). */
  async sweep(): Promise<void> {
    await this.#ensureTable()
    this.#lastSweep = Date.now()
    await this.#db.query(this.#sql.sweep)
  }

  #ensureTable(): Promise<void> {
    this.#ready ??= this.#db.query(this.#sql.create).then(
      () => undefined,
      (error: unknown) => {
        // Two processes creating the table at once: one of them fails on the catalog's unique
        // index (23505) or finds it made (42P07); either way the table now exists.
        const code = (error as { code?: unknown }).code
        if (code === '23505' || code === '42P07') return
        this.#ready = undefined
        throw error
      },
    )
    return this.#ready
  }

  #maybeSweep(): void {
    if (Date.now() - this.#lastSweep < this.#sweepIntervalMs) return
    // Not awaited: the request that happened to trigger the sweep does not wait for it, and a
    // failed sweep is retried by a later write.
    this.sweep().catch(() => {})
  }
}
