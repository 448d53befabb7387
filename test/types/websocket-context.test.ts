import assert from 'node:assert/strict'
import { test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { z } from 'zod'
import {
  App,
  ConfigError,
  depends,
  Router,
  TestClient,
  type WebSocket,
  type WebSocketMessage,
} from '../../src/index.js'

// These checks run at type-check time (`npm run typecheck`); the test only makes them part of the suite.
test('WebSocket handler context types follow the route declarations', () => {
  const app = new App()
  const user = depends(() => ({ name: 'alice' }))
  app.websocket(
    '/rooms/{room}',
    {
      path: { room: z.int() },
      query: { token: z.string() },
      deps: { user },
      message: z.object({ text: z.string() }),
    },
    async ({ path, query, user, websocket }) => {
      expectTypeOf(path.room).toEqualTypeOf<number>()
      expectTypeOf(query.token).toEqualTypeOf<string>()
      expectTypeOf(user).toEqualTypeOf<{ name: string }>()
      expectTypeOf(websocket).toEqualTypeOf<WebSocket<{ text: string }, { text: string }>>()
      for await (const message of websocket) expectTypeOf(message).toEqualTypeOf<{ text: string }>()
      expectTypeOf(await websocket.receiveJson()).toEqualTypeOf<{ text: string }>()
    },
  )
  new Router().websocket('/raw', async ({ websocket }) => {
    for await (const message of websocket) expectTypeOf(message).toEqualTypeOf<WebSocketMessage>()
    expectTypeOf(await websocket.receiveJson()).toEqualTypeOf<unknown>()
  })
})

test('a misspelt WebSocket option, a non-schema message or a dependency named websocket is refused', async () => {
  const app = new App()
  // @ts-expect-error: `querry` is not an option
  assert.throws(() => app.websocket('/a', { querry: {} }, () => {}), ConfigError)
  assert.throws(() => app.websocket('/b', { message: { text: z.string() } as never }, () => {}), ConfigError)
  assert.throws(() => app.websocket('/c', { invalidMessage: 'drop' as never }, () => {}), ConfigError)
  app.websocket('/d', { deps: { websocket: depends(() => 1) } }, () => {})
  await assert.rejects(new TestClient(app).websocket('/d'), ConfigError)
})
