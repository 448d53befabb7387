// WebSocket scenarios, Brisk: /echo sends every message back; /feed joins the `feed` channel of a
// MemoryBroadcaster, and POST /publish publishes its JSON body there (the fan-out scenario).
import { App, forwardToSocket, MemoryBroadcaster, silentLogger } from '../../dist/index.js'

const app = new App({ logger: silentLogger, docsUrl: null, redocUrl: null, openapiUrl: null })
const broadcaster = new MemoryBroadcaster()

app.websocket('/echo', async ({ websocket }) => {
  await websocket.accept()
  for await (const message of websocket) await websocket.send(message)
})
app.websocket('/feed', async ({ websocket }) => {
  await websocket.accept()
  await forwardToSocket(broadcaster, 'feed', websocket)
  for await (const _ of websocket) {
    // Subscribers only listen.
  }
})
app.post('/publish', async ({ request }) => {
  await broadcaster.publish('feed', await request.json())
  return { subscribers: broadcaster.subscribers('feed') }
})

await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1', handleSignals: true })
