// Request bodies with a Content-Encoding: decoded with `requestDecompression`, the body limit on the
// decoded bytes; refused with a 415 otherwise (Starlette parses them as if they were plain).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import zlib from 'node:zlib'
import { z } from 'zod'
import { App, TestClient } from '../../src/index.js'
import { configError } from '../errors/config-error-message.js'

const Item = z.object({ name: z.string(), price: z.number() })
const item = { name: 'Widget', price: 9.5 }
const itemJson = JSON.stringify(item)

function client(options: ConstructorParameters<typeof App>[0] = {}): TestClient {
  const app = new App(options)
  app.post('/items', { body: Item }, ({ body }) => body)
  app.post('/raw', async ({ ctx }) => ({ size: (await ctx.body(ctx.bodyLimit)).byteLength }))
  app.post('/stream', async ({ ctx }) => {
    let size = 0
    for await (const chunk of ctx.bodyStream(ctx.bodyLimit)) size += chunk.byteLength
    return { size }
  })
  app.post('/form', { form: z.object({ name: z.string() }) }, ({ form }) => form)
  return new TestClient(app)
}

const post = (
  c: TestClient,
  path: string,
  content: Uint8Array,
  encoding: string,
  type = 'application/json',
) => c.post(path, { content, headers: { 'content-type': type, 'content-encoding': encoding } })

describe('requestDecompression: on', () => {
  const on = client({ requestDecompression: true })
  const encoders: Array<[string, (bytes: Buffer) => Buffer]> = [
    ['gzip', (b) => zlib.gzipSync(b)],
    ['x-gzip', (b) => zlib.gzipSync(b)],
    ['deflate', (b) => zlib.deflateSync(b)],
    ['br', (b) => zlib.brotliCompressSync(b)],
    ['GZip', (b) => zlib.gzipSync(b)],
    ['identity', (b) => b],
    ['identity, gzip', (b) => zlib.gzipSync(b)],
  ]
  for (const [encoding, encode] of encoders) {
    test(`a ${encoding} JSON body is decoded and validated`, async () => {
      const response = await post(on, '/items', encode(Buffer.from(itemJson)), encoding)
      assert.equal(response.status, 200)
      assert.deepEqual(response.json(), item)
    })
  }

  test('raw deflate (no zlib header, as some clients send it) is decoded too', async () => {
    const response = await post(on, '/items', zlib.deflateRawSync(Buffer.from(itemJson)), 'deflate')
    assert.equal(response.status, 200)
    assert.deepEqual(response.json(), item)
  })

  test('a gzip form body and a gzip stream are decoded', async () => {
    const form = await post(
      on,
      '/form',
      zlib.gzipSync('name=Widget'),
      'gzip',
      'application/x-www-form-urlencoded',
    )
    assert.equal(form.status, 200)
    assert.deepEqual(form.json(), { name: 'Widget' })
    const streamed = await post(
      on,
      '/stream',
      zlib.gzipSync(Buffer.alloc(300_000, 7)),
      'gzip',
      'application/octet-stream',
    )
    assert.equal(streamed.status, 200)
    assert.deepEqual(streamed.json(), { size: 300_000 })
  })

  test('an invalid validation body still gets the FastAPI 422, read from the decoded JSON', async () => {
    const response = await post(on, '/items', zlib.gzipSync(JSON.stringify({ name: 'Widget' })), 'gzip')
    assert.equal(response.status, 422)
    assert.deepEqual(response.json(), {
      detail: [{ type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: { name: 'Widget' } }],
    })
  })

  test('a gzip bomb (10 MB of zeros in ~10 kB) is a 413 against the decoded size, whole or streamed', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(10 * 1024 * 1024), { level: 9 })
    assert.ok(bomb.byteLength < 20_000)
    for (const path of ['/items', '/raw', '/stream']) {
      const response = await post(on, path, bomb, 'gzip')
      assert.equal(response.status, 413, path)
      assert.deepEqual(response.json(), { detail: 'Request body is larger than the limit of 1048576 bytes' })
    }
  })

  test('the limit is the route’s own: a body just under it decodes, just over is a 413', async () => {
    const app = new App({ requestDecompression: true, bodyLimit: 1000 })
    app.post('/raw', async ({ ctx }) => ({ size: (await ctx.body(ctx.bodyLimit)).byteLength }))
    const small = new TestClient(app)
    const fits = await post(
      small,
      '/raw',
      zlib.brotliCompressSync(Buffer.alloc(1000, 1)),
      'br',
      'application/octet-stream',
    )
    assert.deepEqual(fits.json(), { size: 1000 })
    const over = await post(
      small,
      '/raw',
      zlib.brotliCompressSync(Buffer.alloc(1001, 1)),
      'br',
      'application/octet-stream',
    )
    assert.equal(over.status, 413)
  })

  const malformed: Array<[string, Buffer, string]> = [
    ['gzip', Buffer.from(itemJson), 'The request body is not valid gzip data'],
    ['gzip', zlib.gzipSync(itemJson).subarray(0, 20), 'The request body is not valid gzip data'],
    ['br', Buffer.from('not brotli at all, not at all'), 'The request body is not valid brotli data'],
    ['deflate', Buffer.from([0x78, 0x9c, 1, 2, 3, 4]), 'The request body is not valid deflate data'],
  ]
  for (const [encoding, bytes, detail] of malformed) {
    test(`a malformed ${encoding} body is a 400 (${bytes.byteLength} bytes)`, async () => {
      for (const path of ['/items', '/stream']) {
        const response = await post(on, path, bytes, encoding)
        assert.equal(response.status, 400, path)
        assert.deepEqual(response.json(), { detail })
      }
    })
  }

  test('an unknown or stacked coding is a 415 saying what would be accepted', async () => {
    const unknown = await post(on, '/items', Buffer.from(itemJson), 'zstd')
    assert.equal(unknown.status, 415)
    assert.deepEqual(unknown.json(), {
      detail: 'Unsupported Content-Encoding "zstd": send gzip, deflate, br or identity',
    })
    assert.equal(unknown.headers.get('accept-encoding'), 'gzip, deflate, br')
    const stacked = await post(on, '/items', zlib.brotliCompressSync(zlib.gzipSync(itemJson)), 'gzip, br')
    assert.equal(stacked.status, 415)
    assert.deepEqual(stacked.json(), {
      detail: 'Request bodies with several content codings (gzip, br) are not supported',
    })
  })

  test('an empty body with a coding is an empty body', async () => {
    const response = await post(on, '/raw', new Uint8Array(0), 'gzip')
    assert.deepEqual(response.json(), { size: 0 })
  })
})

describe('requestDecompression: off (the default)', () => {
  const off = client()

  for (const encoding of ['gzip', 'br', 'deflate', 'zstd']) {
    test(`a ${encoding} body is a 415, not parsed as if plain`, async () => {
      const response = await post(off, '/items', zlib.gzipSync(itemJson), encoding)
      assert.equal(response.status, 415)
      assert.deepEqual(response.json(), {
        detail: `Unsupported Content-Encoding "${encoding}": this server accepts only uncompressed request bodies`,
      })
      assert.equal(response.headers.get('accept-encoding'), 'identity')
    })
  }

  test('identity (or an empty header) is a plain body', async () => {
    for (const encoding of ['identity', 'Identity', '']) {
      const response = await post(off, '/items', Buffer.from(itemJson), encoding)
      assert.equal(response.status, 200, JSON.stringify(encoding))
      assert.deepEqual(response.json(), item)
    }
  })

  test('a route that never reads its body does not care', async () => {
    const app = new App()
    app.post('/ping', () => ({ ok: true }))
    const response = await post(new TestClient(app), '/ping', zlib.gzipSync('x'), 'gzip')
    assert.equal(response.status, 200)
  })

  test('the option is checked', () => {
    assert.match(
      configError(() => new App({ requestDecompression: 'yes' as never })),
      /Option "requestDecompression" of new App\(\) is true or false, got "yes"/,
    )
  })
})
