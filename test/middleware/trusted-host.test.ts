// trustedHost() and httpsRedirect(): Starlette's tests/middleware/test_trusted_host.py and
// test_https_redirect.py, FastAPI's advanced-middleware tutorial, then hostile Host headers,
// X-Forwarded-Proto and option checks.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { App, TestClient, text } from '../../src/index.js'
import { httpsRedirect, type TrustedHostOptions, trustedHost } from '../../src/middleware/index.js'
import { configError } from '../errors/config-error-message.js'

function hostApp(options: TrustedHostOptions): App {
  const app = new App()
  app.use(trustedHost(options))
  app.get('/', () => text('OK'))
  app.get('/items', ({ query }) => query)
  return app
}

function redirectApp(options?: Parameters<typeof httpsRedirect>[0]): App {
  const app = new App()
  app.use(httpsRedirect(options))
  app.get('/', () => text('OK'))
  app.post('/orders', () => text('created', { status: 201 }))
  return app
}

describe("trustedHost(): Starlette's test_trusted_host.py", () => {
  test('the listed host and its subdomains pass; any other is 400 Invalid host header', async () => {
    const app = hostApp({ allowedHosts: ['testserver', '*.testserver'] })
    assert.equal((await new TestClient(app).get('/')).status, 200)
    assert.equal((await new TestClient(app, { baseUrl: 'http://subdomain.testserver' }).get('/')).status, 200)
    const refused = await new TestClient(app, { baseUrl: 'http://invalidhost' }).get('/')
    assert.equal(refused.status, 400)
    assert.equal(refused.text, 'Invalid host header')
    assert.equal(refused.headers.get('content-type'), 'text/plain; charset=utf-8')
  })

  test('www redirect: example.com goes to www.example.com, path and query kept', async () => {
    const app = hostApp({ allowedHosts: ['www.example.com'] })
    const followed = await new TestClient(app, { baseUrl: 'https://example.com' }).get('/')
    assert.equal(followed.status, 200)
    assert.equal(followed.url, 'https://www.example.com/')

    const client = new TestClient(app, { baseUrl: 'http://example.com:8080', followRedirects: false })
    const redirect = await client.get('/items?page=2&q=a%20b')
    assert.equal(redirect.status, 307)
    assert.equal(redirect.headers.get('location'), 'http://www.example.com:8080/items?page=2&q=a%20b')
    assert.equal(redirect.text, '')
  })

  test('wwwRedirect: false answers 400 instead', async () => {
    const app = hostApp({ allowedHosts: ['www.example.com'], wwwRedirect: false })
    const response = await new TestClient(app, { baseUrl: 'https://example.com' }).get('/')
    assert.equal(response.status, 400)
    assert.equal(response.text, 'Invalid host header')
  })
})

describe('trustedHost(): what Brisk adds', () => {
  test('a wildcard covers subdomains only, and names compare without case or port', async () => {
    const app = hostApp({ allowedHosts: ['*.Example.com'] })
    const client = new TestClient(app)
    const status = async (host: string) => (await client.get('/', { headers: { host } })).status
    assert.equal(await status('api.example.com'), 200)
    assert.equal(await status('API.EXAMPLE.COM:8443'), 200)
    assert.equal(await status('a.b.example.com'), 200)
    assert.equal(await status('example.com'), 400)
    assert.equal(await status('evilexample.com'), 400)
    assert.equal(await status('example.com.evil.net'), 400)
  })

  test('IPv6 literals are matched with their brackets', async () => {
    const client = new TestClient(hostApp({ allowedHosts: ['[::1]', '127.0.0.1'] }))
    assert.equal((await client.get('/', { headers: { host: '[::1]:8000' } })).status, 200)
    assert.equal((await client.get('/', { headers: { host: '127.0.0.1:8000' } })).status, 200)
    assert.equal((await client.get('/', { headers: { host: '[::2]' } })).status, 400)
  })

  test('a Host that is not a plain host[:port] is a 400, even when it ends like an allowed one', async () => {
    const client = new TestClient(hostApp({ allowedHosts: ['testserver', '*.testserver'] }))
    for (const host of [
      'evil.com/.testserver',
      'evil.com?.testserver',
      'user@sub.testserver',
      'sub.testserver:80x',
      'sub testserver',
      'x'.repeat(300),
      '',
    ]) {
      const response = await client.get('/', { headers: { host } })
      assert.equal(response.status, 400, JSON.stringify(host))
      assert.equal(response.text, 'Invalid host header')
    }
  })

  test("allowedHosts ['*'] lets every host through", async () => {
    const response = await new TestClient(hostApp({ allowedHosts: ['*'] }), {
      baseUrl: 'http://anything',
    }).get('/')
    assert.equal(response.status, 200)
  })

  test('options are checked when the middleware is made', () => {
    assert.match(
      configError(() => trustedHost({ allowedHost: ['a'] } as never)),
      /"allowedHost".*"allowedHosts"/,
    )
    assert.match(
      configError(() => trustedHost(undefined as never)),
      /needs allowedHosts/,
    )
    assert.match(
      configError(() => trustedHost({ allowedHosts: [] })),
      /empty, which refuses every request/,
    )
    assert.match(
      configError(() => trustedHost({ allowedHosts: ['a.*.com'] })),
      /must be like '\*\.example\.com'/,
    )
    assert.match(
      configError(() => trustedHost({ allowedHosts: ['*example.com'] })),
      /must be like '\*\.example\.com'/,
    )
    assert.match(
      configError(() => trustedHost({ allowedHosts: ['example.com:8000'] })),
      /has a port.*"example\.com"/,
    )
    assert.match(
      configError(() => trustedHost({ allowedHosts: 'example.com' } as never)),
      /array of strings/,
    )
  })
})

describe("httpsRedirect(): Starlette's test_https_redirect.py", () => {
  test('https passes; http is a 307 to https, ports 80 and 443 dropped, others kept', async () => {
    const app = redirectApp()
    assert.equal((await new TestClient(app, { baseUrl: 'https://testserver' }).get('/')).status, 200)
    for (const [baseUrl, location] of [
      ['http://testserver', 'https://testserver/'],
      ['http://testserver:80', 'https://testserver/'],
      ['http://testserver:443', 'https://testserver/'],
      ['http://testserver:123', 'https://testserver:123/'],
    ] as const) {
      const response = await new TestClient(app, { baseUrl }).get('/', { followRedirects: false })
      assert.equal(response.status, 307, baseUrl)
      assert.equal(response.headers.get('location'), location, baseUrl)
    }
  })
})

describe('httpsRedirect(): what Brisk adds', () => {
  test('the path and query are kept, and a POST is redirected with 307 (method and body kept)', async () => {
    const client = new TestClient(redirectApp(), { followRedirects: false })
    const get = await client.get('/items/a%2Fb?x=1&y=%C3%A9')
    assert.equal(get.headers.get('location'), 'https://testserver/items/a%2Fb?x=1&y=%C3%A9')
    const post = await client.post('/orders', { json: { id: 1 } })
    assert.equal(post.status, 307)
    assert.equal(post.headers.get('location'), 'https://testserver/orders')
  })

  test('status: 308 for a permanent move', async () => {
    const client = new TestClient(redirectApp({ status: 308 }), { followRedirects: false })
    const response = await client.get('/')
    assert.equal(response.status, 308)
    assert.equal(response.headers.get('location'), 'https://testserver/')
  })

  test('X-Forwarded-Proto is ignored unless trustForwardedProto is on', async () => {
    const headers = { 'x-forwarded-proto': 'https' }
    const untrusting = new TestClient(redirectApp(), { followRedirects: false })
    assert.equal((await untrusting.get('/', { headers })).status, 307)

    const trusting = new TestClient(redirectApp({ trustForwardedProto: true }), { followRedirects: false })
    assert.equal((await trusting.get('/', { headers })).status, 200)
    assert.equal((await trusting.get('/', { headers: { 'x-forwarded-proto': 'HTTPS' } })).status, 200)
    assert.equal((await trusting.get('/')).status, 307)
    assert.equal((await trusting.get('/', { headers: { 'x-forwarded-proto': 'http' } })).status, 307)
    // The proxy appends the scheme it saw: a client's own `https` in front does not count.
    assert.equal((await trusting.get('/', { headers: { 'x-forwarded-proto': 'https, http' } })).status, 307)
  })

  test('a Host that is not a plain host[:port] gets 400, never a redirect elsewhere', async () => {
    const client = new TestClient(redirectApp(), { followRedirects: false })
    for (const host of ['evil.com/x', 'user@evil.com', 'a b', '']) {
      const response = await client.get('/', { headers: { host } })
      assert.equal(response.status, 400, JSON.stringify(host))
      assert.equal(response.text, 'Invalid host header')
      assert.equal(response.headers.get('location'), null)
    }
  })

  test('options are checked when the middleware is made', () => {
    assert.match(
      configError(() => httpsRedirect({ trustProxy: true } as never)),
      /"trustProxy".*"trustForwardedProto"/,
    )
    assert.match(
      configError(() => httpsRedirect({ status: 301 } as never)),
      /307 or 308/,
    )
    assert.match(
      configError(() => httpsRedirect({ trustForwardedProto: 1 } as never)),
      /true or false/,
    )
  })
})
