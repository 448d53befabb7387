// `ctx.request`, the web Request built on first access: building or reading it never takes the
// body from the route, never turns a request into a 500, and TRACE is answered, never echoed.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import { App, type BriskServer, TestClient } from '../../src/index.js'
import { rawConnect, readAll, sleep } from '../server/helpers.js'

function buildApp() {
  const app = new App()
  app.use(async (ctx, next) => {
    // Touching the request (its method, URL and headers) is free for the route's body.
    const request = ctx.request
    const reply = await next()
    reply.headers.set('x-seen', `${request.method} ${new URL(request.url).pathname}`)
    return reply
  })
  app.post('/items', { body: z.object({ name: z.string() }) }, ({ body }) => body)
  app.post('/both', { body: z.object({ name: z.string() }) }, async ({ body, request }) => ({
    body,
    text: await request.text(),
  }))
  app.get('/items', () => [])
  return app
}

describe('over a real socket', () => {
  let server: BriskServer
  before(async () => {
    server = await buildApp().listen({ port: 0, handleSignals: false })
  })
  after(() => server.close())

  test('a POST whose body arrives after its headers is answered', async () => {
    const socket = await rawConnect(server.port)
    const body = '{"name":"late"}'
    socket.write(
      `POST /items HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`,
    )
    await sleep(50)
    socket.write(body)
    const answer = await readAll(socket)
    assert.match(answer, /^HTTP\/1\.1 200 OK/)
    assert.match(answer, /x-seen: POST \/items/)
    assert.ok(answer.endsWith(body))
  })

  test('TRACE is a 405 with Allow, never an echo', async () => {
    const socket = await rawConnect(server.port)
    socket.write('TRACE /items HTTP/1.1\r\nhost: x\r\ncookie: secret=1\r\nconnection: close\r\n\r\n')
    const answer = await readAll(socket)
    assert.match(answer, /^HTTP\/1\.1 405 Method Not Allowed/)
    // The first route matching the path names the methods, as Starlette answers a 405.
    assert.match(answer, /allow: POST\r\n/i)
    assert.match(answer, /x-seen: TRACE \/items/)
    assert.ok(!answer.includes('secret=1'))
  })
})

describe('through app.fetch', () => {
  const client = new TestClient(buildApp())

  test('the route reads its body after a middleware built the request', async () => {
    const res = await client.post('/items', { json: { name: 'a' } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'a' })
    assert.equal(res.headers.get('x-seen'), 'POST /items')
  })

  test('the route and the web Request both read the same body', async () => {
    const res = await client.post('/both', { json: { name: 'b' } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { body: { name: 'b' }, text: '{"name":"b"}' })
  })

  test('a method no route declares answers 405 with Allow', async () => {
    // (fetch cannot even build a TRACE request; the socket test above covers it.)
    const res = await client.request('PROPFIND', '/items')
    assert.equal(res.status, 405)
    assert.equal(res.headers.get('allow'), 'POST')
    assert.deepEqual(res.json(), { detail: 'Method Not Allowed' })
  })
})

test('a handler reads its root path', async () => {
  const app = new App({ rootPath: '/api' })
  app.get('/where', ({ rootPath }) => ({ rootPath }))
  const client = new TestClient(app)
  assert.deepEqual((await client.get('/api/where')).json(), { rootPath: '/api' })
  assert.deepEqual((await client.get('/where')).json(), { rootPath: '/api' })
})
