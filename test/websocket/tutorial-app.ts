// The apps of FastAPI's WebSocket tutorials and tests (docs_src/websockets/tutorial00{1,2,3},
// tests/test_ws_router.py, tests/test_ws_dependencies.py), written for Brisk. Each test suite runs
// them twice: through the in-process TestClient and over a real socket with `ws` as the client.
import { z } from 'zod'
import {
  APIKeyQuery,
  App,
  depends,
  HTTPException,
  MemoryBroadcaster,
  OAuth2PasswordBearer,
  Router,
  silentLogger,
  WebSocketDisconnect,
  WebSocketException,
} from '../../src/index.js'

/** What the apps record for the tests to check: teardowns run, disconnect codes seen. */
export interface Journal {
  events: string[]
}

export function buildTutorialApp(journal: Journal) {
  const app = new App({
    logger: silentLogger,
    lifespan: async function* () {
      yield { greeting: 'hello from the lifespan' }
    },
  })

  // tutorial001: the echo.
  app.websocket('/ws', async function websocket_endpoint({ websocket }) {
    await websocket.accept()
    for (;;) {
      const data = await websocket.receiveText()
      await websocket.sendText(`Message text was: ${data}`)
    }
  })

  // tutorial002: a cookie or a query token, a path and a query parameter.
  const getCookieOrToken = depends(
    { cookies: { session: z.string().optional() }, query: { token: z.string().optional() } },
    ({ cookies, query }) => {
      const value = cookies.session ?? query.token
      if (value === undefined) throw new WebSocketException(1008)
      return value
    },
  )
  app.websocket(
    '/items/{item_id}/ws',
    {
      path: { item_id: z.string() },
      query: { q: z.int().optional() },
      deps: { cookieOrToken: getCookieOrToken },
    },
    async ({ websocket, path, query, cookieOrToken }) => {
      await websocket.accept()
      for (;;) {
        const data = await websocket.receiveText()
        await websocket.sendText(`Session cookie or query token value is: ${cookieOrToken}`)
        if (query.q !== undefined) await websocket.sendText(`Query parameter q is: ${query.q}`)
        await websocket.sendText(`Message text was: ${data}, for item ID: ${path.item_id}`)
      }
    },
  )

  // tutorial003: the chat, fanned out through a broadcaster.
  const chat = new MemoryBroadcaster()
  app.websocket('/chat/{client_id}', { path: { client_id: z.int() } }, async ({ websocket, path }) => {
    await websocket.accept()
    const unsubscribe = await chat.subscribe(
      'chat',
      (message) => void websocket.sendText(String(message)).catch(() => {}),
    )
    try {
      for await (const data of websocket) {
        await websocket.sendText(`You wrote: ${data}`)
        await chat.publish('chat', `Client #${path.client_id} says: ${data}`)
      }
      journal.events.push(`client ${path.client_id} left with ${websocket.closeCode}`)
    } finally {
      await unsubscribe()
      await chat.publish('chat', `Client #${path.client_id} left the chat`)
    }
  })

  // A yield dependency: its teardown runs when the socket ends.
  const session = depends(async function* () {
    journal.events.push('session opened')
    try {
      yield 'db-session'
    } finally {
      journal.events.push('session closed')
    }
  })
  app.websocket('/teardown', { deps: { db: session } }, async ({ websocket, db }) => {
    await websocket.accept()
    await websocket.sendText(db)
    try {
      await websocket.receive()
    } catch (error) {
      if (error instanceof WebSocketDisconnect) journal.events.push(`disconnect ${error.code}`)
      throw error
    }
  })

  // Routers: prefix, router dependencies, overrides (FastAPI's tests/test_ws_router.py).
  const router = new Router({
    prefix: '/router',
    dependencies: [depends(() => journal.events.push('router dependency'))],
  })
  const prefix = depends(() => 'real')
  router.websocket('/{pathparam:path}', { deps: { prefix } }, async ({ websocket, path, prefix }) => {
    await websocket.accept()
    await websocket.sendText(`${prefix}:${path.pathparam}`)
    await websocket.close()
  })
  app.include(router)
  // FastAPI: an int path parameter that is not one closes with 1008.
  app.websocket('/depend-validation/{id}', { path: { id: z.int() } }, async ({ websocket, path }) => {
    await websocket.accept()
    await websocket.sendJson({ id: path.id })
    await websocket.close()
  })

  // WebSocketException after accept; a handler error; a handler that never accepts.
  app.websocket('/exception-after-accept', async ({ websocket }) => {
    await websocket.accept()
    throw new WebSocketException(4001, 'custom reason')
  })
  app.websocket('/never-accepts', () => {})
  app.websocket('/boom', async ({ websocket }) => {
    await websocket.accept()
    await websocket.receive()
    throw new Error('boom')
  })

  // Security schemes as dependencies: a token in the query, a bearer header.
  const apiKey = new APIKeyQuery({ name: 'token' })
  app.websocket('/secure-query', { deps: { key: apiKey } }, async ({ websocket, key }) => {
    await websocket.accept()
    await websocket.sendText(`key ${key}`)
    await websocket.close()
  })
  const bearer = new OAuth2PasswordBearer({ tokenUrl: '/token' })
  const currentUser = depends({ token: bearer }, ({ token }) => {
    if (token !== 'secret')
      throw new HTTPException(401, 'Invalid token', { headers: { 'WWW-Authenticate': 'Bearer' } })
    return { name: 'alice' }
  })
  app.websocket('/notifications', { deps: { user: currentUser } }, async ({ websocket, user }) => {
    await websocket.accept()
    await websocket.sendJson({ hello: user.name })
    await websocket.close()
  })

  // Typed incoming messages.
  const Move = z.object({ x: z.int(), y: z.int() })
  app.websocket('/moves', { message: Move }, async ({ websocket }) => {
    await websocket.accept()
    for await (const move of websocket) await websocket.sendJson({ sum: move.x + move.y })
  })
  app.websocket('/strict-moves', { message: Move, invalidMessage: 'close' }, async ({ websocket }) => {
    await websocket.accept()
    for await (const move of websocket) await websocket.sendJson({ sum: move.x + move.y })
  })

  // Subprotocols, accept headers, binary frames, lifespan state.
  app.websocket('/protocols', async ({ websocket }) => {
    const chosen = websocket.subprotocols.includes('chat') ? 'chat' : undefined
    await websocket.accept({ subprotocol: chosen, headers: { 'x-accepted': 'yes' } })
    await websocket.sendJson({ offered: websocket.subprotocols, chosen: websocket.subprotocol })
    const bytes = await websocket.receiveBytes()
    await websocket.sendBytes(bytes.map((byte) => byte + 1))
    await websocket.close(1000, 'done')
  })
  app.websocket('/state', async ({ websocket, state }) => {
    await websocket.accept()
    await websocket.sendJson(state)
    await websocket.close()
  })

  return { app, prefix, chat }
}
