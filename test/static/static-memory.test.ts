// Static files over a real socket with memory bounded (RSS growth under 64 MiB, as for every
// hostile input): a 256 MiB file downloaded by several clients at once, by one that stops reading,
// and asked for in 100 scattered ranges, is streamed from disk, never read whole.
import assert from 'node:assert/strict'
import { open } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { App, type BriskServer, silentLogger, staticFiles } from '../../src/index.js'
import { MIB, withinMemory } from '../memory-bound.js'
import { tempDir } from './fixtures.js'

const SIZE = 256 * MIB

/** GETs `path` and counts the body's bytes without keeping them. */
function download(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; bytes: number; type: string | undefined }>((resolve, reject) => {
    const req = request({ port, host: '127.0.0.1', path, headers }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      res.on('end', () => resolve({ status: res.statusCode!, bytes, type: res.headers['content-type'] }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('static files with memory bounded', () => {
  let server: BriskServer
  let dir: Awaited<ReturnType<typeof tempDir>>

  before(async () => {
    dir = await tempDir()
    // Sparse: 256 MiB of file on almost no disk, read back as zeros.
    const file = await open(join(dir.path, 'big.bin'), 'w')
    await file.truncate(SIZE)
    await file.close()
    const app = new App({ logger: silentLogger })
    app.mount('/files', staticFiles({ directory: dir.path }))
    server = await app.listen({ port: 0, host: '127.0.0.1', handleSignals: false })
  })
  after(async () => {
    await server?.close()
    await dir?.remove()
  })

  test('four clients downloading 256 MiB each at once', async () => {
    const results = await withinMemory(() =>
      Promise.all([1, 2, 3, 4].map(() => download(server.port, '/files/big.bin'))),
    )
    for (const result of results)
      assert.deepEqual(result, { status: 200, bytes: SIZE, type: 'application/octet-stream' })
  })

  test('a client that stops reading holds no more than the socket buffers', async () => {
    await withinMemory(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = request({ port: server.port, host: '127.0.0.1', path: '/files/big.bin' }, (res) => {
            res.pause()
            // Long enough for a server that reads ahead to have read far more than 64 MiB.
            setTimeout(() => {
              req.destroy()
              resolve()
            }, 1500)
          })
          req.on('error', (error) =>
            (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(error),
          )
          req.end()
        }),
    )
  })

  test('100 scattered ranges are one multipart/byteranges stream', async () => {
    const ranges = Array.from({ length: 100 }, (_, i) => `${i * 2 * MIB}-${i * 2 * MIB + MIB - 1}`).join(',')
    const result = await withinMemory(() =>
      download(server.port, '/files/big.bin', { range: `bytes=${ranges}` }),
    )
    assert.equal(result.status, 206)
    assert.match(result.type ?? '', /^multipart\/byteranges; boundary=/)
    assert.ok(result.bytes > 100 * MIB, `${result.bytes} bytes`)
  })
})
