import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { connect } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { WebSocket as WsClient } from 'ws'
import { App, type BriskServer, depends, silentLogger, WebSocketDisconnect } from '../../src/index.js'
import { connectWs, expectDenied } from './connectors.js'

const MIB = 1024 * 1024

/** Sends raw handshake bytes and reads the status line and headers of the answer. */
function rawHandshake(port: number, lines: string[]): Promise<{ status: number; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${lines.join('\r\n')}\r\n\r\n`))
    let received = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    socket.on('error', reject)
    socket.on('close', () => resolve({ status: Number(received.split(' ')[1]), head: received }))
  })
}

function handshake(path: string, extra: string[]): string[] {
  return [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: Upgrade', 'Upgrade: websocket', ...extra]
}

const KEY = 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=='

describe('WebSocket limits and hostile input (real socket)', () => {
  const seen: { bufferedMax: number; sendError?: unknown; lateAccept?: string } = { bufferedMax: 0 }
  let server: BriskServer
  let allowListed: BriskServer
  before(async () => {
    const app = new App({
      logger: silentLogger,
      websocket: { maxBufferedBytes: 256 * 1024, pingIntervalMs: 100, closeTimeoutMs: 200 },
    })
    app.websocket('/echo', async ({ websocket }) => {
      await websocket.accept()
      for await (const message of websocket) await websocket.send(message)
    })
    const slowAuth = depends(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return 'user'
    })
    app.websocket('/slow-auth', { deps: { user: slowAuth } }, async ({ websocket }) => {
      seen.lateAccept = 'accepting'
      await websocket.accept()
      try {
        await websocket.receive()
      } catch (error) {
        seen.lateAccept = error instanceof WebSocketDisconnect ? `disconnect ${error.code}` : 'other'
      }
    })
    app.websocket('/firehose', async ({ websocket }) => {
      await websocket.accept()
      const chunk = 'x'.repeat(16 * 1024)
      try {
        for (;;) {
          await websocket.sendText(chunk)
          seen.bufferedMax = Math.max(seen.bufferedMax, websocket.bufferedAmount)
          // Let the socket write what it can, as a real producer would between messages.
          await new Promise((resolve) => setImmediate(resolve))
        }
      } catch (error) {
        seen.sendError = error
      }
    })
    server = await app.listen({ port: 0, handleSignals: false })
    const guarded = new App({ logger: silentLogger, websocket: { allowedOrigins: ['https://shop.example'] } })
    guarded.websocket('/ws', async ({ websocket }) => {
      await websocket.accept()
      await websocket.sendText('welcome')
    })
    allowListed = await guarded.listen({ port: 0, handleSignals: false })
  })
  after(async () => {
    await server.close()
    await allowListed.close()
  })

  test('a 2 MiB message closes the socket with 1009; the server keeps serving', async () => {
    const ws = await connectWs(server.url, '/echo')
    await ws.send('a'.repeat(2 * MIB)).catch(() => {})
    await assert.rejects(ws.receive(), (error: WebSocketDisconnect) => error.code === 1009)
    const again = await connectWs(server.url, '/echo')
    await again.sendText('still here')
    assert.equal(await again.receiveText(), 'still here')
    await again.close()
  })

  test('an upgrade from an origin outside the allow-list gets 403 before the upgrade', async () => {
    const denied = await expectDenied(
      connectWs(allowListed.url, '/ws', { headers: { origin: 'https://evil.example' } }),
      403,
    )
    assert.deepEqual(denied.response.json(), { detail: 'Origin not allowed' })
    const ws = await connectWs(allowListed.url, '/ws', { headers: { origin: 'https://shop.example' } })
    assert.equal(await ws.receiveText(), 'welcome')
  })

  test('by default a cross-site origin is refused, the same origin and no origin are not', async () => {
    await expectDenied(connectWs(server.url, '/echo', { headers: { origin: 'https://evil.example' } }), 403)
    const same = await connectWs(server.url, '/echo', { headers: { origin: server.url } })
    await same.close()
    const none = await connectWs(server.url, '/echo')
    await none.close()
  })

  test('no Sec-WebSocket-Key: 400', async () => {
    const { status } = await rawHandshake(server.port, handshake('/echo', ['Sec-WebSocket-Version: 13']))
    assert.equal(status, 400)
  })

  test('an unsupported version: 426 naming the versions spoken', async () => {
    for (const version of ['12', '14', 'abc', '']) {
      const { status, head } = await rawHandshake(
        server.port,
        handshake('/echo', [KEY, `Sec-WebSocket-Version: ${version}`]),
      )
      assert.equal(status, 426)
      assert.match(head, /sec-websocket-version: 13, 8/i)
    }
  })

  test('a huge hostile Sec-WebSocket-Protocol header is refused at once (no ReDoS)', async () => {
    const started = Date.now()
    const header = `Sec-WebSocket-Protocol: b${' '.repeat(12_000)}x`
    const { status } = await rawHandshake(
      server.port,
      handshake('/echo', [KEY, 'Sec-WebSocket-Version: 13', header]),
    )
    assert.equal(status, 400)
    // Past Node's 16 KiB header limit: 431 from the HTTP parser, before Brisk sees it.
    const { status: tooBig } = await rawHandshake(
      server.port,
      handshake('/echo', [
        KEY,
        'Sec-WebSocket-Version: 13',
        `Sec-WebSocket-Protocol: ${'a,'.repeat(20_000)}a`,
      ]),
    )
    assert.equal(tooBig, 431)
    assert.ok(Date.now() - started < 2000)
  })

  test('a protocol error (RSV bits without an extension) closes with 1002; an unmasked frame too', async () => {
    for (const frame of [Buffer.from([0xc1, 0x80, 1, 2, 3, 4]), Buffer.from([0x81, 0x02, 0x68, 0x69])]) {
      const code = await new Promise<number>((resolve, reject) => {
        const socket = connect(server.port, '127.0.0.1', () => {
          socket.write(`${handshake('/echo', [KEY, 'Sec-WebSocket-Version: 13']).join('\r\n')}\r\n\r\n`)
        })
        let received = Buffer.alloc(0)
        socket.on('data', (chunk: Buffer) => {
          const before = received.indexOf('\r\n\r\n')
          received = Buffer.concat([received, chunk])
          const end = received.indexOf('\r\n\r\n')
          if (before === -1 && end !== -1) socket.write(frame)
          const rest = end === -1 ? Buffer.alloc(0) : received.subarray(end + 4)
          // A close frame: opcode 8, then the 2-byte code.
          if (rest.length >= 4 && (rest[0]! & 0x0f) === 8) resolve(rest.readUInt16BE(2))
        })
        socket.on('error', reject)
        socket.on('close', () => reject(new Error('closed without a close frame')))
      })
      assert.equal(code, 1002)
    }
  })

  test('per-message deflate is off by default: an offer from the client is not taken up', async () => {
    const client = new WsClient(`${server.url.replace('http', 'ws')}/echo`, { perMessageDeflate: true })
    const extensions = await new Promise<string | undefined>((resolve) =>
      client.once('upgrade', (res) => resolve(res.headers['sec-websocket-extensions'] as string | undefined)),
    )
    assert.equal(extensions, undefined)
    client.close()
    const app = new App({ logger: silentLogger, websocket: { perMessageDeflate: true } })
    app.websocket('/ws', async ({ websocket }) => {
      await websocket.accept()
      await websocket.sendText('x'.repeat(1000))
    })
    const deflating = await app.listen({ port: 0, handleSignals: false })
    const offered = new WsClient(`${deflating.url.replace('http', 'ws')}/ws`, { perMessageDeflate: true })
    const [negotiated, message] = await Promise.all([
      new Promise((resolve) =>
        offered.once('upgrade', (res) => resolve(res.headers['sec-websocket-extensions'])),
      ),
      new Promise((resolve) => offered.once('message', (data) => resolve(String(data).length))),
    ])
    assert.match(String(negotiated), /permessage-deflate/)
    assert.equal(message, 1000)
    offered.close()
    await deflating.close()
  })

  test('a client that leaves while the dependencies run: accept() does not hang, the handler sees 1006', async () => {
    const socket = connect(server.port, '127.0.0.1', () => {
      socket.write(`${handshake('/slow-auth', [KEY, 'Sec-WebSocket-Version: 13']).join('\r\n')}\r\n\r\n`)
      setTimeout(() => socket.destroy(), 20)
    })
    socket.on('error', () => {})
    for (let waited = 0; !seen.lateAccept?.startsWith('disconnect') && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    assert.equal(seen.lateAccept, 'disconnect 1006')
  })

  test('a client that never reads: the backlog stays under the cap and the socket is closed with 1013', async () => {
    const client = new WsClient(`${server.url.replace('http', 'ws')}/firehose`)
    await new Promise((resolve) => client.once('open', resolve))
    // Stop reading: the kernel buffers fill, then the server's.
    const raw = (client as unknown as { _socket: { pause(): void; resume(): void } })._socket
    raw.pause()
    for (let waited = 0; seen.sendError === undefined && waited < 10_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    assert.ok(seen.sendError instanceof WebSocketDisconnect)
    assert.equal(seen.sendError.code, 1013)
    assert.ok(seen.bufferedMax <= 256 * 1024, `buffered ${seen.bufferedMax} bytes`)
    // The server cuts the connection once the close handshake times out; reading again, the
    // client sees the end.
    raw.resume()
    await new Promise((resolve) => client.once('close', resolve))
  })

  test('a peer that stops answering pings is dropped by the keep-alive', async () => {
    const client = new WsClient(`${server.url.replace('http', 'ws')}/echo`, { autoPong: false })
    await new Promise((resolve) => client.once('open', resolve))
    const code = await new Promise<number>((resolve) => client.once('close', resolve))
    assert.equal(code, 1006)
  })

  test('1,000 idle sockets, then SIGTERM: every one closed with 1001, the process exits 0 within the grace period', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/websocket/fixtures/idle-sockets.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk
    })
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on (\d+)/.exec(output)
        if (match) resolve(Number(match[1]))
      })
      child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)))
    })
    const codes: Promise<number>[] = []
    for (let batch = 0; batch < 10; batch++) {
      const opened: Promise<void>[] = []
      for (let i = 0; i < 100; i++) {
        const client = new WsClient(`ws://127.0.0.1:${port}/idle`)
        opened.push(
          new Promise((resolve, reject) => client.once('open', () => resolve()).once('error', reject)),
        )
        codes.push(new Promise((resolve) => client.once('close', resolve)))
      }
      await Promise.all(opened)
    }
    const started = Date.now()
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    child.kill('SIGTERM')
    const closeCodes = await Promise.all(codes)
    assert.equal(closeCodes.filter((code) => code === 1001).length, 1000)
    assert.equal(await exited, 0)
    assert.ok(Date.now() - started < 3000 + 2000, `exited after ${Date.now() - started} ms`)
    assert.match(output, /handlers saw 1000 disconnects with 1001/)
  })
})
