// A streamed response holds only what is in flight: a generator yielding 256 MiB, read by a
// client that keeps up, grows RSS by far less than that. The writer once raced each chunk
// against one long-lived promise, whose reactions kept every chunk sent (277 MiB).
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, test } from 'node:test'
import { App, type BriskServer, silentLogger, stream } from '../../src/index.js'
import { MIB, withinMemory } from '../memory-bound.js'

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

test('256 MiB streamed from a generator: memory stays far below what was sent', async () => {
  // Half the stream, not withinMemory's 64 MiB: the generator's own garbage (a fresh 1 MiB per
  // chunk, with no forced GC here) may take tens of MiB on some Node versions, while the bug
  // held every chunk: 277 MiB.
  const bytes = await withinMemory(
    () =>
      new Promise<number>((resolve, reject) => {
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
      }),
    128 * MIB,
  )
  assert.equal(bytes, 256 * MIB)
})
