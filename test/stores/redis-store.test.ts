import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Redis } from 'ioredis'
import { ConfigError } from '../../src/errors/config-error.js'
import { RedisStore } from '../../src/stores/redis-store.js'
import { type RunningRedis, redisSkip, startRedis } from './redis-server.js'
import { storeContract } from './store-contract.js'

let server: RunningRedis | undefined
let redis: Redis | undefined
before(async () => {
  if (redisSkip !== false) return
  server = await startRedis()
  redis = new Redis(server.url)
})
after(async () => {
  await redis?.quit()
  await server?.stop()
})

storeContract('RedisStore', () => new RedisStore(redis!), redisSkip)

test('RedisStore: the key expires in Redis itself (PX), with a whole number of milliseconds', {
  skip: redisSkip,
}, async () => {
  const store = new RedisStore(redis!)
  await store.set('fractional', '1', 1500.4)
  const ttl = await redis!.pttl('fractional')
  assert.ok(ttl > 1000 && ttl <= 1501, `pttl ${ttl}`)
})

test('RedisStore: something that is not a Redis client is a ConfigError', () => {
  assert.throws(() => new RedisStore({} as never), ConfigError)
})
