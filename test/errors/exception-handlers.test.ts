// The error funnel (FASTAPI-CONTRACT §1.9, §2.2): unhandled errors, debug mode, test client
// rethrowing, handlers by status and by class, server-level handlers.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import {
  App,
  HTTPException,
  json,
  type Logger,
  RequestValidationError,
  silentLogger,
  TestClient,
  text,
} from '../../src/index.js'
import type { ValidationErrorBody } from '../response-bodies.js'

/** A logger that remembers what was logged as errors. */
function countingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = []
  return {
    errors,
    error(details) {
      errors.push(details.err)
    },
    warn() {},
    info() {},
  }
}

class Boom extends Error {}

describe('unhandled errors', () => {
  const logger = countingLogger()
  const app = new App({ logger })
  const boom = new Boom('kaboom secret detail')
  app.get('/sync', () => {
    throw boom
  })
  app.get('/async', async () => {
    await Promise.resolve()
    throw new Boom('async kaboom')
  })
  app.get('/string', () => {
    throw 'a thrown string'
  })
  app.get('/ok', () => ({ ok: true }))

  test('a plain-text 500 without details', async () => {
    const client = new TestClient(app, { raiseServerExceptions: false })
    for (const url of ['/sync', '/async', '/string']) {
      const res = await client.get(url)
      assert.equal(res.status, 500, url)
      assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
      assert.equal(res.text, 'Internal Server Error')
    }
  })

  test('the error is logged', async () => {
    logger.errors.length = 0
    await new TestClient(app, { raiseServerExceptions: false }).get('/sync')
    assert.deepEqual(logger.errors, [boom])
  })

  test('the test client rethrows by default', async () => {
    const client = new TestClient(app)
    await assert.rejects(client.get('/sync'), (error) => error === boom)
    await assert.rejects(client.get('/async'), Boom)
    await assert.rejects(client.get('/string'), (error) => error === 'a thrown string')
    assert.equal((await client.get('/ok')).status, 200)
  })

  test('debug mode sends the stack', async () => {
    const debugApp = new App({ debug: true, logger: silentLogger })
    debugApp.get('/sync', () => {
      throw new Boom('kaboom in debug')
    })
    const res = await new TestClient(debugApp, { raiseServerExceptions: false }).get('/sync')
    assert.equal(res.status, 500)
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.match(res.text, /kaboom in debug/)
    assert.match(res.text, /\n\s+at /)
  })
})

class UnicornError extends Error {}
class PinkUnicornError extends UnicornError {}
class TinyPinkUnicornError extends PinkUnicornError {}
class OtherError extends Error {}

describe('exception handlers', () => {
  const app = new App({ logger: silentLogger })
  app.exceptionHandler(404, (ctx) => json({ custom: 'not found', path: ctx.path }, { status: 404 }))
  app.exceptionHandler(UnicornError, () => json({ handler: 'unicorn' }, { status: 418 }))
  app.exceptionHandler(PinkUnicornError, () => json({ handler: 'pink' }, { status: 418 }))
  app.exceptionHandler(
    OtherError,
    () => new Response('web response', { status: 409, headers: { 'x-web': '1' } }),
  )
  app.exceptionHandler(418, () => text('status 418 handler', { status: 418 }))
  app.get('/missing-item', () => {
    throw new HTTPException(404, 'Item not found')
  })
  app.get('/unicorn', () => {
    throw new UnicornError()
  })
  app.get('/pink', () => {
    throw new PinkUnicornError()
  })
  app.get('/tiny', async () => {
    throw new TinyPinkUnicornError()
  })
  app.get('/other', () => {
    throw new OtherError()
  })
  app.get('/teapot', () => {
    throw new HTTPException(418, 'teapot')
  })
  app.get('/conflict', () => {
    throw new HTTPException(409, 'conflict')
  })
  app.get('/int/{n}', { path: { n: z.int() } }, ({ path }) => path.n)
  const client = new TestClient(app)

  test('a status handler answers router 404s', async () => {
    const res = await client.get('/nowhere')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), { custom: 'not found', path: '/nowhere' })
  })

  test('a status handler answers HTTPExceptions of that status', async () => {
    assert.deepEqual((await client.get('/missing-item')).json(), {
      custom: 'not found',
      path: '/missing-item',
    })
    assert.equal((await client.get('/teapot')).text, 'status 418 handler')
  })

  test('other statuses keep the default', async () => {
    const res = await client.get('/conflict')
    assert.equal(res.status, 409)
    assert.deepEqual(res.json(), { detail: 'conflict' })
  })

  test('a status handler does not take other error classes with that status', async () => {
    // UnicornError answers 418 through its class handler, not the 418 status handler.
    assert.deepEqual((await client.get('/unicorn')).json(), { handler: 'unicorn' })
  })

  test('the nearest registered class wins', async () => {
    assert.deepEqual((await client.get('/pink')).json(), { handler: 'pink' })
    assert.deepEqual((await client.get('/tiny')).json(), { handler: 'pink' })
  })

  test('a handler may return a web Response', async () => {
    const res = await client.get('/other')
    assert.equal(res.status, 409)
    assert.equal(res.text, 'web response')
    assert.equal(res.headers.get('x-web'), '1')
  })

  test('validation errors keep their default handler', async () => {
    const res = await client.get('/int/x')
    assert.equal(res.status, 422)
    assert.equal(res.json<ValidationErrorBody>().detail[0]?.type, 'int_parsing')
  })
})

describe('server-level handlers (500 and Error)', () => {
  test('a 500 handler runs for unhandled errors', async () => {
    const app = new App({ logger: silentLogger })
    app.exceptionHandler(500, (_ctx, error: Error) => json({ oops: error.message }, { status: 500 }))
    app.get('/boom', () => {
      throw new Error('boom')
    })
    app.get('/http', () => {
      throw new HTTPException(400, 'bad')
    })
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/boom')
    assert.equal(res.status, 500)
    assert.deepEqual(res.json(), { oops: 'boom' })
    // Still rethrown to the test client, as Starlette's ServerErrorMiddleware re-raises.
    await assert.rejects(new TestClient(app).get('/boom'), /boom/)
    // HTTPExceptions are not server errors.
    assert.deepEqual((await new TestClient(app).get('/http')).json(), { detail: 'bad' })
  })

  test('an Error handler runs for unhandled errors but not for handled ones', async () => {
    const app = new App({ logger: silentLogger })
    app.exceptionHandler(Error, () => text('custom 500', { status: 500 }))
    app.get('/boom', () => {
      throw new TypeError('boom')
    })
    app.get('/http', () => {
      throw new HTTPException(404, 'nope')
    })
    app.get('/int/{n}', { path: { n: z.int() } }, ({ path }) => path.n)
    const client = new TestClient(app, { raiseServerExceptions: false })
    const res = await client.get('/boom')
    assert.equal(res.status, 500)
    assert.equal(res.text, 'custom 500')
    assert.deepEqual((await client.get('/http')).json(), { detail: 'nope' })
    assert.equal((await client.get('/int/x')).status, 422)
  })

  test('the server handler runs outside middleware', async () => {
    const app = new App({ logger: silentLogger })
    const seen: number[] = []
    app.use(async (_ctx, next) => {
      const reply = await next()
      seen.push(reply.status)
      return reply
    })
    app.exceptionHandler(500, () => text('handled outside', { status: 500 }))
    app.get('/boom', () => {
      throw new Error('x')
    })
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/boom')
    assert.equal(res.text, 'handled outside')
    assert.deepEqual(seen, [])
  })

  test('a failing exception handler ends as the plain 500', async () => {
    const logger = countingLogger()
    const app = new App({ logger })
    app.exceptionHandler(UnicornError, () => {
      throw new Error('handler broke')
    })
    app.get('/u', () => {
      throw new UnicornError()
    })
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/u')
    assert.equal(res.status, 500)
    assert.equal(res.text, 'Internal Server Error')
    assert.ok(logger.errors.length >= 1)
  })

  test('a failing 500 handler falls back to the plain 500', async () => {
    const app = new App({ logger: silentLogger })
    app.exceptionHandler(500, () => {
      throw new Error('500 handler broke')
    })
    app.get('/boom', () => {
      throw new Error('x')
    })
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/boom')
    assert.equal(res.status, 500)
    assert.equal(res.text, 'Internal Server Error')
  })

  test('RequestValidationError thrown by a handler goes through the validation handler', async () => {
    const app = new App()
    app.get('/manual', () => {
      throw new RequestValidationError([{ type: 'custom', loc: ['query', 'x'], msg: 'Custom', input: 'y' }])
    })
    const res = await new TestClient(app).get('/manual')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [{ type: 'custom', loc: ['query', 'x'], msg: 'Custom', input: 'y' }],
    })
  })

  test('HTTPException(500) raised on purpose keeps its JSON answer when a 500 handler exists', async () => {
    const app = new App({ logger: silentLogger })
    app.exceptionHandler(500, () => new Response('server handler', { status: 500 }))
    app.get('/http500', () => {
      throw new HTTPException(500, 'explicit')
    })
    const res = await new TestClient(app).get('/http500')
    assert.equal(res.status, 500)
    assert.deepEqual(res.json(), { detail: 'explicit' })
  })
})
