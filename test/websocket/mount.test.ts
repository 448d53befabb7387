import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import { App, Router, silentLogger, staticFiles } from '../../src/index.js'
import { type Connector, expectDenied, realSocketConnector, testClientConnector } from './connectors.js'

function buildApps() {
  const v2 = new App({
    logger: silentLogger,
    lifespan: async function* () {
      yield { version: 'v2' }
    },
  })
  v2.websocket('/rooms/{room}', { path: { room: z.int() } }, async ({ path, state, rootPath, websocket }) => {
    await websocket.accept()
    await websocket.sendJson({ room: path.room, version: state.version, rootPath })
    await websocket.close()
  })
  const app = new App({ logger: silentLogger, prefix: '/api' })
  app.websocket('/ws', async ({ websocket }) => {
    await websocket.accept()
    await websocket.sendText('parent')
    await websocket.close()
  })
  app.mount('/v2', v2)
  app.mount('/static', staticFiles({ directory: import.meta.dirname }))
  // Registered after the mount: /api/v2/late is the mounted app's, which has no such route.
  const late = new Router()
  late.websocket('/v2/late', async ({ websocket }) => {
    await websocket.accept()
  })
  app.include(late)
  return app
}

for (const connector of [testClientConnector(), realSocketConnector()] as Connector[]) {
  describe(`WebSockets of a mounted app (${connector.name})`, () => {
    before(() => connector.start(buildApps()))
    after(() => connector.stop())

    test("a mounted app's WebSocket route is served below its prefix, with its own state", async () => {
      const ws = await connector.connect('/api/v2/rooms/7')
      assert.deepEqual(await ws.receiveJson(), { room: 7, version: 'v2', rootPath: '/api/v2' })
    })

    test("the parent's own WebSocket routes are still served (its prefix applied)", async () => {
      const ws = await connector.connect('/api/ws')
      assert.equal(await ws.receiveText(), 'parent')
    })

    test('mounts and routes match in registration order; a static mount serves no WebSocket', async () => {
      await expectDenied(connector.connect('/api/v2/late'), 404)
      await expectDenied(connector.connect('/api/static/mount.test.ts'), 404)
    })
  })
}
