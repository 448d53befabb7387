// What the document says a route answers, held against what the wire sends: streams (JSON Lines,
// SSE, bare async generators) in 3.1 (`x-itemSchema`), 3.2 (`itemSchema`) and 3.0.3, and routes
// whose `responseClass` is HTML, text, a redirect or a file (FASTAPI-CONTRACT §1.17, §2.6).
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { z } from 'zod'
import {
  App,
  ConfigError,
  html,
  type OpenAPIDocument,
  Router,
  silentLogger,
  TestClient,
} from '../../src/index.js'
import { lintProblems, schemaErrors } from './check-document.js'

const dir = mkdtempSync(join(tmpdir(), 'brisk-media-'))
const reportPath = join(dir, 'report.txt')
writeFileSync(reportPath, 'quarterly numbers\n')

const Tick = z.object({ n: z.int() }).meta({ id: 'Tick' })

/** One app with every kind of response whose body is not one JSON object. */
function mediaApp(openapiVersion?: '3.1.0' | '3.2.0' | '3.0.3'): App {
  const app = new App({
    logger: silentLogger,
    license: { name: 'MIT', identifier: 'MIT' },
    ...(openapiVersion ? { openapiVersion } : {}),
  })
  app.get('/lines', { stream: 'jsonl', response: Tick }, async function* lines() {
    yield { n: 1 }
  })
  app.get('/events', { stream: 'sse', response: Tick }, async function* events() {
    yield { n: 1 }
  })
  app.get('/raw-events', { stream: 'sse' }, async function* raw_events() {
    yield 'hi'
  })
  app.get('/generated', { response: Tick }, async function* generated() {
    yield { n: 1 }
    yield { n: 2 }
  })
  app.get('/generated-any', async function* generated_any() {
    yield 'anything'
  })
  app.get('/page', { responseClass: 'html' }, function page() {
    return '<h1>Hello</h1>'
  })
  app.get('/ping', { responseClass: 'text' }, function ping() {
    return 'pong'
  })
  app.get('/old', { responseClass: 'redirect' }, function old() {
    return '/new'
  })
  app.get('/report', { responseClass: 'file' }, function report() {
    return reportPath
  })
  return app
}

const responsesOf = (document: OpenAPIDocument, path: string) => document.paths[path]!.get!.responses

describe('streams in the document', () => {
  const v31 = mediaApp().openapi()
  const v32 = mediaApp('3.2.0').openapi()
  const v30 = mediaApp('3.0.3').openapi()
  const tick = { $ref: '#/components/schemas/Tick' }

  test('3.2 has the item schema in itemSchema; 3.1 and 3.0 in x-itemSchema, the body as an array of items', () => {
    assert.equal(v31.openapi, '3.1.0')
    assert.equal(v32.openapi, '3.2.0')
    assert.equal(v30.openapi, '3.0.3')
    assert.deepEqual(responsesOf(v32, '/lines')['200'].content, { 'application/jsonl': { itemSchema: tick } })
    const asArray = { 'application/jsonl': { schema: { type: 'array', items: tick }, 'x-itemSchema': tick } }
    assert.deepEqual(responsesOf(v31, '/lines')['200'].content, asArray)
    assert.deepEqual(responsesOf(v30, '/lines')['200'].content, asArray)
  })

  test("an SSE item is an event whose data is the response's JSON (OpenAPI 3.2 §4.14.4)", () => {
    const event = responsesOf(v32, '/events')['200'].content['text/event-stream'].itemSchema
    assert.deepEqual(event, {
      type: 'object',
      properties: {
        data: { type: 'string', contentMediaType: 'application/json', contentSchema: tick },
        event: { type: 'string' },
        id: { type: 'string' },
        retry: { type: 'integer', minimum: 0 },
      },
    })
    const raw = responsesOf(v32, '/raw-events')['200'].content['text/event-stream'].itemSchema
    assert.deepEqual(raw.properties.data, { type: 'string' })
    assert.deepEqual(responsesOf(v31, '/events')['200'].content['text/event-stream']['x-itemSchema'], event)
  })

  test('an async generator without stream: is documented as the JSON Lines it sends', () => {
    assert.deepEqual(responsesOf(v32, '/generated')['200'].content, {
      'application/jsonl': { itemSchema: tick },
    })
    assert.deepEqual(responsesOf(v32, '/generated-any')['200'].content, {
      'application/jsonl': { itemSchema: {} },
    })
  })

  test('each document passes the OpenAPI schema validator and redocly lint', async () => {
    for (const document of [v31, v32, v30]) {
      assert.deepEqual(await schemaErrors(document), [], document.openapi)
      assert.deepEqual(lintProblems(document), [], document.openapi)
    }
  })

  test('the wire sends the documented media type', async () => {
    const client = new TestClient(mediaApp())
    const generated = await client.get('/generated')
    assert.equal(generated.headers.get('content-type'), 'application/jsonl')
    assert.equal(generated.text, '{"n":1}\n{"n":2}\n')
    assert.equal((await client.get('/lines')).headers.get('content-type'), 'application/jsonl')
    const events = await client.get('/events')
    assert.equal(events.headers.get('content-type'), 'text/event-stream; charset=utf-8')
    assert.equal(events.text, 'data: {"n":1}\n\n')
  })
})

describe('responseClass', () => {
  const document = mediaApp().openapi()

  test('html and text are documented as FastAPI documents HTMLResponse and PlainTextResponse', () => {
    assert.deepEqual(responsesOf(document, '/page'), {
      '200': { description: 'Successful Response', content: { 'text/html': { schema: { type: 'string' } } } },
    })
    assert.deepEqual(responsesOf(document, '/ping'), {
      '200': {
        description: 'Successful Response',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    })
  })

  test('a redirect is a 307 with no content, as RedirectResponse', () => {
    assert.deepEqual(responsesOf(document, '/old'), { '307': { description: 'Successful Response' } })
  })

  test('a file route declares its partial, not-modified and unsatisfiable answers', () => {
    const range = { 'Content-Range': { schema: { type: 'string' } } }
    assert.deepEqual(responsesOf(document, '/report'), {
      '200': { description: 'Successful Response' },
      '206': { description: 'Partial Content', headers: range },
      '304': { description: 'Not Modified' },
      '416': { description: 'Range Not Satisfiable', headers: range },
    })
  })

  test('the wire answers with the documented media types and statuses', async () => {
    const client = new TestClient(mediaApp())
    const page = await client.get('/page')
    assert.equal(page.status, 200)
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal(page.text, '<h1>Hello</h1>')
    const ping = await client.get('/ping')
    assert.equal(ping.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(ping.text, 'pong')
    const old = await client.get('/old', { followRedirects: false })
    assert.equal(old.status, 307)
    assert.equal(old.headers.get('location'), '/new')
    const whole = await client.get('/report')
    assert.equal(whole.status, 200)
    assert.equal(whole.text, 'quarterly numbers\n')
    const part = await client.get('/report', { headers: { range: 'bytes=0-8' } })
    assert.equal(part.status, 206)
    assert.equal(part.headers.get('content-range'), 'bytes 0-8/18')
    const cached = await client.get('/report', { headers: { 'if-none-match': whole.headers.get('etag')! } })
    assert.equal(cached.status, 304)
    const past = await client.get('/report', { headers: { range: 'bytes=100-' } })
    assert.equal(past.status, 416)
    assert.equal(past.headers.get('content-range'), 'bytes */18')
  })

  test('a returned Reply is sent as it is, and the route status is used', async () => {
    const app = new App({ logger: silentLogger })
    app.get('/teapot', { responseClass: 'html', status: 418 }, () => '<p>short and stout</p>')
    app.get('/custom', { responseClass: 'text' }, () => html('<b>bold</b>', { status: 201 }))
    const client = new TestClient(app)
    const teapot = await client.get('/teapot')
    assert.equal(teapot.status, 418)
    assert.equal(teapot.headers.get('content-type'), 'text/html; charset=utf-8')
    const custom = await client.get('/custom')
    assert.equal(custom.status, 201)
    assert.equal(custom.headers.get('content-type'), 'text/html; charset=utf-8')
  })

  test("a router's defaultResponseClass applies to its routes; a route's own wins", async () => {
    const app = new App({ logger: silentLogger })
    const pages = new Router({ prefix: '/pages', defaultResponseClass: 'html' })
    pages.get('/home', function home() {
      return '<h1>Home</h1>'
    })
    pages.get('/data', { responseClass: 'json' }, function data() {
      return { ok: true }
    })
    const plain = new Router()
    plain.get('/motd', function motd() {
      return 'hello'
    })
    app.include(pages)
    app.include(plain, { prefix: '/plain', defaultResponseClass: 'text' })
    const document = app.openapi()
    assert.deepEqual(Object.keys(responsesOf(document, '/pages/home')['200'].content), ['text/html'])
    assert.deepEqual(Object.keys(responsesOf(document, '/pages/data')['200'].content), ['application/json'])
    assert.deepEqual(Object.keys(responsesOf(document, '/plain/motd')['200'].content), ['text/plain'])
    const client = new TestClient(app)
    assert.equal((await client.get('/pages/home')).headers.get('content-type'), 'text/html; charset=utf-8')
    assert.equal((await client.get('/pages/data')).headers.get('content-type'), 'application/json')
    assert.equal((await client.get('/plain/motd')).text, 'hello')
  })

  test('the documents with every response class are valid 3.1 and 3.0.3', async () => {
    for (const version of ['3.1.0', '3.0.3'] as const) {
      const doc = mediaApp(version).openapi()
      assert.deepEqual(await schemaErrors(doc), [], version)
      assert.deepEqual(lintProblems(doc), [], version)
    }
  })

  test('an unknown responseClass, stream or openapiVersion is refused at registration', () => {
    const app = new App({ logger: silentLogger })
    assert.throws(
      () => app.get('/x', { responseClass: 'htm' as never }, () => ''),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.startsWith('Unknown responseClass of route GET /x: "htm". Did you mean "html"?'),
    )
    assert.throws(() => app.get('/y', { stream: 'ndjson' as never }, () => ''), ConfigError)
    assert.throws(() => new Router({ defaultResponseClass: 'xml' as never }), ConfigError)
    assert.throws(() => app.include(new Router(), { defaultResponseClass: 'xml' as never }), ConfigError)
    assert.throws(() => new App({ openapiVersion: '3.3.0' as never }), /openapiVersion "3.3.0"/)
  })

  test('a response schema or a stream on a route that is not JSON is refused', () => {
    const app = new App({ logger: silentLogger })
    assert.throws(
      () => app.get('/x', { responseClass: 'html', response: Tick } as never, () => ''),
      /drop `response`/,
    )
    assert.throws(
      () => app.get('/y', { responseClass: 'text', stream: 'sse' } as never, () => ''),
      /drop one of them/,
    )
  })

  test('a handler returning something other than a string is a server error, not a sent body', async () => {
    const app = new App({ logger: silentLogger })
    app.get('/x', { responseClass: 'html' }, () => ({ not: 'html' }) as never)
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/x')
    assert.equal(res.status, 500)
    assert.equal(res.text, 'Internal Server Error')
  })
})
