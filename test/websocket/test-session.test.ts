import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import {
  App,
  depends,
  silentLogger,
  TestClient,
  WebSocketDisconnect,
  WebSocketException,
  websocketOf,
} from '../../src/index.js'

describe('the TestClient WebSocket session', () => {
  test('a message past maxMessageSize closes with 1009, as ws does on the server', async () => {
    const app = new App({ logger: silentLogger, websocket: { maxMessageSize: 1024 } })
    let seen: number | undefined
    app.websocket('/ws', async ({ websocket }) => {
      await websocket.accept()
      try {
        await websocket.receive()
      } catch (error) {
        if (error instanceof WebSocketDisconnect) seen = error.code
      }
    })
    const ws = await new TestClient(app).websocket('/ws')
    await ws.sendText('x'.repeat(2048))
    await assert.rejects(ws.receive(), (error: WebSocketDisconnect) => error.code === 1009)
    await ws.close()
    assert.equal(seen, 1009)
  })

  test("the app's unhandled error is rethrown to the test (raiseServerExceptions)", async () => {
    const app = new App({ logger: silentLogger })
    app.websocket('/before', () => {
      throw new Error('before accept')
    })
    app.websocket('/after', async ({ websocket }) => {
      await websocket.accept()
      await websocket.receive()
      throw new Error('after accept')
    })
    const client = new TestClient(app)
    await assert.rejects(client.websocket('/before'), /before accept/)
    const ws = await client.websocket('/after')
    await ws.sendText('go')
    await assert.rejects(ws.receive(), /after accept/)
  })

  test('iterating ends when the app closes; the close code is kept', async () => {
    const app = new App({ logger: silentLogger })
    app.websocket('/count', async ({ websocket }) => {
      await websocket.accept()
      for (const n of [1, 2, 3]) await websocket.sendJson(n)
      await websocket.close(4000, 'done')
    })
    await using ws = await new TestClient(app).websocket('/count')
    const received: unknown[] = []
    for await (const message of ws) received.push(JSON.parse(message as string))
    assert.deepEqual(received, [1, 2, 3])
    assert.equal(ws.closeCode, 4000)
  })

  test('a close code no close frame may carry is sent as 1011', async () => {
    const app = new App({ logger: silentLogger })
    app.websocket('/ws/{code}', { path: { code: z.int() } }, async ({ path, websocket }) => {
      await websocket.accept()
      throw new WebSocketException(path.code)
    })
    const client = new TestClient(app)
    for (const [code, sent] of [
      [1005, 1011],
      [999, 1011],
      [5000, 1011],
      [4321, 4321],
      [1008, 1008],
    ]) {
      const ws = await client.websocket(`/ws/${code}`)
      await assert.rejects(ws.receive(), (error: WebSocketDisconnect) => error.code === sent)
    }
  })

  test('a dependency reads the socket with websocketOf(ctx)', async () => {
    const app = new App({ logger: silentLogger })
    const offered = depends(({ ctx }) => websocketOf(ctx)?.subprotocols ?? [])
    app.websocket('/ws', { deps: { offered } }, async ({ websocket, offered }) => {
      await websocket.accept({ subprotocol: offered[0] })
      await websocket.sendJson(offered)
    })
    app.get('/http', { deps: { offered } }, ({ offered }) => ({ offered }))
    const client = new TestClient(app)
    const ws = await client.websocket('/ws', { subprotocols: ['v2', 'v1'] })
    assert.equal(ws.subprotocol, 'v2')
    assert.deepEqual(await ws.receiveJson(), ['v2', 'v1'])
    assert.deepEqual((await client.get('/http')).json(), { offered: [] })
  })

  test('send or accept at the wrong time is a clear error', async () => {
    const app = new App({ logger: silentLogger })
    const errors: string[] = []
    app.websocket('/misuse', async ({ websocket }) => {
      await websocket.send('too early').catch((error: Error) => errors.push(error.message))
      await websocket.accept({ subprotocol: 'nope' }).catch((error: Error) => errors.push(error.message))
      await websocket.accept()
      await websocket.accept().catch((error: Error) => errors.push(error.message))
      await websocket.close()
      await websocket.send('too late').catch((error: Error) => errors.push(error.name))
    })
    const ws = await new TestClient(app).websocket('/misuse')
    await assert.rejects(ws.receive(), WebSocketDisconnect)
    assert.deepEqual(errors, [
      'send() before accept(): accept the WebSocket first.',
      'accept({ subprotocol: "nope" }): the client offered []; choose one of those.',
      'accept() on a WebSocket that is connected.',
      'WebSocketDisconnect',
    ])
  })
})
