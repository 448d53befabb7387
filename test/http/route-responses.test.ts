// Responses (FASTAPI-CONTRACT §1.4, §1.5, §1.17, §2.5, §2.6): schema filtering, status codes,
// response params, returned responses, files, JSON encoding and streaming.
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { z } from 'zod'
import {
  App,
  file,
  html,
  json,
  Reply,
  ResponseValidationError,
  redirect,
  ServerSentEvent,
  silentLogger,
  TestClient,
  text,
} from '../../src/index.js'

describe('response schema', () => {
  const Owner = z.object({ name: z.string() })
  const Item = z.object({
    id: z.int(),
    name: z.string(),
    owner: Owner,
    tags: z.array(z.string()).default([]),
  })
  const app = new App({ logger: silentLogger })
  app.get('/item', { response: Item }, () => ({
    id: 1,
    name: 'Foo',
    password: 'secret',
    owner: { name: 'Ann', ssn: '123' },
  }))
  app.get('/bad', { response: Item }, () => ({ id: 'not a number', name: 'Foo' }) as never)
  app.get('/items', { response: z.array(Item) }, () => [
    { id: 1, name: 'A', owner: { name: 'x', extra: 1 }, extra: true },
  ])
  app.get('/nullable', { response: Item.nullable() }, () => null)

  test('extra fields are dropped at every depth and defaults applied', async () => {
    const res = await new TestClient(app).get('/item')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.equal(res.text, '{"id":1,"name":"Foo","owner":{"name":"Ann"},"tags":[]}')
  })

  test('lists are filtered item by item', async () => {
    const res = await new TestClient(app).get('/items')
    assert.deepEqual(res.json(), [{ id: 1, name: 'A', owner: { name: 'x' }, tags: [] }])
  })

  test('a nullable schema allows null', async () => {
    const res = await new TestClient(app).get('/nullable')
    assert.equal(res.text, 'null')
  })

  test('a value not fitting the schema is a plain 500', async () => {
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/bad')
    assert.equal(res.status, 500)
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(res.text, 'Internal Server Error')
  })

  test('the test client rethrows the ResponseValidationError', async () => {
    await assert.rejects(new TestClient(app).get('/bad'), (error: unknown) => {
      assert.ok(error instanceof ResponseValidationError)
      assert.deepEqual(
        error.errors.map((e) => [e.type, e.loc]),
        [
          ['int_parsing', ['response', 'id']],
          ['missing', ['response', 'owner']],
        ],
      )
      return true
    })
  })
})

describe('status codes and response params', () => {
  const app = new App()
  app.post('/created', { status: 201 }, () => ({ ok: true }))
  app.post('/runtime', { status: 201 }, ({ response }) => {
    response.status = 202
    return { ok: true }
  })
  app.get('/headers', ({ response }) => {
    response.headers.set('X-Cat-Dog', 'alone in the world')
    response.setCookie('fakesession', 'fake-cookie-session-value', { httpOnly: true })
    return { message: 'Hello World' }
  })
  app.get('/deleted-cookie', ({ response }) => {
    response.deleteCookie('fakesession')
    return null
  })
  app.delete('/no-content', { status: 204 }, () => undefined)
  app.get('/no-content-runtime', ({ response }) => {
    response.status = 204
    return { ignored: true }
  })
  app.get('/not-modified', { status: 304 }, () => ({ ignored: true }))
  app.get('/reply-status', ({ response }) => {
    response.status = 299
    return json({ from: 'reply' }, { status: 203 })
  })
  const client = new TestClient(app)

  test('status option', async () => {
    const res = await client.post('/created')
    assert.equal(res.status, 201)
    assert.deepEqual(res.json(), { ok: true })
  })

  test('response.status overrides the route status', async () => {
    const res = await client.post('/runtime')
    assert.equal(res.status, 202)
  })

  test('response headers and cookies', async () => {
    const res = await client.get('/headers')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { message: 'Hello World' })
    assert.equal(res.headers.get('x-cat-dog'), 'alone in the world')
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.deepEqual(res.headers.getSetCookie(), [
      'fakesession=fake-cookie-session-value; HttpOnly; Path=/; SameSite=lax',
    ])
    assert.equal(client.cookies.get('fakesession'), 'fake-cookie-session-value')
  })

  test('deleting a cookie', async () => {
    const res = await client.get('/deleted-cookie')
    const [line] = res.headers.getSetCookie()
    assert.match(line!, /^fakesession=""?; /)
    assert.match(line!, /Max-Age=0/)
  })

  for (const [method, url, status] of [
    ['DELETE', '/no-content', 204],
    ['GET', '/no-content-runtime', 204],
    ['GET', '/not-modified', 304],
  ] as const) {
    test(`${status} from ${url} has no body and no content-length`, async () => {
      const res = await client.request(method, url)
      assert.equal(res.status, status)
      assert.equal(res.text, '')
      assert.equal(res.headers.get('content-length'), null)
    })
  }

  test('a returned Reply keeps its own status', async () => {
    const res = await client.get('/reply-status')
    assert.equal(res.status, 203)
    assert.deepEqual(res.json(), { from: 'reply' })
  })
})

describe('returning responses', () => {
  const app = new App()
  app.get('/web', { response: z.object({ never: z.string() }) }, () => {
    return new Response('<x>raw</x>', {
      status: 202,
      headers: { 'content-type': 'application/xml', 'x-a': 'b' },
    })
  })
  app.get('/json', () => json({ a: [1, 2] }, { status: 201, headers: { 'x-json': '1' } }))
  app.get('/html', () => html('<h1>Hi</h1>'))
  app.get('/text', () => text('pong'))
  app.get('/text-204', () => text('nothing', { status: 204 }))
  app.get('/redirect', () => redirect('/target?a=1'))
  app.get('/redirect-303', () => redirect('/target', 303))
  app.get('/redirect-quoted', () => redirect('/a b/é'))
  app.get('/target', ({ query }) => ({ reached: true, a: query.a ?? null }))
  app.get('/plain-reply', () => new Reply('bytes!', 200, { 'content-type': 'application/octet-stream' }))
  const client = new TestClient(app, { followRedirects: false })

  test('a web Response bypasses the response schema', async () => {
    const res = await client.get('/web')
    assert.equal(res.status, 202)
    assert.equal(res.text, '<x>raw</x>')
    assert.equal(res.headers.get('content-type'), 'application/xml')
    assert.equal(res.headers.get('x-a'), 'b')
  })

  test('json()', async () => {
    const res = await client.get('/json')
    assert.equal(res.status, 201)
    assert.equal(res.text, '{"a":[1,2]}')
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.equal(res.headers.get('x-json'), '1')
  })

  test('html()', async () => {
    const res = await client.get('/html')
    assert.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal(res.text, '<h1>Hi</h1>')
  })

  test('text()', async () => {
    const res = await client.get('/text')
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(res.text, 'pong')
    assert.equal(res.headers.get('content-length'), '4')
  })

  test('text() with 204 has no body', async () => {
    const res = await client.get('/text-204')
    assert.equal(res.status, 204)
    assert.equal(res.text, '')
  })

  test('redirect() is a 307 with an empty body', async () => {
    const res = await client.get('/redirect')
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/target?a=1')
    assert.equal(res.text, '')
    const followed = await new TestClient(app).get('/redirect')
    assert.deepEqual(followed.json(), { reached: true, a: '1' })
  })

  test('redirect() with another status', async () => {
    const res = await client.get('/redirect-303')
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('location'), '/target')
  })

  test('redirect() quotes the URL as Starlette', async () => {
    const res = await client.get('/redirect-quoted')
    assert.equal(res.headers.get('location'), '/a%20b/%C3%A9')
  })

  test('redirect() refuses a protocol-relative URL', () => {
    assert.throws(() => redirect('//evil.example/'), TypeError)
  })

  test('a Reply built by hand', async () => {
    const res = await client.get('/plain-reply')
    assert.equal(res.text, 'bytes!')
    assert.equal(res.headers.get('content-type'), 'application/octet-stream')
  })
})

describe('file() through a route', () => {
  const dir = mkdtempSync(join(tmpdir(), 'brisk-core-'))
  const path = join(dir, 'hello.txt')
  writeFileSync(path, '0123456789abcdef')
  const app = new App()
  app.get('/file', () => file(path))
  app.get('/download', () => file(path, { filename: 'report.txt' }))
  app.get('/missing', () => file(join(dir, 'nope.txt')))
  const client = new TestClient(app)

  test('the whole file', async () => {
    const res = await client.get('/file')
    assert.equal(res.status, 200)
    assert.equal(res.text, '0123456789abcdef')
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(res.headers.get('content-length'), '16')
    assert.equal(res.headers.get('accept-ranges'), 'bytes')
    assert.ok(res.headers.get('etag'))
    assert.ok(res.headers.get('last-modified'))
  })

  test('a Range request is a 206', async () => {
    const res = await client.get('/file', { headers: { range: 'bytes=2-5' } })
    assert.equal(res.status, 206)
    assert.equal(res.text, '2345')
    assert.equal(res.headers.get('content-range'), 'bytes 2-5/16')
    assert.equal(res.headers.get('content-length'), '4')
  })

  test('an unsatisfiable range is a 416', async () => {
    const res = await client.get('/file', { headers: { range: 'bytes=100-200' } })
    assert.equal(res.status, 416)
    assert.equal(res.headers.get('content-range'), 'bytes */16')
  })

  test('If-None-Match with the ETag is a 304', async () => {
    const first = await client.get('/file')
    const res = await client.get('/file', { headers: { 'if-none-match': first.headers.get('etag')! } })
    assert.equal(res.status, 304)
    assert.equal(res.text, '')
  })

  test('HEAD sends the headers only', async () => {
    const res = await client.head('/file')
    assert.equal(res.status, 200)
    assert.equal(res.text, '')
    assert.equal(res.headers.get('content-length'), '16')
  })

  test('a filename gives an attachment', async () => {
    const res = await client.get('/download')
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="report.txt"')
  })

  test('a missing file is a 404', async () => {
    const res = await client.get('/missing')
    assert.equal(res.status, 404)
  })

  test('a file reply from an exception handler or a middleware is served whole', async () => {
    const page = join(mkdtempSync(join(tmpdir(), 'brisk-')), '404.html')
    writeFileSync(page, '<h1>Lost</h1>')
    const app = new App()
    app.exceptionHandler(404, () => file(page, { status: 404 }))
    app.use((ctx, next) => (ctx.path === '/file' ? file(page) : next()))
    const client = new TestClient(app)
    const missing = await client.get('/nope')
    assert.equal(missing.status, 404)
    assert.equal(missing.text, '<h1>Lost</h1>')
    const viaMiddleware = await client.get('/file')
    assert.equal(viaMiddleware.status, 200)
    assert.equal(viaMiddleware.text, '<h1>Lost</h1>')
  })
})

class Point {
  readonly kind = 'point'
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

describe('JSON encoding without a response schema', () => {
  const app = new App()
  app.get('/mixed', () => ({
    date: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
    big: 12345678901234567890n,
    small: 42n,
    set: new Set(['a', 'b']),
    map: new Map<unknown, unknown>([
      ['k', 1],
      [2, 'two'],
    ]),
    point: new Point(1, 2),
    nested: { list: [new Date(0), undefined, new Set([1])], deep: { deeper: { n: null } } },
    dropped: undefined,
    nan: Number.NaN,
    text: 'héllo "quoted" ✓',
  }))
  app.get('/undefined', () => undefined)
  app.get('/null', () => null)
  app.get('/string', () => 'a string')
  app.get('/number', () => 3.5)
  app.get('/array', () => [1, 'a', true])

  test('Date, bigint, Set, Map, class instances, nested', async () => {
    const res = await new TestClient(app).get('/mixed')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      date: '2024-01-02T03:04:05.006Z',
      big: '12345678901234567890',
      small: 42,
      set: ['a', 'b'],
      map: { k: 1, '2': 'two' },
      point: { kind: 'point', x: 1, y: 2 },
      nested: { list: ['1970-01-01T00:00:00.000Z', null, [1]], deep: { deeper: { n: null } } },
      nan: null,
      text: 'héllo "quoted" ✓',
    })
    // Compact, and non-ASCII kept as UTF-8 (ensure_ascii=False).
    assert.ok(res.text.includes('"text":"héllo \\"quoted\\" ✓"'))
    assert.ok(!res.text.includes(': '))
  })

  test('undefined is null', async () => {
    const res = await new TestClient(app).get('/undefined')
    assert.equal(res.text, 'null')
    assert.equal(res.headers.get('content-type'), 'application/json')
  })

  test('scalars', async () => {
    const client = new TestClient(app)
    assert.equal((await client.get('/null')).text, 'null')
    assert.equal((await client.get('/string')).text, '"a string"')
    assert.equal((await client.get('/number')).text, '3.5')
    assert.equal((await client.get('/array')).text, '[1,"a",true]')
  })
})

describe('streaming', () => {
  const Item = z.object({ name: z.string(), price: z.number() })
  const events: string[] = []
  const app = new App()
  app.get('/jsonl', { response: Item }, async function* () {
    yield { name: 'a', price: 1, secret: 'x' }
    yield { name: 'b', price: 2.5 }
  })
  app.get('/jsonl-raw', async function* () {
    try {
      yield { date: new Date(0) }
      yield [1, 2]
      yield 'text'
    } finally {
      events.push('jsonl finally')
    }
  })
  app.get('/sse', { stream: 'sse' }, async function* () {
    yield { n: 1 }
    yield 'plain'
    yield new ServerSentEvent({ event: 'tick', id: '7', retry: 1500, data: { n: 2 } })
    yield new ServerSentEvent({ comment: 'just a comment' })
    yield new ServerSentEvent({ rawData: 'line1\nline2', event: 'raw' })
  })
  app.get('/sse-typed', { stream: 'sse', response: Item }, async function* () {
    yield { name: 'a', price: 1, dropped: true }
    yield new ServerSentEvent({ event: 'item', data: { name: 'b', price: 2, dropped: true } })
  })
  app.get('/status-stream', { status: 201 }, async function* () {
    yield 1
  })
  const client = new TestClient(app)

  test('JSON Lines, items validated and filtered through response', async () => {
    const res = await client.get('/jsonl')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'application/jsonl')
    assert.equal(res.text, '{"name":"a","price":1}\n{"name":"b","price":2.5}\n')
  })

  test("JSON Lines without a schema; the generator's finally runs when it ends", async () => {
    events.length = 0
    const res = await client.get('/jsonl-raw')
    assert.equal(res.text, '{"date":"1970-01-01T00:00:00.000Z"}\n[1,2]\n"text"\n')
    assert.deepEqual(events, ['jsonl finally'])
  })

  test('SSE headers and framing', async () => {
    const res = await client.get('/sse')
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8')
    assert.equal(res.headers.get('cache-control'), 'no-cache')
    assert.equal(res.headers.get('x-accel-buffering'), 'no')
    assert.equal(
      res.text,
      'data: {"n":1}\n\n' +
        'data: "plain"\n\n' +
        'event: tick\ndata: {"n":2}\nid: 7\nretry: 1500\n\n' +
        ': just a comment\n\n' +
        'event: raw\ndata: line1\ndata: line2\n\n',
    )
  })

  test('SSE data validated and filtered through response', async () => {
    const res = await client.get('/sse-typed')
    assert.equal(res.text, 'data: {"name":"a","price":1}\n\nevent: item\ndata: {"name":"b","price":2}\n\n')
  })

  test('the route status applies to a stream', async () => {
    const res = await client.get('/status-stream')
    assert.equal(res.status, 201)
    assert.equal(res.text, '1\n')
  })

  test('ServerSentEvent refuses fields that would forge others', () => {
    assert.throws(() => new ServerSentEvent({ event: 'a\nb' }), TypeError)
    assert.throws(() => new ServerSentEvent({ id: 'a\rb' }), TypeError)
    assert.throws(() => new ServerSentEvent({ retry: -1 }), TypeError)
    assert.throws(() => new ServerSentEvent({ data: 1, rawData: '1' }), TypeError)
  })

  test('response.status applies to a streamed answer', async () => {
    const app = new App()
    // The status must be set before the stream starts: a handler that returns a generator.
    app.get('/created', ({ response }) => {
      response.status = 201
      return (async function* () {
        yield { a: 1 }
      })()
    })
    assert.equal((await new TestClient(app).get('/created')).status, 201)
  })
})
