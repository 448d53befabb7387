import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, forwardToSocket, MemoryBroadcaster, silentLogger, TestClient } from '../../src/index.js'

describe('MemoryBroadcaster', () => {
  test('publishes to every subscriber of a channel only, the JSON made once', async () => {
    const broadcaster = new MemoryBroadcaster()
    const got: string[] = []
    const stop = await broadcaster.subscribe('a', (_message, json) => got.push(`1:${json}`))
    await broadcaster.subscribe('a', (message) => got.push(`2:${(message as { n: number }).n}`))
    await broadcaster.subscribe('b', () => got.push('b'))
    await broadcaster.publish('a', { n: 1 })
    assert.deepEqual(got, ['1:{"n":1}', '2:1'])
    await stop()
    await broadcaster.publish('a', { n: 2 })
    assert.deepEqual(got.slice(2), ['2:2'])
    assert.equal(broadcaster.subscribers('a'), 1)
    await broadcaster.publish('nobody', { n: 3 })
  })

  test('forwardToSocket sends a channel to a socket and unsubscribes when it closes', async () => {
    const broadcaster = new MemoryBroadcaster()
    const app = new App({ logger: silentLogger })
    app.websocket('/orders/{order_id}', { path: { order_id: z.int() } }, async ({ path, websocket }) => {
      await websocket.accept()
      await forwardToSocket(broadcaster, `order:${path.order_id}`, websocket)
      for await (const _ of websocket) {
        // Incoming messages are not read by this endpoint; it waits for the client to leave.
      }
    })
    const client = new TestClient(app)
    const one = await client.websocket('/orders/1')
    const two = await client.websocket('/orders/2')
    assert.equal(broadcaster.subscribers('order:1'), 1)
    await broadcaster.publish('order:1', { status: 'shipped' })
    await broadcaster.publish('order:2', { status: 'paid' })
    assert.deepEqual(await one.receiveJson(), { status: 'shipped' })
    assert.deepEqual(await two.receiveJson(), { status: 'paid' })
    await one.close()
    assert.equal(broadcaster.subscribers('order:1'), 0)
    assert.equal(broadcaster.subscribers('order:2'), 1)
    await two.close()
  })
})
