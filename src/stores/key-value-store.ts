/**
 * Where Brisk keeps short-lived facts that every worker must agree on: the nonces of signed
 * requests (`HmacSignature`) and the responses of idempotent ones (`idempotency()`). Values are
 * strings (callers serialize), every entry expires, and `setIfAbsent` is atomic, which is all
 * both features need. Brisk ships `MemoryStore` (one process), `PostgresStore` and `RedisStore`
 * (shared); implement these four methods to keep them anywhere else.
 *
 * @example
 * ```ts
 * import type { KeyValueStore } from 'brisk/stores'
 *
 * // A store over any cache client offering an atomic "set if missing" with an expiry.
 * declare const cache: {
 *   add(key: string, value: string, ttlMs: number): Promise<boolean>
 *   read(key: string): Promise<string | null>
 *   write(key: string, value: string, ttlMs: number): Promise<void>
 *   remove(key: string): Promise<void>
 * }
 * const store: KeyValueStore = {
 *   setIfAbsent: (key, value, ttlMs) => cache.add(key, value, ttlMs),
 *   get: async (key) => (await cache.read(key)) ?? undefined,
 *   set: (key, value, ttlMs) => cache.write(key, value, ttlMs),
 *   delete: (key) => cache.remove(key),
 * }
 * ```
 */
export interface KeyValueStore {
  /**
   * Stores `value` under `key` for `ttlMs` milliseconds unless the key holds a value that has not
   * expired; true when it stored. Must be atomic: of two concurrent calls for one key, exactly
   * one gets true, whichever worker or instance makes it.
   */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>
  /** The value under `key`, or undefined when there is none or it has expired. */
  get(key: string): Promise<string | undefined>
  /** Stores `value` under `key` for `ttlMs` milliseconds, replacing any value. */
  set(key: string, value: string, ttlMs: number): Promise<void>
  /** Removes `key` (nothing when it is absent). */
  delete(key: string): Promise<void>
}
