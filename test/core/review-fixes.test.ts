// Regression tests for defects found in review: each reproduces the original request.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, file, HTTPException, type Logger, silentLogger, TestClient } from '../../src/index.js'
import { send, sleep } from '../server/helpers.js'

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = []
  return { errors, error: (_d, message) => errors.push(message), warn() {}, info() {} }
}

describe('review fixes', () => {
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

  test('an invalid response header is a 500, and the server keeps serving', async () => {
    const logger = recordingLogger()
    const app = new App({ logger })
    app.get('/h', { query: { v: z.string() } }, ({ response, query }) => {
      response.headers.set('x-echo', query.v)
      return {}
    })
    app.get('/ok', () => ({ ok: true }))
    const server = await app.listen({ port: 0, handleSignals: false })
    try {
      const res = await send(`${server.url}/h?v=%E2%82%AC`)
      assert.equal(res.status, 500)
      assert.equal(res.body, 'Internal Server Error')
      assert.equal((await send(`${server.url}/ok`)).status, 200)
    } finally {
      await server.close()
    }
    const viaFetch = await new TestClient(app, { raiseServerExceptions: false }).get('/h', {
      query: { v: '€' },
    })
    assert.equal(viaFetch.status, 500)
  })

  test('a body read through the web Request respects the body limit', async () => {
    const app = new App({ bodyLimit: 10, logger: silentLogger })
    app.post('/raw', async ({ request }) => ({ length: (await request.text()).length }))
    const res = await new TestClient(app).post('/raw', { content: 'x'.repeat(5000) })
    assert.equal(res.status, 413)
  })

  test('a stream whose client left is closed even while its generator is idle', async () => {
    let closed = false
    const app = new App({ logger: silentLogger })
    app.get('/idle', async function* () {
      try {
        yield { first: true }
        await sleep(300) // idle, as a source waiting for events would be
        yield { second: true }
      } finally {
        closed = true
      }
    })
    const server = await app.listen({ port: 0, handleSignals: false })
    const { request } = await import('node:http')
    await new Promise<void>((resolve) => {
      const req = request(`${server.url}/idle`, { agent: false }, (res) => {
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.end()
    })
    await sleep(600)
    assert.equal(closed, true)
    await server.close()
  })

  test('a file reply from an exception handler or a middleware is served whole', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs')
    const { join } = await import('node:path')
    const { tmpdir } = await import('node:os')
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

  test('an async parameter validator runs once, with no stray rejections', async () => {
    let calls = 0
    const app = new App({ logger: silentLogger })
    app.get(
      '/q',
      {
        query: {
          q: z.string().refine(async (value) => {
            calls++
            return value !== 'bad'
          }),
        },
      },
      ({ query }) => query,
    )
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/q', { query: { q: 'good' } })).json(), { q: 'good' })
    const bad = await client.get('/q', { query: { q: 'bad' } })
    assert.equal(bad.status, 422)
    // zod's own Standard Schema bridge runs an async refine twice (sync attempt, then async);
    // Brisk adds no run of its own.
    assert.ok(calls <= 4, `refine ran ${calls} times for two requests`)
  })

  test('a strict query model reports __proto__ as an extra key', async () => {
    const app = new App()
    app.get('/items', { query: z.strictObject({ limit: z.int().default(10) }) }, ({ query }) => query)
    const res = await new TestClient(app).get('/items?__proto__=x')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json().detail[0].loc, ['query', '__proto__'])
    assert.equal(res.json().detail[0].type, 'extra_forbidden')
  })

  test('a malformed Host header never changes request.url', async () => {
    const app = new App()
    app.get('/admin/secret', ({ request }) => ({ path: new URL(request.url).pathname }))
    const server = await app.listen({ port: 0, handleSignals: false })
    try {
      for (const host of ['x/public?', 'x#', 'user@evil.example']) {
        const res = await send(`${server.url}/admin/secret`, { headers: { host } })
        assert.equal(res.status, 200, host)
        assert.deepEqual(JSON.parse(res.body), { path: '/admin/secret' }, host)
      }
    } finally {
      await server.close()
    }
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
