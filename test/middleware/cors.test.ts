// cors(): Starlette's tests/middleware/test_cors.py ported case by case (statuses, headers and
// bodies as Starlette answers them), then what Brisk adds: preflights never reach the route or its
// security, the wildcard-with-credentials refusal, option checks and hostile Origins.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { App, depends, HTTPBearer, type Middleware, TestClient, text } from '../../src/index.js'
import { type CorsOptions, cors } from '../../src/middleware/index.js'
import { configError } from '../errors/config-error-message.js'

/** Starlette's test app: `/` answers `Homepage`, with the given extra headers. */
function homepageApp(options: CorsOptions, headers?: Record<string, string>): TestClient {
  const app = new App()
  app.use(cors(options))
  app.get('/', () => text('Homepage', { headers }))
  return new TestClient(app)
}

const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']

describe("cors(): Starlette's test_cors.py", () => {
  test('allow all except credentials', async () => {
    const client = homepageApp({
      allowOrigins: ['*'],
      allowHeaders: ['*'],
      allowMethods: ['*'],
      exposeHeaders: ['X-Status'],
    })
    const preflight = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example',
      },
    })
    assert.equal(preflight.status, 200)
    assert.equal(preflight.text, 'OK')
    assert.equal(preflight.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*')
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'X-Example')
    assert.equal(preflight.headers.get('access-control-allow-methods'), ALL_METHODS.join(', '))
    assert.equal(preflight.headers.get('access-control-max-age'), '600')
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null)
    assert.equal(preflight.headers.get('vary'), null)

    const simple = await client.get('/', { headers: { Origin: 'https://example.org' } })
    assert.equal(simple.status, 200)
    assert.equal(simple.text, 'Homepage')
    assert.equal(simple.headers.get('access-control-allow-origin'), '*')
    assert.equal(simple.headers.get('access-control-expose-headers'), 'X-Status')
    assert.equal(simple.headers.get('access-control-allow-credentials'), null)

    const plain = await client.get('/')
    assert.equal(plain.text, 'Homepage')
    assert.equal(plain.headers.get('access-control-allow-origin'), null)
  })

  test('allow a specific origin', async () => {
    const client = homepageApp({
      allowOrigins: ['https://example.org'],
      allowHeaders: ['X-Example', 'Content-Type'],
    })
    const preflight = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example, Content-Type',
      },
    })
    assert.equal(preflight.status, 200)
    assert.equal(preflight.text, 'OK')
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://example.org')
    assert.equal(
      preflight.headers.get('access-control-allow-headers'),
      'Accept, Accept-Language, Content-Language, Content-Type, X-Example',
    )
    assert.equal(preflight.headers.get('access-control-allow-credentials'), null)
    assert.equal(preflight.headers.get('vary'), 'Origin')

    const simple = await client.get('/', { headers: { Origin: 'https://example.org' } })
    assert.equal(simple.text, 'Homepage')
    assert.equal(simple.headers.get('access-control-allow-origin'), 'https://example.org')
    assert.equal(simple.headers.get('access-control-allow-credentials'), null)

    const plain = await client.get('/')
    assert.equal(plain.headers.get('access-control-allow-origin'), null)
  })

  test('a disallowed preflight is a 400 naming what failed, without Access-Control-Allow-Origin', async () => {
    const app = new App()
    app.use(cors({ allowOrigins: ['https://example.org'], allowHeaders: ['X-Example'] }))
    app.get('/', () => assert.fail('the route ran'))
    const client = new TestClient(app)
    const refused = await client.options('/', {
      headers: {
        Origin: 'https://another.org',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'X-Nope',
      },
    })
    assert.equal(refused.status, 400)
    assert.equal(refused.text, 'Disallowed CORS origin, method, headers')
    assert.equal(refused.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(refused.headers.get('access-control-allow-origin'), null)

    // Starlette PR #1199: several disallowed headers are named once.
    const headers = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Nope-1, X-Nope-2',
      },
    })
    assert.equal(headers.text, 'Disallowed CORS headers')
  })

  test('allowMethods ["*"] lists all seven methods', async () => {
    const client = homepageApp({ allowOrigins: ['*'], allowMethods: ['*'] })
    const preflight = await client.options('/', {
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST' },
    })
    assert.equal(preflight.status, 200)
    for (const method of ALL_METHODS) {
      assert.ok(preflight.headers.get('access-control-allow-methods')?.includes(method), method)
    }
  })

  test('every method of a route still answers with allowMethods ["*"]', async () => {
    const app = new App()
    app.use(cors({ allowOrigins: ['*'], allowMethods: ['*'] }))
    for (const method of ['delete', 'get', 'options', 'patch', 'post', 'put'] as const) {
      app[method]('/', () => text('Homepage'))
    }
    const client = new TestClient(app)
    const headers = { Origin: 'https://example.org' }
    for (const method of ['patch', 'post', 'put'] as const) {
      assert.equal((await client[method]('/', { headers, json: {} })).status, 200, method)
    }
    for (const method of ['delete', 'get', 'head', 'options'] as const) {
      assert.equal((await client[method]('/', { headers })).status, 200, method)
    }
  })

  test('allowOriginRegex with credentials', async () => {
    const client = homepageApp({
      allowHeaders: ['X-Example', 'Content-Type'],
      allowOriginRegex: 'https://.*',
      allowCredentials: true,
    })
    const simple = await client.get('/', { headers: { Origin: 'https://example.org' } })
    assert.equal(simple.text, 'Homepage')
    assert.equal(simple.headers.get('access-control-allow-origin'), 'https://example.org')
    assert.equal(simple.headers.get('access-control-allow-credentials'), 'true')

    const withCookie = await client.get('/', {
      headers: { Origin: 'https://example.org', Cookie: 'star_cookie=sugar' },
    })
    assert.equal(withCookie.headers.get('access-control-allow-origin'), 'https://example.org')
    assert.equal(withCookie.headers.get('access-control-allow-credentials'), 'true')

    // Enforcement is the browser's: a disallowed origin still gets the page, without the header.
    const disallowed = await client.get('/', { headers: { Origin: 'http://example.org' } })
    assert.equal(disallowed.status, 200)
    assert.equal(disallowed.text, 'Homepage')
    assert.equal(disallowed.headers.get('access-control-allow-origin'), null)

    const preflight = await client.options('/', {
      headers: {
        Origin: 'https://another.com',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example, content-type',
      },
    })
    assert.equal(preflight.status, 200)
    assert.equal(preflight.text, 'OK')
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://another.com')
    assert.equal(
      preflight.headers.get('access-control-allow-headers'),
      'Accept, Accept-Language, Content-Language, Content-Type, X-Example',
    )
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true')

    const refused = await client.options('/', {
      headers: {
        Origin: 'http://another.com',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'X-Example',
      },
    })
    assert.equal(refused.status, 400)
    assert.equal(refused.text, 'Disallowed CORS origin')
    assert.equal(refused.headers.get('access-control-allow-origin'), null)
  })

  test('allowOriginRegex must match the whole Origin (Starlette PR #801)', async () => {
    for (const allowOriginRegex of ['https://.*\\.example.org', /https:\/\/.*\.example\.org/g]) {
      const client = homepageApp({ allowHeaders: ['X-Example', 'Content-Type'], allowOriginRegex })
      const sub = await client.get('/', { headers: { Origin: 'https://subdomain.example.org' } })
      assert.equal(sub.headers.get('access-control-allow-origin'), 'https://subdomain.example.org')
      assert.equal(sub.headers.get('access-control-allow-credentials'), null)
      // Twice: a `g` flag would otherwise make the second test start where the first stopped.
      const again = await client.get('/', { headers: { Origin: 'https://subdomain.example.org' } })
      assert.equal(again.headers.get('access-control-allow-origin'), 'https://subdomain.example.org')
      const evil = await client.get('/', { headers: { Origin: 'https://subdomain.example.org.hacker.com' } })
      assert.equal(evil.text, 'Homepage')
      assert.equal(evil.headers.get('access-control-allow-origin'), null)
    }
  })

  test('a request with cookies gets its origin echoed rather than *, without credentials', async () => {
    const client = homepageApp({ allowOrigins: ['*'] })
    const response = await client.get('/', {
      headers: { Origin: 'https://example.org', Cookie: 'star_cookie=sugar' },
    })
    assert.equal(response.text, 'Homepage')
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://example.org')
    assert.equal(response.headers.get('access-control-allow-credentials'), null)
    assert.equal(response.headers.get('vary'), 'Origin')
  })

  test('Vary: Origin for a listed origin', async () => {
    const client = homepageApp({ allowOrigins: ['https://example.org'] })
    const response = await client.get('/', { headers: { Origin: 'https://example.org' } })
    assert.equal(response.headers.get('vary'), 'Origin')
  })

  test("the route's own Vary is kept: untouched for *, Origin added when the origin is echoed", async () => {
    const vary = { Vary: 'Accept-Encoding' }
    const wildcard = homepageApp({ allowOrigins: ['*'] }, vary)
    const star = await wildcard.get('/', { headers: { Origin: 'https://someplace.org' } })
    assert.equal(star.headers.get('vary'), 'Accept-Encoding')
    const cookie = await wildcard.get('/', {
      headers: { Cookie: 'foo=bar', Origin: 'https://someplace.org' },
    })
    assert.equal(cookie.headers.get('vary'), 'Accept-Encoding, Origin')

    const listed = homepageApp({ allowOrigins: ['https://example.org'] }, vary)
    const echoed = await listed.get('/', { headers: { Origin: 'https://example.org' } })
    assert.equal(echoed.headers.get('vary'), 'Accept-Encoding, Origin')
  })

  test('the echoed origin of one request does not leak into the next', async () => {
    const client = homepageApp({ allowOrigins: ['*'], allowHeaders: ['*'], allowMethods: ['*'] })
    const headers = { Origin: 'https://someplace.org' }
    assert.equal((await client.get('/', { headers })).headers.get('access-control-allow-origin'), '*')
    const cookie = await client.get('/', { headers: { ...headers, Cookie: 'foo=bar' } })
    assert.equal(cookie.headers.get('access-control-allow-origin'), 'https://someplace.org')
    assert.equal(cookie.headers.get('access-control-allow-credentials'), null)
    assert.equal((await client.get('/', { headers })).headers.get('access-control-allow-origin'), '*')
  })
})

describe('cors(): what Brisk adds', () => {
  test('a preflight runs neither the route nor its security dependencies, nor inner middleware', async () => {
    const ran: string[] = []
    const app = new App()
    app.use(
      cors({
        allowOrigins: ['https://shop.example'],
        allowMethods: ['DELETE'],
        allowHeaders: ['Authorization'],
      }),
    )
    const inner: Middleware = (_ctx, next) => {
      ran.push('inner middleware')
      return next()
    }
    app.use(inner)
    const bearer = new HTTPBearer()
    const user = depends({ credentials: bearer }, ({ credentials }) => {
      ran.push('security')
      return credentials
    })
    app.delete('/items/{id}', { deps: { user } }, () => {
      ran.push('route')
      return null
    })
    const client = new TestClient(app)
    const preflight = await client.options('/items/1', {
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'DELETE',
        'Access-Control-Request-Headers': 'authorization',
      },
    })
    assert.equal(preflight.status, 200)
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example')
    assert.deepEqual(ran, [])

    // Without the preflight headers an OPTIONS is an ordinary request: no OPTIONS route, 405.
    const plain = await client.options('/items/1', { headers: { Origin: 'https://shop.example' } })
    assert.equal(plain.status, 405)
    assert.equal(plain.headers.get('access-control-allow-origin'), 'https://shop.example')
  })

  test('handled errors (401, 404, 422) carry the CORS headers, so the browser can read them', async () => {
    const app = new App()
    app.use(cors({ allowOrigins: ['https://shop.example'] }))
    app.get('/me', { deps: { token: new HTTPBearer() } }, () => 'me')
    const client = new TestClient(app)
    const headers = { Origin: 'https://shop.example' }
    for (const path of ['/me', '/missing']) {
      const response = await client.get(path, { headers })
      assert.ok(
        response.status === 403 || response.status === 401 || response.status === 404,
        String(response.status),
      )
      assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example')
      assert.equal(response.headers.get('vary'), 'Origin')
    }
  })

  test("an Origin of 'null' (sandboxed frames, file: pages) is allowed only when listed", async () => {
    const client = homepageApp({ allowOrigins: ['https://example.org'] })
    const simple = await client.get('/', { headers: { Origin: 'null' } })
    assert.equal(simple.status, 200)
    assert.equal(simple.headers.get('access-control-allow-origin'), null)
    const preflight = await client.options('/', {
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'GET' },
    })
    assert.equal(preflight.status, 400)
    assert.equal(preflight.text, 'Disallowed CORS origin')

    const listed = homepageApp({ allowOrigins: ['null'] })
    const allowed = await listed.get('/', { headers: { Origin: 'null' } })
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'null')
  })

  test('hostile preflight headers get a 400 quickly, never a 500', async () => {
    const client = homepageApp({ allowOrigins: ['https://example.org'], allowHeaders: ['X-Example'] })
    const started = performance.now()
    const spaces = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': `x-example${' '.repeat(200_000)}x`,
      },
    })
    assert.equal(spaces.status, 400)
    assert.equal(spaces.text, 'Disallowed CORS headers')
    const commas = await client.options('/', {
      headers: {
        Origin: 'https://example.org',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': ','.repeat(100_000),
      },
    })
    assert.equal(commas.status, 400)
    assert.ok(performance.now() - started < 2000, 'linear in the header size')
    const lowercaseMethod = await client.options('/', {
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'get' },
    })
    assert.equal(lowercaseMethod.text, 'Disallowed CORS method')
  })

  test('allowOrigins ["*"] with allowCredentials is refused when the middleware is made', () => {
    const message = configError(() => cors({ allowOrigins: ['*'], allowCredentials: true }))
    assert.match(message, /allowOrigins \['\*'\] and allowCredentials/)
    assert.match(message, /List the origins/)
  })

  test('options are checked when the middleware is made', () => {
    assert.match(
      configError(() => cors({ allowOrigin: ['*'] } as never)),
      /Unknown option "allowOrigin".*"allowOrigins"/,
    )
    assert.match(
      configError(() => cors({ allowOrigins: 'https://a.example' } as never)),
      /array of strings.*write \["https:\/\/a\.example"\]/,
    )
    assert.match(
      configError(() => cors()),
      /allows no origin/,
    )
    assert.match(
      configError(() => cors({ allowOrigins: [] })),
      /allows no origin/,
    )
    assert.match(
      configError(() => cors({ allowOriginRegex: '(' })),
      /not a valid pattern/,
    )
    assert.match(
      configError(() => cors({ allowOrigins: ['*'], maxAge: -1 })),
      /maxAge.*whole number/,
    )
    assert.match(
      configError(() => cors({ allowOrigins: ['*'], maxAge: Number.NaN })),
      /maxAge/,
    )
    assert.match(
      configError(() => cors({ allowOrigins: ['*'], allowCredentials: 'yes' } as never)),
      /true or false/,
    )
    assert.match(
      configError(() => cors({ allowOrigins: ['https://shop.example/'] })),
      /has a path.*write "https:\/\/shop\.example"/,
    )
  })

  test('maxAge and exposeHeaders reach the headers', async () => {
    const client = homepageApp({
      allowOrigins: ['https://a.example'],
      maxAge: 0,
      exposeHeaders: ['X-A', 'X-B'],
    })
    const preflight = await client.options('/', {
      headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': 'GET' },
    })
    assert.equal(preflight.headers.get('access-control-max-age'), '0')
    const simple = await client.get('/', { headers: { Origin: 'https://a.example' } })
    assert.equal(simple.headers.get('access-control-expose-headers'), 'X-A, X-B')
  })
})
