// FastAPI's tests/test_ws_dependencies.py: app, include, router and route dependencies of a
// WebSocket route run in FastAPI's order, sharing the request's dependency cache.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { App, depends, Router, silentLogger, type WebSocket } from '../../src/index.js'
import { type Connector, realSocketConnector, testClientConnector } from './connectors.js'

function buildApp() {
  const dependencyList = depends(() => [] as string[])
  const createDependency = (name: string) =>
    depends({ deps: dependencyList }, ({ deps }) => {
      deps.push(name)
    })
  const app = new App({ logger: silentLogger, dependencies: [createDependency('app')] })
  const router = new Router({ dependencies: [createDependency('router')] })
  const prefixRouter = new Router({ dependencies: [createDependency('prefix_router')] })
  const sendDeps = async ({ websocket, deps }: { websocket: WebSocket; deps: string[] }) => {
    await websocket.accept()
    await websocket.sendText(JSON.stringify(deps))
    await websocket.close()
  }
  app.websocket('/', { dependencies: [createDependency('index')], deps: { deps: dependencyList } }, sendDeps)
  router.websocket(
    '/router',
    { dependencies: [createDependency('routerindex')], deps: { deps: dependencyList } },
    sendDeps,
  )
  prefixRouter.websocket(
    '/',
    { dependencies: [createDependency('routerprefixindex')], deps: { deps: dependencyList } },
    sendDeps,
  )
  app.include(router, { dependencies: [createDependency('router2')] })
  app.include(prefixRouter, { prefix: '/prefix', dependencies: [createDependency('prefix_router2')] })
  return app
}

for (const connector of [testClientConnector(), realSocketConnector()] as Connector[]) {
  describe(`FastAPI test_ws_dependencies (${connector.name})`, () => {
    before(() => connector.start(buildApp()))
    after(() => connector.stop())

    test('test_index', async () => {
      const ws = await connector.connect('/')
      assert.deepEqual(JSON.parse(await ws.receiveText()), ['app', 'index'])
    })

    test('test_routerindex', async () => {
      const ws = await connector.connect('/router')
      assert.deepEqual(JSON.parse(await ws.receiveText()), ['app', 'router2', 'router', 'routerindex'])
    })

    test('test_routerprefixindex', async () => {
      const ws = await connector.connect('/prefix/')
      assert.deepEqual(JSON.parse(await ws.receiveText()), [
        'app',
        'prefix_router2',
        'prefix_router',
        'routerprefixindex',
      ])
    })
  })
}
