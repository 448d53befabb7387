// WebSocket scenarios, Fastify + @fastify/websocket: /echo sends every message back.
import websocket from '@fastify/websocket'
import Fastify from 'fastify'

const app = Fastify({ logger: false })
await app.register(websocket, { options: { maxPayload: 1024 * 1024 } })
app.register(async (scoped) => {
  scoped.get('/echo', { websocket: true }, (socket) => {
    socket.on('message', (data, isBinary) => socket.send(isBinary ? data : data.toString()))
  })
})
await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' })
process.on('SIGTERM', () => app.close().then(() => process.exit(0)))
