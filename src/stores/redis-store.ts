import { ConfigError } from '../errors/config-error.js'
import type { KeyValueStore } from './key-value-store.js'

/**
 * What `RedisStore` needs of a Redis client: the `ioredis` calls it makes, written out here so
 * that Brisk's types do not need `ioredis` installed. A `Redis` or `Cluster` instance has them.
 */
export interface RedisCommands {
  set(key: string, value: string, px: 'PX', ttlMs: number, nx: 'NX'): Promise<'OK' | null>
  set(key: string, value: string, px: 'PX', ttlMs: number): Promise<'OK'>
  get(key: string): Promise<string | null>
  del(key: string): Promise<number>
}

/**
 * A `KeyValueStore` in Redis, shared by every worker and instance that uses the server:
 * `setIfAbsent` is `SET key value PX ttl NX`, atomic, and Redis expires the keys itself. Takes
 * your `ioredis` client, so Brisk never loads the driver; give it a `keyPrefix` in the client's
 * options to keep Brisk's keys apart from others.
 *
 * @example
 * ```ts
 * import { Redis } from 'ioredis'
 * import { RedisStore } from 'brisk/stores'
 *
 * const store = new RedisStore(new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'))
 * ```
 */
export class RedisStore implements KeyValueStore {
  readonly #redis: RedisCommands

  constructor(redis: RedisCommands) {
    if (typeof redis?.set !== 'function' || typeof redis.get !== 'function') {
      throw new ConfigError('new RedisStore(redis) takes an ioredis client (new Redis(url)).')
    }
    this.#redis = redis
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.#redis.set(key, value, 'PX', wholeMs(ttlMs), 'NX')) === 'OK'
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#redis.get(key)) ?? undefined
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#redis.set(key, value, 'PX', wholeMs(ttlMs))
  }

  async delete(key: string): Promise<void> {
    await this.#redis.del(key)
  }
}

/** Redis takes a whole, positive number of milliseconds. */
function wholeMs(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs))
}
