// Middleware (FASTAPI-CONTRACT §1.9, §1.10; docs/middleware.md): order, handled errors seen as
// replies, early answers, changing and wrapping replies, errors passing through.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, HTTPException, json, type Middleware, silentLogger, TestClient, text } from '../../src/index.js'
import type { ValidationErrorBody } from '../response-bodies.js'

describe('middleware order', () => {
  test('the first registered is the outermost', async () => {
    const log: string[] = []
    const app = new App()
    const layer =
      (name: string): Middleware =>
      async (_ctx, next) => {
        log.push(`${name} in`)
        const reply = await next()
        log.push(`${name} out`)
        reply.headers.append('x-layers', name)
        return reply
      }
    app.use(layer('a'))
    app.use(layer('b'))
    app.use(layer('c'))
    app.get('/', () => {
      log.push('handler')
      return { ok: true }
    })
    const res = await new TestClient(app).get('/')
    assert.deepEqual(log, ['a in', 'b in', 'c in', 'handler', 'c out', 'b out', 'a out'])
    assert.equal(res.headers.get('x-layers'), 'c, b, a')
    assert.deepEqual(res.json(), { ok: true })
  })

  test('middleware added after the first request still runs', async () => {
    const app = new App()
    app.get('/', () => 'x')
    const client = new TestClient(app)
    assert.equal((await client.get('/')).headers.get('x-late'), null)
    app.use(async (_ctx, next) => {
      const reply = await next()
      reply.headers.set('x-late', 'yes')
      return reply
    })
    assert.equal((await client.get('/')).headers.get('x-late'), 'yes')
  })

  test('state set in middleware reaches the handler', async () => {
    const app = new App()
    app.use(async (ctx, next) => {
      ctx.state.user = 'ann'
      return next()
    })
    app.get('/', ({ state, ctx }) => ({ user: state.user, same: state === ctx.state }))
    assert.deepEqual((await new TestClient(app).get('/')).json(), { user: 'ann', same: true })
  })
})

describe('middleware sees handled errors as replies', () => {
  const app = new App()
  const statuses: number[] = []
  app.use(async (ctx, next) => {
    const reply = await next()
    statuses.push(reply.status)
    reply.headers.set('x-seen-by', 'mw')
    reply.headers.set('x-path', ctx.path)
    return reply
  })
  app.get('/items/{id}', { path: { id: z.int() } }, ({ path }) => {
    if (path.id === 0) throw new HTTPException(400, 'zero', { headers: { 'x-error': 'zero' } })
    return { id: path.id }
  })
  app.post('/post', () => null)
  const client = new TestClient(app)

  test('404', async () => {
    const res = await client.get('/nope')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), { detail: 'Not Found' })
    assert.equal(res.headers.get('x-seen-by'), 'mw')
    assert.equal(res.headers.get('x-path'), '/nope')
  })

  test('405', async () => {
    const res = await client.get('/post')
    assert.equal(res.status, 405)
    assert.equal(res.headers.get('allow'), 'POST')
    assert.equal(res.headers.get('x-seen-by'), 'mw')
  })

  test('422', async () => {
    const res = await client.get('/items/abc')
    assert.equal(res.status, 422)
    assert.equal(res.json<ValidationErrorBody>().detail[0]?.type, 'int_parsing')
    assert.equal(res.headers.get('x-seen-by'), 'mw')
  })

  test('HTTPException keeps its headers and gets the middleware ones', async () => {
    const res = await client.get('/items/0')
    assert.equal(res.status, 400)
    assert.equal(res.headers.get('x-error'), 'zero')
    assert.equal(res.headers.get('x-seen-by'), 'mw')
  })

  test('the statuses the middleware saw', () => {
    assert.deepEqual(statuses, [404, 405, 422, 400])
  })
})

describe('middleware replies', () => {
  const app = new App({ logger: silentLogger })
  let handlerCalls = 0
  app.use(async (ctx, next) => {
    if (ctx.header('x-block') !== undefined) return json({ blocked: true }, { status: 403 })
    if (ctx.header('x-web') !== undefined) return new Response('from a web response', { status: 203 })
    return next()
  })
  app.use(async (ctx, next) => {
    const reply = await next()
    if (ctx.query.teapot !== undefined) reply.status = 418
    return reply
  })
  app.use(async (ctx, next) => {
    const reply = await next()
    const body = reply.body
    if (ctx.path === '/stream' && body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
      const source = body as AsyncIterable<Uint8Array | string>
      reply.body = (async function* () {
        yield '['
        for await (const chunk of source) {
          yield typeof chunk === 'string'
            ? chunk.toUpperCase()
            : new TextDecoder().decode(chunk).toUpperCase()
        }
        yield ']'
      })()
    }
    return reply
  })
  app.get('/', () => {
    handlerCalls++
    return { ok: true }
  })
  app.get('/stream', async function* () {
    yield 'a'
    yield 'b'
  })

  test('answering early without calling next', async () => {
    const before = handlerCalls
    const res = await new TestClient(app).get('/', { headers: { 'x-block': '1' } })
    assert.equal(res.status, 403)
    assert.deepEqual(res.json(), { blocked: true })
    assert.equal(handlerCalls, before)
  })

  test('answering early with a web Response, even for an unknown path', async () => {
    const res = await new TestClient(app).get('/does-not-exist', { headers: { 'x-web': '1' } })
    assert.equal(res.status, 203)
    assert.equal(res.text, 'from a web response')
  })

  test('changing the status', async () => {
    const res = await new TestClient(app).get('/?teapot=1')
    assert.equal(res.status, 418)
    assert.deepEqual(res.json(), { ok: true })
  })

  test('wrapping a streaming body', async () => {
    const res = await new TestClient(app).get('/stream')
    assert.equal(res.headers.get('content-type'), 'application/jsonl')
    assert.equal(res.text, '["A"\n"B"\n]')
  })
})

describe('errors and middleware', () => {
  test('an error thrown in middleware is a 500', async () => {
    const app = new App({ logger: silentLogger })
    app.use(async () => {
      throw new Error('middleware broke')
    })
    app.get('/', () => 'x')
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/')
    assert.equal(res.status, 500)
    assert.equal(res.text, 'Internal Server Error')
    await assert.rejects(new TestClient(app).get('/'), /middleware broke/)
  })

  test('a synchronous throw in middleware is a 500 too', async () => {
    const app = new App({ logger: silentLogger })
    app.use(() => {
      throw new Error('sync middleware broke')
    })
    app.get('/', () => 'x')
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/')
    assert.equal(res.status, 500)
  })

  test('an HTTPException thrown in middleware is outside the exception handlers (a 500, as Starlette)', async () => {
    const app = new App({ logger: silentLogger })
    app.use(async () => {
      throw new HTTPException(401, 'nope')
    })
    app.get('/', () => 'x')
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/')
    assert.equal(res.status, 500)
  })

  test('unhandled handler errors pass through middleware as exceptions', async () => {
    const app = new App({ logger: silentLogger })
    const caught: unknown[] = []
    app.use(async (_ctx, next) => {
      try {
        return await next()
      } catch (error) {
        caught.push(error)
        throw error
      }
    })
    app.get('/boom', () => {
      throw new RangeError('deep')
    })
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/boom')
    assert.equal(res.status, 500)
    assert.equal(caught.length, 1)
    assert.ok(caught[0] instanceof RangeError)
  })

  test('a try/catch in middleware can turn an error into a reply', async () => {
    const app = new App()
    app.use(async (_ctx, next) => {
      try {
        return await next()
      } catch (error) {
        return text(`recovered: ${(error as Error).message}`, { status: 503 })
      }
    })
    app.get('/boom', async () => {
      throw new Error('db down')
    })
    // Nothing is unhandled any more, so the test client does not rethrow.
    const res = await new TestClient(app).get('/boom')
    assert.equal(res.status, 503)
    assert.equal(res.text, 'recovered: db down')
  })

  test('calling next twice is an error', async () => {
    const app = new App({ logger: silentLogger })
    app.use(async (_ctx, next) => {
      await next()
      return next()
    })
    app.get('/', () => 'x')
    await assert.rejects(new TestClient(app).get('/'), /more than once/)
  })

  test('middleware returning something that is not a reply is a 500', async () => {
    const app = new App({ logger: silentLogger })
    app.use((async () => ({ not: 'a reply' })) as never)
    app.get('/', () => 'x')
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/')
    assert.equal(res.status, 500)
  })
})

describe('the path middleware sees', () => {
  test('middleware reads the same decoded path the router matches', async () => {
    const app = new App({ logger: silentLogger })
    app.use((ctx, next) => {
      if (ctx.path.startsWith('/admin')) throw new HTTPException(401, 'no')
      return next()
    })
    app.get('/admin/secret', () => ({ secret: 'TOP' }))
    const client = new TestClient(app, { raiseServerExceptions: false })
    assert.notEqual((await client.get('/%61dmin/secret')).status, 200)
    assert.notEqual((await client.get('/admin/secret')).status, 200)
  })
})
