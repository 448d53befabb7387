import assert from 'node:assert/strict'
import { Agent } from 'node:http'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import {
  App,
  type BriskServer,
  depends,
  HTTPException,
  type Logger,
  silentLogger,
  TestClient,
} from '../../src/index.js'
import { rawConnect, readAll, send, sleep } from './helpers.js'

function recordingLogger(): Logger & { errors: string[] } {
  const errors: string[] = []
  return { errors, error: (_d, message) => errors.push(message), warn() {}, info() {} }
}

function buildApp() {
  const app = new App({ logger: silentLogger, bodyLimit: 1024 })
  app.get('/', () => ({ message: 'Hello World' }))
  app.get('/items/{item_id}', { path: { item_id: z.int() } }, ({ path }) => ({ item_id: path.item_id }))
  app.post('/echo', { body: z.object({ text: z.string() }) }, ({ body }) => body)
  app.post('/big', { body: z.object({ text: z.string() }), bodyLimit: 10_000 }, ({ body }) => ({
    size: body.text.length,
  }))
  app.get('/slow', { query: { ms: z.int().default(300) } }, async ({ query }) => {
    await sleep(query.ms)
    return { slept: query.ms }
  })
  app.get('/boom', () => {
    throw new Error('kaboom')
  })
  app.get('/teapot', () => {
    throw new HTTPException(418, "I'm a teapot", { headers: { 'x-tea': 'earl grey' } })
  })
  app.get('/stream', async function* () {
    for (let i = 0; i < 3; i++) yield { i }
  })
  app.get('/stream-boom', async function* () {
    yield { i: 0 }
    throw new Error('mid-stream failure')
  })
  return app
}

describe('node server over a real socket', () => {
  let server: BriskServer

  before(async () => {
    server = await buildApp().listen({ port: 0, handleSignals: false })
  })
  after(async () => {
    await server.close()
  })

  test('answers JSON with content-length', async () => {
    const res = await send(`${server.url}/`)
    assert.equal(res.status, 200)
    assert.equal(res.headers['content-type'], 'application/json')
    assert.equal(res.headers['content-length'], String(Buffer.byteLength(res.body)))
    assert.deepEqual(JSON.parse(res.body), { message: 'Hello World' })
  })

  test('validates path parameters', async () => {
    const res = await send(`${server.url}/items/foo`)
    assert.equal(res.status, 422)
    assert.deepEqual(JSON.parse(res.body).detail[0].type, 'int_parsing')
  })

  test('keeps the connection alive across requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const ports = new Set<number>()
    agent.on('free', (socket) => ports.add(socket.localPort ?? 0))
    for (let i = 0; i < 5; i++) {
      const res = await send(`${server.url}/items/${i}`, { agent })
      assert.equal(res.status, 200)
      assert.equal(res.headers.connection, 'keep-alive')
    }
    assert.equal(ports.size, 1, 'all five requests used one socket')
    agent.destroy()
  })

  test('a body over the limit gets 413 and the connection closes', async () => {
    const res = await send(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(5000) }),
    })
    assert.equal(res.status, 413)
    assert.equal(res.headers.connection, 'close')
  })

  test('a per-route body limit raises the app limit', async () => {
    const res = await send(`${server.url}/big`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(5000) }),
    })
    assert.equal(res.status, 200)
    assert.deepEqual(JSON.parse(res.body), { size: 5000 })
  })

  test('a chunked body that lies its way past the limit is cut off while streaming', async () => {
    const socket = await rawConnect(server.port)
    const reply = readAll(socket)
    socket.write(
      'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
    )
    const chunk = 'x'.repeat(600)
    socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    // Keep sending: the server must answer 413 without waiting for the end of the body.
    const text = await reply
    assert.match(text, /^HTTP\/1\.1 413 /)
    socket.destroy()
  })

  test('unhandled errors are a plain 500 without a stack', async () => {
    const res = await send(`${server.url}/boom`)
    assert.equal(res.status, 500)
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8')
    assert.equal(res.body, 'Internal Server Error')
  })

  test('HTTPException carries status, detail and headers', async () => {
    const res = await send(`${server.url}/teapot`)
    assert.equal(res.status, 418)
    assert.equal(res.headers['x-tea'], 'earl grey')
    assert.deepEqual(JSON.parse(res.body), { detail: "I'm a teapot" })
  })

  test('async generators stream JSON Lines', async () => {
    const res = await send(`${server.url}/stream`)
    assert.equal(res.status, 200)
    assert.equal(res.headers['content-type'], 'application/jsonl')
    assert.equal(res.headers['transfer-encoding'], 'chunked')
    assert.equal(res.body, '{"i":0}\n{"i":1}\n{"i":2}\n')
  })

  test('an error mid-stream aborts the response instead of ending it cleanly', async () => {
    await assert.rejects(send(`${server.url}/stream-boom`), /aborted|socket hang up|ECONNRESET/)
  })

  test('HEAD answers the headers of GET without a body', async () => {
    const res = await send(`${server.url}/`, { method: 'HEAD' })
    assert.equal(res.status, 200)
    assert.equal(res.body, '')
    assert.equal(res.headers['content-length'], String(Buffer.byteLength('{"message":"Hello World"}')))
  })

  test('malformed requests get a 400 from the HTTP parser and the server keeps serving', async () => {
    const socket = await rawConnect(server.port)
    const reply = readAll(socket)
    socket.write('GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n')
    assert.match(await reply, /^HTTP\/1\.1 400 /)
    const res = await send(`${server.url}/`)
    assert.equal(res.status, 200)
  })
})

describe('graceful shutdown', () => {
  test('in-flight requests finish, new requests on open sockets get 503, then the server closes', async () => {
    const server = await buildApp().listen({ port: 0, handleSignals: false, gracePeriodMs: 5000 })
    const agent = new Agent({ keepAlive: true, maxSockets: 2 })
    // Open a keep-alive socket first so a later request can reuse it during shutdown.
    await send(`${server.url}/`, { agent })
    const inFlight = Array.from({ length: 5 }, () => send(`${server.url}/slow?ms=400`))
    await sleep(100)
    const closed = server.close()
    const late = await send(`${server.url}/`, { agent }).catch((error: Error) => error)
    const results = await Promise.all(inFlight)
    for (const res of results) {
      assert.equal(res.status, 200)
      assert.deepEqual(JSON.parse(res.body), { slept: 400 })
    }
    if (late instanceof Error) assert.match(late.message, /ECONNRESET|ECONNREFUSED|socket hang up/)
    else {
      assert.equal(late.status, 503)
      assert.equal(late.headers.connection, 'close')
    }
    await closed
    await assert.rejects(send(`${server.url}/`), /ECONNREFUSED/)
    agent.destroy()
  })

  test('requests still running after the grace period are cut off', async () => {
    const server = await buildApp().listen({ port: 0, handleSignals: false, gracePeriodMs: 200 })
    const stuck = send(`${server.url}/slow?ms=3000`).catch((error: Error) => error)
    await sleep(50)
    const started = Date.now()
    await server.close()
    assert.ok(Date.now() - started < 1500, 'close() returned within the grace period')
    assert.ok((await stuck) instanceof Error)
  })

  test('SIGTERM stops a real process with exit code 0 after in-flight requests finish', async () => {
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/fixtures/serve.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /listening on (\d+)/.exec(chunk.toString())
        if (match) resolve(Number(match[1]))
      })
      child.on('exit', (code) => reject(new Error(`server exited early with ${code}`)))
    })
    // A floating promise rejection is logged, not fatal.
    assert.equal((await send(`http://127.0.0.1:${port}/floating`)).status, 200)
    await sleep(50)
    assert.equal((await send(`http://127.0.0.1:${port}/slow?ms=1`)).status, 200)
    const inFlight = send(`http://127.0.0.1:${port}/slow?ms=500`)
    await sleep(100)
    child.kill('SIGTERM')
    const res = await inFlight
    assert.equal(res.status, 200)
    const code = await new Promise((resolve) => child.on('exit', resolve))
    assert.equal(code, 0)
  })
})

describe('background work and shutdown', () => {
  test('close() waits for running background tasks and request-scoped teardowns', async () => {
    const events: string[] = []
    const app = buildApp()
    const resource = depends(async function* () {
      events.push('open')
      yield 'resource'
      events.push('closed')
    })
    app.get('/work', { deps: { resource } }, ({ background }) => {
      background.add(async () => {
        await sleep(300)
        events.push('task done')
      })
      return { accepted: true }
    })
    const server = await app.listen({ port: 0, handleSignals: false, gracePeriodMs: 5000 })
    const res = await send(`${server.url}/work`)
    assert.equal(res.status, 200)
    assert.deepEqual(events, ['open'], 'the response came before the task and the teardown')
    await server.close()
    assert.deepEqual(events, ['open', 'task done', 'closed'])
  })
})

describe('over a real socket, one app per test', () => {
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
})
