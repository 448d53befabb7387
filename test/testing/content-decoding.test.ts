// The TestClient asks for and decodes compressed bodies as httpx (and so Starlette's and FastAPI's
// TestClient) does: `Accept-Encoding: gzip, deflate` by default, and `res.text`, `res.json()`
// and `res.content` decoded while `res.headers` still say how the body travelled.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import zlib from 'node:zlib'
import { App, ContentDecodingError, silentLogger, TestClient } from '../../src/index.js'

/** An app answering `/` with `body` as is, labelled with `coding`. */
function replying(body: Uint8Array, coding: string): TestClient {
  const app = new App({ logger: silentLogger })
  app.get(
    '/',
    () =>
      new Response(body as BodyInit, {
        headers: { 'content-encoding': coding, 'content-type': 'application/json' },
      }),
  )
  return new TestClient(app)
}

const payload = JSON.stringify({ items: ['a', 'b', 'c'], note: 'ü'.repeat(50) })

describe('TestClient: Accept-Encoding', () => {
  const app = new App({ logger: silentLogger })
  app.get('/echo', ({ request }) => ({ accept_encoding: request.headers.get('accept-encoding') }))

  test("sends httpx's default, gzip, deflate", async () => {
    const res = await new TestClient(app).get('/echo')
    assert.deepEqual(res.json(), { accept_encoding: 'gzip, deflate' })
  })

  test("a test's own header replaces it, per client or per request", async () => {
    const client = new TestClient(app, { headers: { 'Accept-Encoding': 'br' } })
    assert.deepEqual((await client.get('/echo')).json(), { accept_encoding: 'br' })
    const res = await client.get('/echo', { headers: { 'accept-encoding': 'identity' } })
    assert.deepEqual(res.json(), { accept_encoding: 'identity' })
  })
})

describe('TestClient: compressed bodies are decoded', () => {
  const codings: Array<[string, string, (input: string) => Uint8Array]> = [
    ['gzip', 'gzip', (input) => zlib.gzipSync(input)],
    ['deflate', 'deflate', (input) => zlib.deflateSync(input)],
    ['br', 'br', (input) => zlib.brotliCompressSync(input)],
    // Some servers send deflate without its zlib wrapper; httpx reads that too.
    ['raw deflate', 'deflate', (input) => zlib.deflateRawSync(input)],
    ['GZIP in capitals', 'GZIP', (input) => zlib.gzipSync(input)],
  ]
  for (const [label, coding, compress] of codings) {
    test(`${label}: text, json and content decoded, headers as sent`, async () => {
      const wire = compress(payload)
      const res = await replying(wire, coding).get('/')
      assert.equal(res.text, payload)
      assert.deepEqual(res.json(), JSON.parse(payload))
      assert.deepEqual(res.content, new TextEncoder().encode(payload))
      assert.equal(res.headers.get('content-encoding'), coding)
      assert.equal(res.headers.get('content-length'), null)
    })
  }

  test('several codings are undone last first; unknown ones and identity are left alone', async () => {
    const twice = zlib.gzipSync(zlib.deflateSync(payload))
    assert.equal((await replying(twice, 'deflate, gzip').get('/')).text, payload)
    const labelled = new TextEncoder().encode(payload)
    assert.equal((await replying(labelled, 'text').get('/')).text, payload)
    assert.equal((await replying(labelled, 'identity').get('/')).text, payload)
  })

  test('an empty body (HEAD, 304) has nothing to decode', async () => {
    const res = await replying(new Uint8Array(0), 'gzip').get('/')
    assert.equal(res.text, '')
    assert.equal(res.headers.get('content-encoding'), 'gzip')
  })

  test('a body that is not what its Content-Encoding says fails the request with a clear error', async () => {
    const client = replying(new TextEncoder().encode(payload), 'gzip')
    await assert.rejects(client.get('/'), (error: unknown) => {
      assert.ok(error instanceof ContentDecodingError)
      assert.match(
        error.message,
        /^The response to GET http:\/\/testserver\/ says Content-Encoding: gzip, but its body is not valid gzip \(.+\)/,
      )
      return true
    })
    const truncated = zlib.brotliCompressSync(payload).subarray(0, 10)
    await assert.rejects(replying(truncated, 'br').get('/'), /is not valid br/)
  })
})
