// A streamed response holds only what is in flight: a generator yielding 256 MiB, read by a
// client that keeps up, leaves memory where it was (RSS growth under 64 MiB). The writer once
// raced each chunk against one long-lived promise, whose reactions kept every chunk sent.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, test } from 'node:test'
import { App, type BriskServer, silentLogger, stream } from '../../src/index.js'

const MIB = 1024 * 1024
let server: BriskServer

before(async () => {
  const app = new App({ logger: silentLogger })
  app.get('/stream', () =>
    stream(
      (async function* () {
        // A new buffer each time, as a real source makes them.
        for (let i = 0; i < 256; i++) yield Buffer.alloc(MIB, i)
      })(),
      { contentType: 'application/octet-stream' },
    ),
  )
  server = await app.listen({ port: 0, host: '127.0.0.1', handleSignals: false })
})
after(() => server?.close())

test('256 MiB streamed from a generator: memory stays flat', async () => {
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  const bytes = await new Promise<number>((resolve, reject) => {
    request({ port: server.port, host: '127.0.0.1', path: '/stream' }, (res) => {
      let total = 0
      res.on('data', (chunk: Buffer) => {
        total += chunk.length
      })
      res.on('end', () => resolve(total))
      res.on('error', reject)
    })
      .on('error', reject)
      .end()
  })
  assert.equal(bytes, 256 * MIB)
  global.gc?.()
  const growth = process.memoryUsage().rss - rssBefore
  assert.ok(growth < 64 * MIB, `RSS grew by ${Math.round(growth / MIB)} MiB`)
})
