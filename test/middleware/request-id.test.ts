// requestId() and accessLog(): the id a request carries through handlers, error logs and the
// response; refusing unsafe incoming ids (log injection); one pino JSON line per request.
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { describe, test } from 'node:test'
import pino from 'pino'
import { App, HTTPException, silentLogger, TestClient, text } from '../../src/index.js'
import { type AccessLogLine, accessLog, requestId } from '../../src/middleware/index.js'
import { configError } from '../errors/config-error-message.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

function idApp(options?: Parameters<typeof requestId>[0]): TestClient {
  const app = new App()
  app.use(requestId(options))
  app.get('/', ({ ctx }) => ({ id: ctx.id }))
  app.get('/teapot', () => {
    throw new HTTPException(418, "I'm a teapot")
  })
  return new TestClient(app)
}

describe('requestId()', () => {
  test('makes a UUID when none is sent, gives it to the handler and echoes it', async () => {
    const client = idApp()
    const first = await client.get('/')
    const id = first.headers.get('x-request-id')
    assert.match(id ?? '', UUID)
    assert.deepEqual(first.json(), { id })
    const second = await client.get('/')
    assert.notEqual(second.headers.get('x-request-id'), id)
  })

  test("keeps a safe incoming id (a proxy's or a client's)", async () => {
    const client = idApp()
    for (const id of [
      'abc-123',
      '4bf92f3577b34da6a3ce929d0e0e4736',
      '00-4bf9-00f0-01',
      'Root=1-5759e988/x.y:z+q_',
    ]) {
      const response = await client.get('/', { headers: { 'x-request-id': id } })
      assert.equal(response.headers.get('x-request-id'), id)
      assert.deepEqual(response.json(), { id })
    }
  })

  test('replaces an unsafe or oversized incoming id with a new one, never a 4xx or 500', async () => {
    const client = idApp()
    for (const sent of [
      'x'.repeat(10_000),
      'x'.repeat(129),
      'a b',
      'id"injected":true',
      'line\u001b[31mred',
      'caf\u00e9',
      '{"level":50}',
    ]) {
      const response = await client.get('/', { headers: { 'x-request-id': sent } })
      assert.equal(response.status, 200)
      assert.match(response.headers.get('x-request-id') ?? '', UUID, JSON.stringify(sent.slice(0, 20)))
    }
    // Node's parser refuses CR/LF in a header before any middleware (a 400 from the server, over a
    // socket); `fetch` refuses to send it at all: either way it never reaches a log.
    await assert.rejects(client.get('/', { headers: { 'x-request-id': 'a\r\nx-admin: 1' } }), TypeError)
  })

  test('the header, the generator and the length limit can be changed', async () => {
    let n = 0
    const client = idApp({ header: 'X-Correlation-ID', generate: () => `req-${++n}`, maxLength: 8 })
    const made = await client.get('/')
    assert.equal(made.headers.get('x-correlation-id'), 'req-1')
    assert.equal(made.headers.get('x-request-id'), null)
    assert.equal(
      (await client.get('/', { headers: { 'x-correlation-id': 'short' } })).headers.get('x-correlation-id'),
      'short',
    )
    assert.equal(
      (await client.get('/', { headers: { 'x-correlation-id': 'too-long-1' } })).headers.get(
        'x-correlation-id',
      ),
      'req-2',
    )
  })

  test("handled errors and inner middleware's early answers carry the id too", async () => {
    const client = idApp()
    const response = await client.get('/teapot', { headers: { 'x-request-id': 'tea-1' } })
    assert.equal(response.status, 418)
    assert.equal(response.headers.get('x-request-id'), 'tea-1')
    assert.equal(
      (await client.get('/missing', { headers: { 'x-request-id': 'nf-1' } })).headers.get('x-request-id'),
      'nf-1',
    )
  })

  test("Brisk's own error log of a failed background task names the request by the same id", async () => {
    const errors: Record<string, unknown>[] = []
    const app = new App({ logger: { ...silentLogger, error: (details) => errors.push(details) } })
    app.use(requestId())
    app.get('/', ({ background }) => {
      background.add(() => {
        throw new Error('boom')
      })
      return 'ok'
    })
    const response = await new TestClient(app).get('/')
    assert.equal(errors[0]?.requestId, response.headers.get('x-request-id'))
  })

  test('without the middleware, ctx.id refuses an unsafe client id too', async () => {
    const app = new App()
    app.get('/', ({ ctx }) => ctx.id)
    const client = new TestClient(app)
    assert.equal((await client.get('/', { headers: { 'x-request-id': 'ok-1' } })).json(), 'ok-1')
    assert.notEqual((await client.get('/', { headers: { 'x-request-id': 'not ok' } })).json(), 'not ok')
  })

  test('options are checked when the middleware is made; a bad generated id is a server error', async () => {
    assert.match(
      configError(() => requestId({ headers: 'x' } as never)),
      /"headers".*"header"/,
    )
    assert.match(
      configError(() => requestId({ header: 'x request id' })),
      /header name/,
    )
    assert.match(
      configError(() => requestId({ maxLength: 0 })),
      /maxLength.*1 to 1024/,
    )
    assert.match(
      configError(() => requestId({ generate: 'uuid' } as never)),
      /function/,
    )
    const client = new TestClient(
      (() => {
        const app = new App({ logger: silentLogger })
        app.use(requestId({ generate: () => 'bad id' }))
        app.get('/', () => 'x')
        return app
      })(),
    )
    await assert.rejects(client.get('/'), /generate returned "bad id"/)
  })
})

function recordingLogger() {
  const lines: Array<{ line: AccessLogLine; message: string }> = []
  return { lines, logger: { info: (line: AccessLogLine, message: string) => lines.push({ line, message }) } }
}

describe('accessLog()', () => {
  test('one line per request: method, path without query, status, duration and request id', async () => {
    const { lines, logger } = recordingLogger()
    const app = new App()
    app.use(accessLog({ logger }))
    app.use(requestId())
    app.get('/items/{id}', () => text('item'))
    const client = new TestClient(app)
    const response = await client.get('/items/a%20b?token=secret')
    await client.post('/items/1')
    assert.equal(lines.length, 2)
    const [first, second] = lines
    assert.equal(first?.message, 'request completed')
    assert.deepEqual(Object.keys(first!.line).sort(), ['durationMs', 'method', 'path', 'requestId', 'status'])
    assert.equal(first?.line.method, 'GET')
    assert.equal(first?.line.path, '/items/a%20b')
    assert.equal(first?.line.status, 200)
    assert.ok(typeof first?.line.durationMs === 'number' && first.line.durationMs >= 0)
    assert.equal(first?.line.requestId, response.headers.get('x-request-id'))
    assert.equal(second?.line.status, 405)
  })

  test('an unhandled error is logged as a 500 and still answered as one', async () => {
    const { lines, logger } = recordingLogger()
    const app = new App({ logger: silentLogger })
    app.use(accessLog({ logger }))
    app.get('/boom', () => {
      throw new Error('boom')
    })
    const response = await new TestClient(app, { raiseServerExceptions: false }).get('/boom')
    assert.equal(response.status, 500)
    assert.equal(lines[0]?.line.status, 500)
  })

  test('writes pino JSON lines through a pino logger', async () => {
    const written: string[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk))
        done()
      },
    })
    const app = new App()
    app.use(requestId())
    app.use(accessLog({ logger: pino({ base: null }, sink) }))
    app.get('/', () => 'ok')
    await new TestClient(app).get('/', { headers: { 'x-request-id': 'abc-1' } })
    assert.equal(written.length, 1)
    const entry = JSON.parse(written[0]!) as Record<string, unknown>
    assert.equal(entry.level, 30)
    assert.equal(entry.msg, 'request completed')
    assert.equal(entry.method, 'GET')
    assert.equal(entry.path, '/')
    assert.equal(entry.status, 200)
    assert.equal(entry.requestId, 'abc-1')
  })

  test('options are checked when the middleware is made', () => {
    assert.match(
      configError(() => accessLog({ log: console } as never)),
      /"log".*"logger"/,
    )
    assert.match(
      configError(() => accessLog({ logger: {} as never })),
      /pino's info/,
    )
    // Without a logger it makes pino's default one (pino is installed here).
    assert.equal(typeof accessLog(), 'function')
  })
})
