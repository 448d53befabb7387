import { ConfigError } from '../errors/config-error.js'
import type { KeyValueStore } from './key-value-store.js'

/** Options of `new MemoryStore()`. */
export interface MemoryStoreOptions {
  /**
   * The most entries held (default 100 000). When full, expired entries are swept, and if too
   * few had expired the oldest are dropped, so a flood of new keys costs bounded memory.
   */
  maxEntries?: number
}

interface Entry {
  readonly value: string
  readonly expires: number
}

/**
 * A `KeyValueStore` in this process's memory: for one process (tests, a single instance). Every
 * worker of `brisk run --workers` and every instance behind a load balancer has its own, so a
 * nonce or an idempotency key seen by one is unknown to the others: use `PostgresStore` or
 * `RedisStore` there.
 *
 * @example
 * ```ts
 * import { MemoryStore } from 'brisk/stores'
 *
 * const store = new MemoryStore({ maxEntries: 10_000 })
 * ```
 */
export class MemoryStore implements KeyValueStore {
  readonly #entries = new Map<string, Entry>()
  readonly #maxEntries: number

  constructor(options: MemoryStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 100_000
    if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
      throw new ConfigError(
        `maxEntries of new MemoryStore() must be a whole number ≥ 1, got ${String(maxEntries)}.`,
      )
    }
    this.#maxEntries = maxEntries
  }

  /** How many entries are held, expired ones not yet swept included. */
  get size(): number {
    return this.#entries.size
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key, Date.now()) !== undefined) return false
    this.#store(key, value, ttlMs)
    return true
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key, Date.now())?.value
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#store(key, value, ttlMs)
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key)
  }

  #live(key: string, now: number): Entry | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expires > now) return entry
    this.#entries.delete(key)
    return undefined
  }

  #store(key: string, value: string, ttlMs: number): void {
    const now = Date.now()
    // Deleting first moves the key to the end of the Map's insertion order, which is the order
    // the oldest entry is dropped in.
    this.#entries.delete(key)
    if (this.#entries.size >= this.#maxEntries) this.#makeRoom(now)
    this.#entries.set(key, { value, expires: now + ttlMs })
  }

  /**
   * Sweeps expired entries, then drops the oldest until a tenth of the room is free: each sweep
   * frees at least `maxEntries / 10` places, so a full store pays for one sweep per tenth of its
   * size in inserts rather than one per insert.
   */
  #makeRoom(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key)
    const keep = this.#maxEntries - Math.ceil(this.#maxEntries / 10)
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= keep) break
      this.#entries.delete(key)
    }
  }
}
