// The bundled middleware over a real socket: the same answers as in-process, plus what only a
// server has (the client's address in the access log, Node refusing a CR/LF header, raw Host lines).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { App, type BriskServer, text } from '../../src/index.js'
import { type AccessLogLine, accessLog, cors, requestId, trustedHost } from '../../src/middleware/index.js'
import { rawConnect, readAll, send } from '../server/helpers.js'

describe('bundled middleware over a socket', () => {
  const lines: AccessLogLine[] = []
  let server: BriskServer
  let routeRuns = 0

  before(async () => {
    const app = new App()
    app.use(accessLog({ logger: { info: (line) => lines.push(line) } }))
    app.use(requestId())
    app.use(trustedHost({ allowedHosts: ['127.0.0.1', 'localhost'] }))
    app.use(cors({ allowOrigins: ['https://shop.example'], allowMethods: ['*'], allowCredentials: true }))
    app.put('/cart', () => {
      routeRuns++
      return text('saved')
    })
    server = await app.listen({ port: 0, handleSignals: false })
  })
  after(() => server.close())

  test('a preflight is answered by cors, with a request id, and logged with the client address', async () => {
    const response = await send(`${server.url}/cart`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'PUT' },
    })
    assert.equal(response.status, 200)
    assert.equal(response.body, 'OK')
    assert.equal(response.headers['access-control-allow-origin'], 'https://shop.example')
    assert.equal(response.headers['access-control-allow-credentials'], 'true')
    assert.equal(response.headers.vary, 'Origin')
    assert.equal(response.headers['content-length'], '2')
    assert.equal(routeRuns, 0)
    const line = lines.at(-1)
    assert.equal(line?.status, 200)
    assert.equal(line?.requestId, response.headers['x-request-id'])
    assert.equal(line?.remoteAddress, '127.0.0.1')
  })

  test('a simple request runs the route and gets the echoed origin', async () => {
    const response = await send(`${server.url}/cart`, {
      method: 'PUT',
      headers: { origin: 'https://shop.example' },
    })
    assert.equal(response.status, 200)
    assert.equal(response.body, 'saved')
    assert.equal(response.headers['access-control-allow-origin'], 'https://shop.example')
    assert.equal(routeRuns, 1)
  })

  test('a forged Host is a 400 Invalid host header', async () => {
    const response = await send(`${server.url}/cart`, { method: 'PUT', headers: { host: 'evil.example' } })
    assert.equal(response.status, 400)
    assert.equal(response.body, 'Invalid host header')
    assert.equal(lines.at(-1)?.status, 400)
  })

  test('a 10 kB request id is replaced; an id with CR/LF never reaches the app (400 from Node)', async () => {
    const long = await send(`${server.url}/cart`, {
      method: 'PUT',
      headers: { 'x-request-id': 'a'.repeat(10_000) },
    })
    assert.equal(long.status, 200)
    assert.ok(String(long.headers['x-request-id']).length < 100)

    const before = lines.length
    const socket = await rawConnect(server.port)
    socket.write('PUT /cart HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: a\rb\r\nContent-Length: 0\r\n\r\n')
    const answer = await readAll(socket)
    assert.match(answer, /^HTTP\/1\.1 400 /)
    assert.equal(lines.length, before)
  })
})
