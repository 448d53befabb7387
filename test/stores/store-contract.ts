// One contract every KeyValueStore meets (Hono's way with its routers: one suite, run against
// each implementation), so MemoryStore, PostgresStore and RedisStore are interchangeable.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import type { KeyValueStore } from '../../src/stores/key-value-store.js'

/** Registers the contract's tests for the store `open()` gives (called once per test). */
export function storeContract(name: string, open: () => KeyValueStore, skip: string | false = false): void {
  // Fresh keys per test: the shared stores outlive a test, and several runs may share a server.
  const key = (label: string) => `contract:${label}:${randomUUID()}`

  test(`${name}: setIfAbsent stores a key once; get reads it; a missing key is undefined`, {
    skip,
  }, async () => {
    const store = open()
    const k = key('once')
    assert.equal(await store.get(k), undefined)
    assert.equal(await store.setIfAbsent(k, 'first', 60_000), true)
    assert.equal(await store.setIfAbsent(k, 'second', 60_000), false)
    assert.equal(await store.get(k), 'first')
  })

  test(`${name}: of concurrent setIfAbsent calls for one key, exactly one wins`, { skip }, async () => {
    const store = open()
    const k = key('race')
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.setIfAbsent(k, `v${i}`, 60_000)),
    )
    assert.equal(results.filter(Boolean).length, 1)
    assert.equal(await store.get(k), `v${results.indexOf(true)}`)
  })

  test(`${name}: an entry expires after its ttl, and its key can be taken again`, { skip }, async () => {
    const store = open()
    const k = key('ttl')
    const kept = key('kept')
    assert.equal(await store.setIfAbsent(k, 'short', 150), true)
    await store.set(kept, 'long', 60_000)
    await sleep(400)
    assert.equal(await store.get(k), undefined)
    assert.equal(await store.setIfAbsent(k, 'again', 60_000), true)
    assert.equal(await store.get(k), 'again')
    assert.equal(await store.get(kept), 'long')
  })

  test(`${name}: set replaces a value and its ttl; delete removes it`, { skip }, async () => {
    const store = open()
    const k = key('set')
    await store.set(k, 'a', 150)
    await store.set(k, 'b', 60_000)
    await sleep(400)
    assert.equal(await store.get(k), 'b')
    await store.delete(k)
    assert.equal(await store.get(k), undefined)
    await store.delete(k) // deleting an absent key is fine
    assert.equal(await store.setIfAbsent(k, 'c', 60_000), true)
  })

  test(`${name}: keys and values are kept exactly (quotes, spaces, non-ASCII, 10 kB)`, { skip }, async () => {
    const store = open()
    const k = `${key('odd')} "quoted" ' ; DROP TABLE x; -- é 🎉`
    const value = `{"json":"é 🎉 \\n"}${'x'.repeat(10_000)}`
    assert.equal(await store.setIfAbsent(k, value, 60_000), true)
    assert.equal(await store.get(k), value)
  })
}
