// Mounting web-standard fetch handlers: a real Hono app (its `fetch`, and the app itself), plain
// functions, and what they are sent: the URL below the prefix as the client encoded it, the
// method, headers and a streamed body bounded by the parent's bodyLimit.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Hono } from 'hono'
import { App, silentLogger, TestClient } from '../../src/index.js'
import { rawRest } from '../../src/pipeline/fetch-handler-mount.js'

function honoApp() {
  const hono = new Hono()
  hono.get('/hello', (c) => c.json({ hello: c.req.query('name') ?? 'world', path: c.req.path }))
  hono.post('/echo', async (c) => c.json({ got: await c.req.json(), type: c.req.header('content-type') }))
  hono.get('/files/:name', (c) => c.text(`file ${c.req.param('name')}`))
  return hono
}

describe('a Hono app mounted as it is', () => {
  const app = new App({ title: 'Shop' })
  app.get('/items', () => ['brisk item'])
  app.mount('/hono', honoApp().fetch)
  app.mount('/hono-app', honoApp())
  const client = new TestClient(app)

  for (const prefix of ['/hono', '/hono-app']) {
    test(`${prefix}: its routes answer below the prefix, which it never sees`, async () => {
      const res = await client.get(`${prefix}/hello`, { query: { name: 'brisk' } })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { hello: 'brisk', path: '/hello' })
      const echo = await client.post(`${prefix}/echo`, { json: { a: 1 } })
      assert.deepEqual(echo.json(), { got: { a: 1 }, type: 'application/json' })
      // Hono's own 404 answers inside the mount.
      const missing = await client.get(`${prefix}/nothing`)
      assert.equal(missing.status, 404)
      assert.equal(missing.text, '404 Not Found')
    })
  }

  test("the Brisk app's routes and document are untouched", async () => {
    assert.deepEqual((await client.get('/items')).json(), ['brisk item'])
    const document = (await client.get('/openapi.json')).json() as { paths: object }
    assert.deepEqual(Object.keys(document.paths), ['/items'])
  })

  test('the path keeps its percent-encoding', async () => {
    assert.equal((await client.get('/hono/files/a%20b')).text, 'file a b')
    // An encoded prefix still matches (paths are matched decoded) and is cut whole.
    assert.equal((await client.get('/h%6Fno/files/x%2Fy')).text, 'file x/y')
  })
})

describe('plain fetch handlers', () => {
  test('they see the request below the prefix: method, headers, query and body', async () => {
    const app = new App()
    app.mount('/raw', async (request) =>
      Response.json({
        method: request.method,
        url: request.url,
        token: request.headers.get('x-token'),
        body: await request.text(),
      }),
    )
    const res = await new TestClient(app).put('/raw/a/b?x=1&y=2', {
      headers: { 'x-token': 'secret' },
      content: 'payload',
    })
    assert.deepEqual(res.json(), {
      method: 'PUT',
      url: 'http://testserver/a/b?x=1&y=2',
      token: 'secret',
      body: 'payload',
    })
  })

  test("a body past the parent's bodyLimit is a 413, declared or streamed", async () => {
    let reads = 0
    const app = new App({ bodyLimit: 8, logger: silentLogger })
    app.mount('/upload', async (request) => {
      reads++
      try {
        return new Response(`read ${(await request.arrayBuffer()).byteLength}`)
      } catch {
        return new Response('the handler swallowed the failure', { status: 500 })
      }
    })
    const client = new TestClient(app)
    assert.equal((await client.post('/upload/x', { content: '12345678' })).text, 'read 8')
    const declared = await client.post('/upload/x', {
      content: '123456789',
      headers: { 'content-length': '9' },
    })
    assert.equal(declared.status, 413)
    assert.equal(reads, 1, 'a body declared too large never reaches the handler')
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('12345'))
        controller.enqueue(new TextEncoder().encode('67890'))
        controller.close()
      },
    })
    const streamed = await app.fetch(
      new Request('http://testserver/upload/x', {
        method: 'POST',
        body: chunks,
        duplex: 'half',
      } as RequestInit),
    )
    assert.equal(streamed.status, 413)
    assert.deepEqual(await streamed.json(), { detail: 'Request body is larger than the limit of 8 bytes' })
  })

  test("a handler that throws is the parent's 500; one that returns no Response too", async () => {
    const app = new App({ logger: silentLogger })
    app.mount('/throws', () => {
      throw new Error('mounted handler failed')
    })
    app.mount('/wrong', (() => ({ not: 'a response' })) as never)
    const client = new TestClient(app)
    await assert.rejects(client.get('/throws/x'), /mounted handler failed/)
    await assert.rejects(
      client.get('/wrong/x'),
      /mounted at "\/wrong" returned an object \(Object\), not a Response/,
    )
    const quiet = new TestClient(app, { raiseServerExceptions: false })
    assert.equal((await quiet.get('/throws/x')).status, 500)
  })

  test('streamed responses stream through, HEAD carries no body', async () => {
    const app = new App()
    app.mount('/events', (request) => {
      if (request.method === 'HEAD') return new Response(null, { headers: { 'x-head': 'yes' } })
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('a\n'))
          controller.enqueue(new TextEncoder().encode('b\n'))
          controller.close()
        },
      })
      return new Response(body, { headers: { 'content-type': 'text/plain' } })
    })
    const client = new TestClient(app)
    assert.equal((await client.get('/events/')).text, 'a\nb\n')
    const head = await client.head('/events/')
    assert.equal(head.headers.get('x-head'), 'yes')
    assert.equal(head.text, '')
  })
})

describe('rawRest: the encoded form of the path below a mount', () => {
  const cases: [rawPath: string, path: string, rest: string][] = [
    ['/static/a.css', '/a.css', '/a.css'],
    ['/st%61tic/a%20b.css', '/a b.css', '/a%20b.css'],
    ['/x/%E2%82%AC/y', '/€/y', '/%E2%82%AC/y'],
    ['/x/%25%41', '/%A', '/%25%41'],
    ['/caf%C3%A9/%F0%9F%98%80', '/😀', '/%F0%9F%98%80'],
    ['/a/b%2Fc', '/b/c', '/b%2Fc'],
    ['/m/', '/', '/'],
  ]
  for (const [rawPath, path, rest] of cases) {
    test(`${rawPath} → ${rest}`, () => {
      assert.equal(rawRest({ rawPath, path }), rest)
      assert.equal(decodeURIComponent(rest), path)
    })
  }
})
