// compression(): Starlette's tests/middleware/test_gzip.py ported case by case (statuses, headers
// and bodies as Starlette answers them; the TestClient decodes bodies as httpx does, so
// `response.text` is the body the app sent), then what Brisk adds: brotli and q-values, the skips
// Starlette lacks, ETags and option checks. The bytes on the wire: compression-socket.test.ts.
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { App, file, json, type Middleware, sse, stream, TestClient, text } from '../../src/index.js'
import { type CompressionOptions, compression } from '../../src/middleware/index.js'
import { configError } from '../errors/config-error-message.js'

async function* repeat(chunk: string, count: number): AsyncGenerator<string> {
  for (let index = 0; index < count; index++) yield chunk
}

function appWith(route: () => unknown, options?: CompressionOptions): TestClient {
  const app = new App()
  app.use(compression(options))
  app.get('/', route as () => string)
  return new TestClient(app)
}

const homepage = () => text('x'.repeat(4000))
const streaming = (headers?: Record<string, string>, contentType?: string) => () =>
  stream(repeat('x'.repeat(400), 10), { headers, contentType })

describe("compression(): Starlette's test_gzip.py", () => {
  test('gzip responses', async () => {
    const response = await appWith(homepage).get('/', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, 'x'.repeat(4000))
    assert.equal(response.headers.get('content-encoding'), 'gzip')
    assert.equal(response.headers.get('vary'), 'Accept-Encoding')
    assert.ok(Number(response.headers.get('content-length')) < 4000, 'the length of the compressed body')
  })

  test('gzip not in accept-encoding', async () => {
    const response = await appWith(homepage).get('/', { headers: { 'accept-encoding': 'identity' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, 'x'.repeat(4000))
    assert.equal(response.headers.get('content-encoding'), null)
    assert.equal(response.headers.get('vary'), 'Accept-Encoding')
    assert.equal(response.headers.get('content-length'), '4000')
  })

  test('gzip ignored for small responses', async () => {
    const response = await appWith(() => text('OK')).get('/', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, 'OK')
    assert.equal(response.headers.get('content-encoding'), null)
    assert.equal(response.headers.get('vary'), null)
    assert.equal(response.headers.get('content-length'), '2')
  })

  test('gzip streaming response', async () => {
    const response = await appWith(streaming()).get('/', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, 'x'.repeat(4000))
    assert.equal(response.headers.get('content-encoding'), 'gzip')
    assert.equal(response.headers.get('vary'), 'Accept-Encoding')
    assert.equal(response.headers.get('content-length'), null)
  })

  test('gzip streaming response, identity', async () => {
    const response = await appWith(streaming()).get('/', { headers: { 'accept-encoding': 'identity' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, 'x'.repeat(4000))
    assert.equal(response.headers.get('content-encoding'), null)
    assert.equal(response.headers.get('vary'), 'Accept-Encoding')
    assert.equal(response.headers.get('content-length'), null)
  })

  test('gzip ignored for responses with an encoding set', async () => {
    const client = appWith(streaming({ 'content-encoding': 'text' }))
    const response = await client.get('/', { headers: { 'accept-encoding': 'gzip, text' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, 'x'.repeat(4000))
    assert.equal(response.headers.get('content-encoding'), 'text')
    assert.equal(response.headers.get('vary'), null)
    assert.equal(response.headers.get('content-length'), null)
  })

  test('gzip ignored on server-sent events', async () => {
    const client = appWith(streaming(undefined, 'text/event-stream'))
    const response = await client.get('/', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, 'x'.repeat(4000))
    assert.equal(response.headers.get('content-encoding'), null)
    assert.equal(response.headers.get('content-length'), null)
  })

  test('a file reply is compressed whole, with its length dropped and its ETag made weak', async () => {
    // Starlette's pathsend case leaves files alone; Brisk sends a file as a body stream it can wrap.
    const dir = mkdtempSync(join(tmpdir(), 'brisk-gzip-'))
    writeFileSync(join(dir, 'example.txt'), '<file content>'.repeat(100))
    const client = appWith(() => file(join(dir, 'example.txt')))
    const response = await client.get('/', { headers: { 'accept-encoding': 'gzip, text' } })
    assert.equal(response.status, 200)
    assert.equal(response.text, '<file content>'.repeat(100))
    assert.equal(response.headers.get('content-encoding'), 'gzip')
    assert.equal(response.headers.get('content-length'), null)
    assert.equal(response.headers.get('accept-ranges'), null)
    assert.match(response.headers.get('etag') ?? '', /^W\/"/)

    // The weak tag still revalidates: If-None-Match compares weakly (RFC 9110 §13.1.2).
    const again = await client.get('/', {
      headers: { 'accept-encoding': 'gzip', 'if-none-match': response.headers.get('etag')! },
    })
    assert.equal(again.status, 304)
    assert.equal(again.content.byteLength, 0)
  })
})

describe('compression(): codings and q-values', () => {
  const big = () => json({ items: Array.from({ length: 200 }, (_, id) => ({ id, name: `item ${id}` })) })
  const expected = JSON.stringify({
    items: Array.from({ length: 200 }, (_, id) => ({ id, name: `item ${id}` })),
  })

  const cases: Array<[string | undefined, string | null]> = [
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate, br;q=0.9', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR, GZIP', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip;q=0, br;q=0', null],
    ['identity', null],
    ['gzip;q=0.5, identity', null],
    ['gzip;q=0.5, identity;q=0.1', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip;q=high', null],
    ['gzip;q=1.5, br;q=0.001', null],
    ['gzip;q=1.5, br;q=0.001, identity;q=0', 'br'],
    ['deflate', null],
    ['', null],
    // The TestClient's default, httpx's: gzip, since br is not offered.
    [undefined, 'gzip'],
  ]
  for (const [header, coding] of cases) {
    test(`Accept-Encoding ${JSON.stringify(header)} → ${coding ?? 'identity'}`, async () => {
      const client = appWith(big)
      const response = await client.get(
        '/',
        header === undefined ? {} : { headers: { 'accept-encoding': header } },
      )
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('content-encoding'), coding)
      assert.equal(response.headers.get('vary'), 'Accept-Encoding')
      assert.equal(response.text, expected)
      assert.equal(response.headers.get('content-type'), 'application/json')
    })
  }

  test('a request without Accept-Encoding is answered plain, still varying by it', async () => {
    // The TestClient always sends one (httpx's default), so the app is asked directly.
    const app = new App()
    app.use(compression())
    app.get('/', big)
    const response = await app.fetch(new Request('http://testserver/'))
    assert.equal(response.headers.get('content-encoding'), null)
    assert.equal(response.headers.get('vary'), 'Accept-Encoding')
    assert.equal(await response.text(), expected)
  })

  test('the server order breaks ties, and deflate is offered when listed', async () => {
    const gzipFirst = appWith(big, { encodings: ['gzip', 'br'] })
    assert.equal(
      (await gzipFirst.get('/', { headers: { 'accept-encoding': 'br, gzip' } })).headers.get(
        'content-encoding',
      ),
      'gzip',
    )
    const withDeflate = appWith(big, { encodings: ['br', 'gzip', 'deflate'] })
    const response = await withDeflate.get('/', { headers: { 'accept-encoding': 'deflate' } })
    assert.equal(response.headers.get('content-encoding'), 'deflate')
    assert.equal(response.text, expected)
  })

  test('a big body (past the synchronous limit) is compressed in the thread pool, whole', async () => {
    const body = 'abcdefghij'.repeat(20_000)
    const response = await appWith(() => text(body)).get('/', { headers: { 'accept-encoding': 'br' } })
    assert.equal(response.headers.get('content-encoding'), 'br')
    assert.ok(Number(response.headers.get('content-length')) < body.length / 10)
    assert.equal(response.text, body)
  })

  test('levels change the output, minimumSize the threshold', async () => {
    const body = 'The quick brown fox jumps over the lazy dog. '.repeat(40)
    const fast = await appWith(() => text(body), { level: 1 }).get('/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    const small = await appWith(() => text(body), { level: 9 }).get('/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    assert.equal(fast.text, body)
    assert.equal(small.text, body)
    assert.ok(
      Number(small.headers.get('content-length')) < Number(fast.headers.get('content-length')),
      'level 9 compresses smaller than level 1',
    )
    const high = await appWith(() => text(body), { minimumSize: 5000 }).get('/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    assert.equal(high.headers.get('content-encoding'), null)
    assert.equal(high.headers.get('vary'), null)
    const zero = await appWith(() => text('OK'), { minimumSize: 0 }).get('/', {
      headers: { 'accept-encoding': 'gzip' },
    })
    assert.equal(zero.headers.get('content-encoding'), 'gzip')
    assert.equal(zero.text, 'OK')
  })
})

describe('compression(): what is left alone', () => {
  const body = 'y'.repeat(2000)
  const accepts = { 'accept-encoding': 'gzip, br' }

  test('HEAD is answered as it is', async () => {
    const response = await appWith(() => text(body)).head('/', { headers: accepts })
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-encoding'), null)
    assert.equal(response.headers.get('content-length'), '2000')
  })

  for (const status of [204, 304]) {
    test(`a ${status} is answered as it is`, async () => {
      const response = await appWith(() => text(body, { status })).get('/', { headers: accepts })
      assert.equal(response.status, status)
      assert.equal(response.headers.get('content-encoding'), null)
      assert.equal(response.headers.get('vary'), null)
    })
  }

  test('a 206 range of a file is sent as it is', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brisk-gzip-'))
    writeFileSync(join(dir, 'data.txt'), body)
    const response = await appWith(() => file(join(dir, 'data.txt'))).get('/', {
      headers: { ...accepts, range: 'bytes=0-999' },
    })
    assert.equal(response.status, 206)
    assert.equal(response.headers.get('content-encoding'), null)
    assert.equal(response.headers.get('content-range'), 'bytes 0-999/2000')
    assert.equal(response.text, body.slice(0, 1000))
  })

  test('a 200 with a Content-Range, no-transform, or already-compressed media is sent as it is', async () => {
    const variants: Array<Record<string, string>> = [
      { 'content-range': 'bytes 0-1999/4000' },
      { 'cache-control': 'public, no-transform' },
      { 'content-type': 'image/png' },
      { 'content-type': 'application/zip' },
    ]
    for (const headers of variants) {
      const response = await appWith(() => text(body, { headers })).get('/', { headers: accepts })
      assert.equal(response.headers.get('content-encoding'), null, JSON.stringify(headers))
      assert.equal(response.text, body)
    }
    const svg = await appWith(() => text(body, { headers: { 'content-type': 'image/svg+xml' } })).get('/', {
      headers: accepts,
    })
    assert.equal(svg.headers.get('content-encoding'), 'br')
  })

  test('sse() streams are never compressed', async () => {
    const client = appWith(() => sse(repeat('x'.repeat(600), 3)))
    const response = await client.get('/', { headers: accepts })
    assert.equal(response.headers.get('content-encoding'), null)
    assert.match(response.text, /^data: "x{600}"\n\n/)
  })

  test('an existing Vary is kept and extended once; Vary: * is left alone', async () => {
    const extended = await appWith(() => text(body, { headers: { vary: 'Origin' } })).get('/', {
      headers: accepts,
    })
    assert.equal(extended.headers.get('vary'), 'Origin, Accept-Encoding')
    const listed = await appWith(() => text(body, { headers: { vary: 'accept-encoding' } })).get('/', {
      headers: accepts,
    })
    assert.equal(listed.headers.get('vary'), 'accept-encoding')
    const star = await appWith(() => text(body, { headers: { vary: '*' } })).get('/', { headers: accepts })
    assert.equal(star.headers.get('vary'), '*')
  })

  test('a weak ETag stays as it is; error replies are compressed like any other', async () => {
    const weak = await appWith(() => text(body, { headers: { etag: 'W/"v1"' } })).get('/', {
      headers: accepts,
    })
    assert.equal(weak.headers.get('etag'), 'W/"v1"')
    const app = new App()
    app.use(compression({ minimumSize: 10 }))
    const missing = await new TestClient(app).get('/nothing-here-at-all', {
      headers: { 'accept-encoding': 'gzip' },
    })
    assert.equal(missing.status, 404)
    assert.equal(missing.headers.get('content-encoding'), 'gzip')
    assert.deepEqual(JSON.parse(missing.text), { detail: 'Not Found' })
  })

  test('a web Response from an inner middleware is compressed as a stream', async () => {
    const app = new App()
    app.use(compression())
    const inner: Middleware = () =>
      new Response('z'.repeat(3000), { headers: { 'content-type': 'text/plain' } })
    app.use(inner)
    const response = await new TestClient(app).get('/', { headers: { 'accept-encoding': 'gzip' } })
    assert.equal(response.headers.get('content-encoding'), 'gzip')
    assert.equal(response.text, 'z'.repeat(3000))
  })

  test('a stream that fails midway fails the response rather than ending it cleanly', async () => {
    async function* failing(): AsyncGenerator<string> {
      yield 'a'.repeat(1000)
      throw new Error('the database went away')
    }
    const app = new App({ logger: { error() {}, warn() {}, info() {} } as never })
    app.use(compression())
    app.get('/', () => stream(failing()))
    await assert.rejects(new TestClient(app).get('/', { headers: accepts }))
  })
})

describe('compression(): options are checked', () => {
  const refused: Array<[unknown, RegExp]> = [
    [{ minimumsize: 10 }, /Unknown option "minimumsize".*Did you mean "minimumSize"/],
    [{ level: 0 }, /level of compression\(\) must be a whole number from 1 to 9, got 0/],
    [{ level: 6.5 }, /level of compression\(\) must be a whole number/],
    [{ brotliQuality: 12 }, /brotliQuality of compression\(\) must be a whole number from 0 to 11/],
    [{ minimumSize: -1 }, /minimumSize of compression\(\) must be a whole number/],
    [{ encodings: [] }, /encodings of compression\(\) must be a non-empty array/],
    [
      { encodings: ['zstd'] },
      /encodings of compression\(\) must be a non-empty array of 'br', 'gzip', 'deflate', got \["zstd"\]/,
    ],
    [{ encodings: 'gzip' }, /encodings of compression\(\) must be a non-empty array/],
  ]
  for (const [options, message] of refused) {
    test(`refuses ${JSON.stringify(options)}`, () => {
      assert.match(
        configError(() => compression(options as CompressionOptions)),
        message,
      )
    })
  }
})
