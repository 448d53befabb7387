// A 413 answered while the client is still sending its body is read by the client, not lost to
// a connection reset: the server half-closes and drops the rest of the body for a moment before
// closing (src/adapters/lingering-close.ts). Without it this failed about one run in three.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import { App, type BriskServer } from '../../src/index.js'

/** Streams `total` bytes of a chunked JSON body and resolves with what came back, or 'reset'. */
function postTooMuch(port: number, total: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve(received === '' ? 'reset' : received))
    socket.write(
      'POST /items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    )
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    const pump = () => {
      while (sent < total && !socket.destroyed) {
        sent += chunk.length
        if (!socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString('latin1')}\r\n`)) {
          socket.once('drain', pump)
          return
        }
      }
      if (!socket.destroyed) socket.end('0\r\n\r\n')
    }
    pump()
  })
}

describe('an early 413 over a real socket', () => {
  let server: BriskServer
  before(async () => {
    const app = new App({ bodyLimit: 64 * 1024 })
    app.post('/items', { body: z.object({ name: z.string() }) }, ({ body }) => body)
    server = await app.listen({ port: 0, handleSignals: false })
  })
  after(() => server.close())

  test('reaches the client every time, while it is still sending 8 MiB', async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const answer = await postTooMuch(server.port, 8 * 1024 * 1024)
      assert.match(answer, /^HTTP\/1\.1 413 /, `attempt ${attempt}: ${answer.slice(0, 80)}`)
    }
  })
})
