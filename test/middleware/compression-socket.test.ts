// compression() and requestDecompression over a real socket: a compressed stream reaches the client
// chunk by chunk, a gzip bomb is a 413 with memory bounded, and Accept-Encoding abuse is answered
// quickly and without a 500.
import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, describe, test } from 'node:test'
import zlib from 'node:zlib'
import { z } from 'zod'
import { App, type BriskServer, jsonLines, text } from '../../src/index.js'
import { compression } from '../../src/middleware/index.js'
import { send } from '../server/helpers.js'

const MIB = 1024 * 1024

/** `size` bytes of zeros, gzipped without ever holding them: the attacker's 10 kB of "JSON". */
function gzipBomb(size: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = zlib.createGzip({ level: 9 })
    const parts: Buffer[] = []
    gzip.on('data', (part: Buffer) => parts.push(part))
    gzip.on('end', () => resolve(Buffer.concat(parts)))
    gzip.on('error', reject)
    const zeros = Buffer.alloc(64 * 1024)
    let left = size
    const write = () => {
      while (left > 0) {
        left -= zeros.length
        if (!gzip.write(zeros)) return gzip.once('drain', write)
      }
      gzip.end()
    }
    write()
  })
}

describe('compression over a socket', () => {
  let server: BriskServer
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })

  before(async () => {
    const app = new App({ requestDecompression: true })
    app.use(compression())
    app.get('/feed', () =>
      jsonLines(
        (async function* () {
          yield { row: 1 }
          await released // the second row waits until the client has read the first
          yield { row: 2 }
        })(),
      ),
    )
    app.get('/big', () => text('abc'.repeat(10_000)))
    app.post('/items', { body: z.object({ name: z.string() }) }, ({ body }) => body)
    server = await app.listen({ port: 0, handleSignals: false })
  })
  after(() => server.close())

  test('a compressed JSON Lines stream arrives row by row, before the stream ends', async () => {
    const rows = await new Promise<string[]>((resolve, reject) => {
      const req = request(
        `${server.url}/feed`,
        { headers: { 'accept-encoding': 'gzip' }, agent: false },
        (res) => {
          assert.equal(res.headers['content-encoding'], 'gzip')
          assert.equal(res.headers['transfer-encoding'], 'chunked')
          assert.equal(res.headers.vary, 'Accept-Encoding')
          const gunzip = zlib.createGunzip()
          const seen: string[] = []
          gunzip.on('data', (part: Buffer) => {
            seen.push(part.toString())
            // Only the first row exists until this release: it came through the compressor flushed.
            if (seen.length === 1) release()
          })
          gunzip.on('end', () => resolve(seen))
          gunzip.on('error', reject)
          res.pipe(gunzip)
        },
      )
      req.on('error', reject)
      req.end()
    })
    assert.deepEqual(rows, ['{"row":1}\n', '{"row":2}\n'])
  })

  test('a whole body is sent compressed with its compressed length', async () => {
    const response = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
      (resolve, reject) => {
        const req = request(
          `${server.url}/big`,
          { headers: { 'accept-encoding': 'br' }, agent: false },
          (res) => {
            const parts: Buffer[] = []
            res.on('data', (part: Buffer) => parts.push(part))
            res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }))
          },
        )
        req.on('error', reject)
        req.end()
      },
    )
    assert.equal(response.headers['content-encoding'], 'br')
    assert.equal(Number(response.headers['content-length']), response.body.byteLength)
    assert.equal(zlib.brotliDecompressSync(response.body).toString(), 'abc'.repeat(10_000))
  })

  test('gzip bombs (10 MB and 100 MB of zeros) are 413s, and memory stays bounded', async () => {
    const small = await gzipBomb(10 * MIB)
    const large = await gzipBomb(100 * MIB)
    assert.ok(small.byteLength < 20_000 && large.byteLength < 200_000)
    global.gc?.()
    const before = process.memoryUsage().rss
    for (const bomb of [small, large, small, large, small]) {
      const response = await send(`${server.url}/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: bomb,
      })
      assert.equal(response.status, 413)
      assert.deepEqual(JSON.parse(response.body), {
        detail: 'Request body is larger than the limit of 1048576 bytes',
      })
    }
    const growth = process.memoryUsage().rss - before
    assert.ok(growth < 64 * MIB, `RSS grew by ${(growth / MIB).toFixed(1)} MiB`)
  })

  test('a gzip body that fits is decoded and validated', async () => {
    const response = await send(`${server.url}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: zlib.gzipSync(JSON.stringify({ name: 'Widget' })),
    })
    assert.equal(response.status, 200)
    assert.deepEqual(JSON.parse(response.body), { name: 'Widget' })
  })

  test('Accept-Encoding abuse (15 kB of junk codings, thousands of q-values) is answered quickly', async () => {
    const junk = Array.from({ length: 1500 }, (_, index) => `c${index};q=0.${index % 10}`)
      .join(',')
      .slice(0, 15_000)
    const qValues = `gzip${';q=0.5'.repeat(2400)}`
    const commas = `${','.repeat(14_000)}gzip`
    const started = performance.now()
    for (const header of [
      junk,
      `${junk.slice(0, 14_000)},gzip`,
      qValues,
      commas,
      'gzip;q=' + '9'.repeat(14_000),
    ]) {
      for (let round = 0; round < 20; round++) {
        const response = await send(`${server.url}/big`, { headers: { 'accept-encoding': header } })
        assert.equal(response.status, 200)
        assert.ok(
          response.headers['content-encoding'] === undefined ||
            response.headers['content-encoding'] === 'gzip',
        )
      }
    }
    const elapsed = performance.now() - started
    // 100 requests over fresh connections; a super-linear parser would take seconds per request.
    assert.ok(elapsed < 10_000, `took ${elapsed.toFixed(0)} ms`)
  })
})
