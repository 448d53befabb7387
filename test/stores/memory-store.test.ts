import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError } from '../../src/errors/config-error.js'
import { MemoryStore } from '../../src/stores/memory-store.js'
import { storeContract } from './store-contract.js'

storeContract('MemoryStore', () => new MemoryStore())

test('MemoryStore: a flood of keys never holds more than maxEntries, the newest kept', async () => {
  const store = new MemoryStore({ maxEntries: 100 })
  for (let i = 0; i < 10_000; i++) await store.setIfAbsent(`nonce-${i}`, '1', 60_000)
  assert.ok(store.size <= 100, `size ${store.size}`)
  assert.equal(await store.get('nonce-9999'), '1')
  assert.equal(await store.get('nonce-0'), undefined)
})

test('MemoryStore: when full, expired entries go before live ones', async () => {
  const store = new MemoryStore({ maxEntries: 10 })
  await store.set('live', 'kept', 60_000)
  for (let i = 0; i < 9; i++) await store.set(`short-${i}`, '1', 1)
  await new Promise((resolve) => setTimeout(resolve, 10))
  await store.set('new', '1', 60_000)
  assert.equal(await store.get('live'), 'kept')
  assert.equal(await store.get('new'), '1')
  assert.equal(store.size, 2)
})

test('MemoryStore: a maxEntries that is not a whole number ≥ 1 is a ConfigError', () => {
  for (const maxEntries of [0, -1, 1.5, Number.NaN]) {
    assert.throws(() => new MemoryStore({ maxEntries }), ConfigError)
  }
})
