import assert from 'node:assert/strict'
import { after, before, beforeEach, describe, test } from 'node:test'
import { depends, type WebSocketDisconnect } from '../../src/index.js'
import {
  type Connector,
  expectClosed,
  expectDenied,
  realSocketConnector,
  testClientConnector,
} from './connectors.js'
import { buildTutorialApp, type Journal } from './tutorial-app.js'

/** Waits until `check` holds: a real socket's server side finishes a moment after the client. */
async function eventually(check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !check(); attempt++) await new Promise((r) => setTimeout(r, 5))
  assert.ok(check(), 'condition never held')
}

for (const connector of [testClientConnector(), realSocketConnector()] as Connector[]) {
  describe(`WebSocket tutorials (${connector.name})`, () => {
    const journal: Journal = { events: [] }
    const { app, prefix } = buildTutorialApp(journal)
    before(() => connector.start(app))
    after(() => connector.stop())
    beforeEach(() => {
      journal.events.length = 0
      app.dependencyOverrides.clear()
    })

    test('tutorial001: the echo answers every message', async () => {
      const ws = await connector.connect('/ws')
      await ws.sendText('Hello')
      assert.equal(await ws.receiveText(), 'Message text was: Hello')
      await ws.sendText('again')
      assert.equal(await ws.receiveText(), 'Message text was: again')
      await ws.close()
    })

    test('tutorial002: a session cookie, a path and a query parameter', async () => {
      const ws = await connector.connect('/items/foo/ws', {
        cookies: { session: 'fakesession' },
        query: { q: 3 },
      })
      await ws.sendText('Hello')
      assert.equal(await ws.receiveText(), 'Session cookie or query token value is: fakesession')
      assert.equal(await ws.receiveText(), 'Query parameter q is: 3')
      assert.equal(await ws.receiveText(), 'Message text was: Hello, for item ID: foo')
      await ws.close()
    })

    test('tutorial002: a query token instead of the cookie', async () => {
      const ws = await connector.connect('/items/bar/ws', { query: { token: 'some-token' } })
      await ws.sendText('Hi')
      assert.equal(await ws.receiveText(), 'Session cookie or query token value is: some-token')
      assert.equal(await ws.receiveText(), 'Message text was: Hi, for item ID: bar')
      await ws.close()
    })

    test("tutorial002: no credentials: the dependency's WebSocketException closes with 1008", async () => {
      await expectClosed(connector.connect('/items/foo/ws'), 1008)
    })

    test('an invalid query parameter closes with 1008 before accept, its errors as the reason', async () => {
      const closed = await expectClosed(
        connector.connect('/items/foo/ws', { query: { token: 't', q: 'bar' } }),
        1008,
      )
      const errors = JSON.parse(closed.reason)
      assert.equal(errors[0].type, 'int_parsing')
      assert.deepEqual(errors[0].loc, ['query', 'q'])
    })

    test('an invalid path parameter closes with 1008 (FastAPI test_ws_router test_depend_validation)', async () => {
      await expectClosed(connector.connect('/depend-validation/abc'), 1008)
      const ws = await connector.connect('/depend-validation/12')
      assert.deepEqual(await ws.receiveJson(), { id: 12 })
    })

    test('tutorial003: the chat fans out and announces who left', async () => {
      const one = await connector.connect('/chat/1234')
      const two = await connector.connect('/chat/5678')
      await one.sendText('Hello')
      assert.equal(await one.receiveText(), 'You wrote: Hello')
      assert.equal(await one.receiveText(), 'Client #1234 says: Hello')
      assert.equal(await two.receiveText(), 'Client #1234 says: Hello')
      await one.close()
      assert.equal(await two.receiveText(), 'Client #1234 left the chat')
      await eventually(() => journal.events.includes('client 1234 left with 1000'))
      await two.close(4000)
      await eventually(() => journal.events.includes('client 5678 left with 4000'))
    })

    test('a yield dependency is torn down when the socket ends; the handler saw the code', async () => {
      const ws = await connector.connect('/teardown')
      assert.equal(await ws.receiveText(), 'db-session')
      assert.deepEqual(journal.events, ['session opened'])
      await ws.close(1001)
      await eventually(() => journal.events.includes('session closed'))
      assert.deepEqual(journal.events, ['session opened', 'disconnect 1001', 'session closed'])
    })

    test('routers: prefix, {name:path}, router dependencies and dependencyOverrides', async () => {
      let ws = await connector.connect('/router/a/b')
      assert.equal(await ws.receiveText(), 'real:a/b')
      assert.deepEqual(journal.events, ['router dependency'])
      app.dependencyOverrides.set(
        prefix,
        depends(() => 'override'),
      )
      ws = await connector.connect('/router/c')
      assert.equal(await ws.receiveText(), 'override:c')
    })

    test('WebSocketException after accept closes with its code and reason', async () => {
      const ws = await connector.connect('/exception-after-accept')
      await assert.rejects(ws.receive(), (error: WebSocketDisconnect) => {
        assert.equal(error.code, 4001)
        assert.equal(error.reason, 'custom reason')
        return true
      })
    })

    test('an unknown path is refused with a plain 404', async () => {
      const denied = await expectDenied(connector.connect('/no-such-socket'), 404)
      assert.deepEqual(denied.response.json(), { detail: 'Not Found' })
    })

    test('a handler that returns without accepting refuses with 403', async () => {
      await expectDenied(connector.connect('/never-accepts'), 403)
    })

    test('an unexpected handler error closes with 1011', async () => {
      const ws = await connector.connect('/boom')
      await ws.sendText('go')
      await assert.rejects(ws.receive(), (error: WebSocketDisconnect) => error.code === 1011)
    })

    test('a security scheme reading the query works unchanged; missing, it refuses with its HTTP error', async () => {
      const ws = await connector.connect('/secure-query', { query: { token: 'k1' } })
      assert.equal(await ws.receiveText(), 'key k1')
      const denied = await expectDenied(connector.connect('/secure-query'), 401)
      assert.deepEqual(denied.response.json(), { detail: 'Not authenticated' })
    })

    test('an OAuth2 bearer token: valid opens, invalid refuses with 401 and WWW-Authenticate', async () => {
      const ws = await connector.connect('/notifications', { headers: { authorization: 'Bearer secret' } })
      assert.deepEqual(await ws.receiveJson(), { hello: 'alice' })
      const denied = await expectDenied(
        connector.connect('/notifications', { headers: { authorization: 'Bearer nope' } }),
        401,
      )
      assert.equal(denied.response.headers.get('www-authenticate'), 'Bearer')
      assert.deepEqual(denied.response.json(), { detail: 'Invalid token' })
    })

    test('a message schema validates every message; an invalid one is answered and the socket stays open', async () => {
      const ws = await connector.connect('/moves')
      await ws.sendJson({ x: 1, y: 2 })
      assert.deepEqual(await ws.receiveJson(), { sum: 3 })
      await ws.sendJson({ x: 'a', y: 2 })
      const answer = await ws.receiveJson<{ detail: { type: string; loc: unknown[] }[] }>()
      assert.equal(answer.detail[0]!.type, 'int_parsing')
      assert.deepEqual(answer.detail[0]!.loc, ['message', 'x'])
      await ws.sendText('not json')
      assert.equal((await ws.receiveJson<{ detail: { type: string }[] }>()).detail[0]!.type, 'json_invalid')
      await ws.sendJson({ x: 5, y: 5 })
      assert.deepEqual(await ws.receiveJson(), { sum: 10 })
      await ws.close()
    })

    test("invalidMessage: 'close' closes with 1008 on the first invalid message", async () => {
      const ws = await connector.connect('/strict-moves')
      await ws.sendJson({ x: 1 })
      await assert.rejects(ws.receive(), (error: WebSocketDisconnect) => error.code === 1008)
    })

    test('subprotocols, accept headers and binary messages', async () => {
      const ws = await connector.connect('/protocols', { subprotocols: ['wamp', 'chat'] })
      assert.equal(ws.subprotocol, 'chat')
      assert.equal(ws.acceptHeaders['x-accepted'], 'yes')
      assert.deepEqual(await ws.receiveJson(), { offered: ['wamp', 'chat'], chosen: 'chat' })
      await ws.sendBytes(new Uint8Array([1, 2, 3]))
      assert.deepEqual([...(await ws.receiveBytes())], [2, 3, 4])
      await assert.rejects(
        ws.receive(),
        (error: WebSocketDisconnect) => error.code === 1000 && error.reason === 'done',
      )
    })

    test("the lifespan's state reaches the handler", async () => {
      const ws = await connector.connect('/state')
      assert.deepEqual(await ws.receiveJson(), { greeting: 'hello from the lifespan' })
    })
  })
}
