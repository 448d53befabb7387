// `brisk/stores`: where signed-request nonces and idempotent responses are kept. A subpath of its
// own because PostgresStore and RedisStore are written against `pg` and `ioredis`, which Brisk
// does not depend on: they take your client, and only their types are imported here.
export type { KeyValueStore } from './key-value-store.js'
export { MemoryStore, type MemoryStoreOptions } from './memory-store.js'
export { type PostgresQueryable, PostgresStore, type PostgresStoreOptions } from './postgres-store.js'
export { type RedisCommands, RedisStore } from './redis-store.js'
