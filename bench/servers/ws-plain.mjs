// WebSocket scenarios, plain `ws` on node:http: the baseline Brisk's WebSocket layer is measured
// against. /echo sends every message back; /feed sockets are kept in a Set, POST /publish sends
// its body (serialised once) to each.
import { createServer } from 'node:http'
import { WebSocketServer } from 'ws'

const feed = new Set()
const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/publish') {
    res.writeHead(404).end()
    return
  }
  const chunks = []
  req.on('data', (chunk) => chunks.push(chunk))
  req.on('end', () => {
    const json = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString()))
    for (const ws of feed) ws.send(json)
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ subscribers: feed.size }))
  })
})
const wss = new WebSocketServer({ server, maxPayload: 1024 * 1024 })
wss.on('connection', (ws, req) => {
  if (req.url === '/echo') {
    ws.on('message', (data, isBinary) => ws.send(isBinary ? data : data.toString()))
  } else if (req.url === '/feed') {
    feed.add(ws)
    ws.on('close', () => feed.delete(ws))
  } else ws.close(1008)
})
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1')
process.on('SIGTERM', () => process.exit(0))
