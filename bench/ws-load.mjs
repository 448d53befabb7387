// Load generator for the WebSocket scenarios (bench/websocket.mjs runs it pinned to CPU 0).
//
//   node ws-load.mjs echo <port> <connections> <seconds>   → {"messages": n, "seconds": s}
//   node ws-load.mjs fanout <port> <sockets> <publishes>   → {"times_ms": [...], "rss_kb": n}
//
// The echo client is raw TCP: the handshake by hand, then batches of pre-masked frames written in
// one go and the echoes counted by bytes (every echo has the same size), so the client spends far
// less CPU per message than the server and the server is what is measured.
import { randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { connect } from 'node:net'
import { WebSocket } from 'ws'

const [mode, portText, countText, amountText] = process.argv.slice(2)
const port = Number(portText)
const PAYLOAD = Buffer.from('{"type":"ping","seq":12345,"x":1}')
const WINDOW = 16

/** One masked text frame of PAYLOAD (payload < 126 bytes: 2-byte header, 4-byte mask). */
function maskedFrame() {
  const mask = randomBytes(4)
  const frame = Buffer.alloc(6 + PAYLOAD.length)
  frame[0] = 0x81
  frame[1] = 0x80 | PAYLOAD.length
  mask.copy(frame, 2)
  for (let i = 0; i < PAYLOAD.length; i++) frame[6 + i] = PAYLOAD[i] ^ mask[i % 4]
  return frame
}

function handshake(path) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      )
    })
    socket.setNoDelay(true)
    let head = Buffer.alloc(0)
    const onData = (chunk) => {
      head = Buffer.concat([head, chunk])
      const end = head.indexOf('\r\n\r\n')
      if (end === -1) return
      socket.off('data', onData)
      if (!head.subarray(0, 12).toString().includes('101')) reject(new Error(head.toString()))
      else resolve({ socket, rest: head.subarray(end + 4) })
    }
    socket.on('data', onData)
    socket.on('error', reject)
  })
}

async function echo(connections, seconds) {
  const batch = Buffer.concat(Array.from({ length: WINDOW }, maskedFrame))
  const echoSize = 2 + PAYLOAD.length
  let messages = 0
  let running = true
  const sockets = await Promise.all(Array.from({ length: connections }, () => handshake('/echo')))
  const started = process.hrtime.bigint()
  for (const { socket, rest } of sockets) {
    let pending = rest.length
    socket.on('data', (chunk) => {
      pending += chunk.length
      while (pending >= echoSize * WINDOW) {
        pending -= echoSize * WINDOW
        messages += WINDOW
        if (running) socket.write(batch)
      }
    })
    socket.write(batch)
  }
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000))
  running = false
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9
  for (const { socket } of sockets) socket.destroy()
  return { messages, seconds: elapsed }
}

function publish(body) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/publish',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume()
        res.on('end', resolve)
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function fanout(count, publishes) {
  const sockets = []
  let received = 0
  let onAll
  for (let i = 0; i < count; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, count - i) }, () => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/feed`)
        sockets.push(ws)
        ws.on('message', () => {
          if (++received === count) onAll()
        })
        return new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
      }),
    )
  }
  await new Promise((resolve) => setTimeout(resolve, 200))
  const times = []
  for (let i = 0; i < publishes; i++) {
    received = 0
    const all = new Promise((resolve) => {
      onAll = resolve
    })
    const started = process.hrtime.bigint()
    await publish(JSON.stringify({ type: 'order.shipped', orderId: i, at: Date.now() }))
    await all
    times.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  for (const ws of sockets) ws.terminate()
  return { times_ms: times }
}

const result =
  mode === 'echo'
    ? await echo(Number(countText), Number(amountText))
    : await fanout(Number(countText), Number(amountText))
console.log(JSON.stringify(result))
process.exit(0)
