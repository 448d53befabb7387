// app.mount with Brisk apps: Starlette's mount tests (tests/test_routing.py: test_router,
// test_mount_urls, the trailing-slash redirects inside a mount) with FastAPI's JSON bodies, and
// Brisk's own rules: registration checks, match order, whose middleware and handlers run.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, ConfigError, HTTPException, json, silentLogger, TestClient } from '../../src/index.js'

/** Starlette's test_router app: a homepage, a users app mounted at /users, a fetch handler at /static. */
function starletteApp() {
  const users = new App({ logger: silentLogger })
  users.get('/', () => new Response('All users'))
  users.get('/me', () => new Response('User fixed me'))
  users.get(
    '/{username}',
    { path: { username: z.string() } },
    ({ path }) => new Response(`User ${path.username}`),
  )
  users.put(
    '/{username}:disable',
    { path: { username: z.string() } },
    ({ path }) => new Response(`User ${path.username} disabled`),
  )
  users.get('/nomatch', () => new Response('User nomatch'))
  const app = new App({ logger: silentLogger })
  app.get('/', () => new Response('Hello, world'))
  app.mount('/users', users)
  app.mount('/static', () => new Response('xxxxx', { headers: { 'content-type': 'image/png' } }))
  return app
}

describe("Starlette's router with mounts", () => {
  const client = new TestClient(starletteApp())

  test('routes of the parent, 405 with Allow, 404', async () => {
    assert.equal((await client.get('/')).text, 'Hello, world')
    const post = await client.post('/')
    assert.equal(post.status, 405)
    assert.deepEqual(post.json(), { detail: 'Method Not Allowed' })
    assert.equal(post.headers.get('allow'), 'GET, HEAD')
    const missing = await client.get('/foo')
    assert.equal(missing.status, 404)
    assert.deepEqual(missing.json(), { detail: 'Not Found' })
  })

  test('the mounted app routes what follows the prefix', async () => {
    const all = await client.get('/users')
    assert.equal(all.status, 200)
    assert.equal(all.url, 'http://testserver/users/')
    assert.equal(all.text, 'All users')
    assert.equal((await client.get('/users/tomchristie')).text, 'User tomchristie')
    assert.equal((await client.get('/users/me')).text, 'User fixed me')
    assert.equal((await client.get('/users/nomatch')).text, 'User nomatch')
    assert.equal((await client.put('/users/tomchristie:disable')).text, 'User tomchristie disabled')
  })

  test('a trailing-slash redirect inside the mount keeps the prefix', async () => {
    const res = await client.get('/users/tomchristie/', { followRedirects: false })
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/users/tomchristie')
    const followed = await client.get('/users/tomchristie/?x=1')
    assert.equal(followed.url, 'http://testserver/users/tomchristie?x=1')
    assert.equal(followed.text, 'User tomchristie')
  })

  test("404 and 405 inside the mount are the mounted app's", async () => {
    const missing = await client.get('/users/a/b')
    assert.equal(missing.status, 404)
    assert.deepEqual(missing.json(), { detail: 'Not Found' })
    const wrong = await client.delete('/users/me')
    assert.equal(wrong.status, 405)
    assert.equal(wrong.headers.get('allow'), 'GET, HEAD')
  })

  test('a fetch handler answers every method and path under its prefix', async () => {
    const res = await client.get('/static/123')
    assert.equal(res.status, 200)
    assert.equal(res.text, 'xxxxx')
    assert.equal(res.headers.get('content-type'), 'image/png')
    assert.equal((await client.post('/static/a/b')).text, 'xxxxx')
  })
})

describe("Starlette's mount URLs", () => {
  const ok = new App()
  ok.get('/', () => new Response('OK'))
  ok.get('/a', () => new Response('OK'))
  const app = new App()
  app.mount('/users', ok)
  const client = new TestClient(app)

  test('the bare prefix redirects to prefix/, a longer segment is not the prefix', async () => {
    const bare = await client.get('/users', { followRedirects: false })
    assert.equal(bare.status, 307)
    assert.equal(bare.headers.get('location'), '/users/')
    assert.equal((await client.get('/users')).url, 'http://testserver/users/')
    assert.equal((await client.get('/users/')).status, 200)
    assert.equal((await client.get('/users/a')).status, 200)
    assert.equal((await client.get('/usersa')).status, 404)
  })

  test('the redirect keeps the query string; without redirectSlashes the bare prefix is a 404', async () => {
    const res = await client.get('/users?page=2', { followRedirects: false })
    assert.equal(res.headers.get('location'), '/users/?page=2')
    const strict = new App({ redirectSlashes: false })
    strict.mount(
      '/users',
      (() => {
        const inner = new App()
        inner.get('/', () => 'ok')
        return inner
      })(),
    )
    assert.equal((await new TestClient(strict).get('/users')).status, 404)
  })

  test('a mount at "/" takes every path no earlier route took', async () => {
    const site = new App()
    site.get('/api/health', () => ({ ok: true }))
    site.mount('/', (request) => new Response(`page ${new URL(request.url).pathname}`))
    const c = new TestClient(site)
    assert.deepEqual((await c.get('/api/health')).json(), { ok: true })
    assert.equal((await c.get('/')).text, 'page /')
    assert.equal((await c.get('/about/team')).text, 'page /about/team')
    // The parent's docs routes come first, as FastAPI adds them when the app is made.
    assert.equal((await c.get('/openapi.json')).status, 200)
  })
})

describe('what a mounted app sees', () => {
  test('its root path: the handler, ctx.rootPath in its middleware, the request URL', async () => {
    const child = new App()
    child.use(async (ctx, next) => {
      const reply = await next()
      reply.headers.set('x-seen', `${ctx.rootPath} ${ctx.path}`)
      return reply
    })
    child.get('/where', ({ rootPath, request }) => ({ rootPath, url: request.url }))
    const app = new App({ rootPath: '/proxy' })
    app.mount('/child', child)
    const res = await new TestClient(app).get('/proxy/child/where?q=1')
    assert.deepEqual(res.json(), { rootPath: '/proxy/child', url: 'http://testserver/proxy/child/where?q=1' })
    assert.equal(res.headers.get('x-seen'), '/proxy/child /where')
  })

  test("the parent's middleware runs around it; the parent's exception handlers do not", async () => {
    const order: string[] = []
    const child = new App()
    child.use(async (_ctx, next) => {
      order.push('child middleware')
      return next()
    })
    child.get('/boom', () => {
      throw new HTTPException(418, 'child teapot')
    })
    const app = new App()
    app.use(async (ctx, next) => {
      order.push(`parent middleware ${ctx.rootPath}|${ctx.path}`)
      const reply = await next()
      reply.headers.set('x-parent', 'yes')
      return reply
    })
    app.exceptionHandler(418, () => json({ parent: true }, { status: 418 }))
    app.exceptionHandler(404, () => json({ parent: 'not found' }, { status: 404 }))
    app.mount('/child', child)
    const client = new TestClient(app)
    const res = await client.get('/child/boom')
    assert.equal(res.status, 418)
    assert.deepEqual(res.json(), { detail: 'child teapot' })
    assert.equal(res.headers.get('x-parent'), 'yes')
    assert.deepEqual(order, ['parent middleware |/child/boom', 'child middleware'])
    // A miss inside the mount is the child's plain 404; a miss outside it is the parent's own.
    assert.deepEqual((await client.get('/child/nothing')).json(), { detail: 'Not Found' })
    assert.deepEqual((await client.get('/nothing')).json(), { parent: 'not found' })
  })

  test('its own limits, validation and background tasks', async () => {
    const ran: string[] = []
    const child = new App({ bodyLimit: 16 })
    child.post('/items', { body: z.object({ name: z.string() }) }, ({ body, background }) => {
      background.add(() => {
        ran.push(body.name)
      })
      return body
    })
    const app = new App()
    app.mount('/child', child)
    const client = new TestClient(app)
    assert.equal((await client.post('/child/items', { json: { name: 'a' } })).status, 200)
    assert.deepEqual(ran, ['a'])
    assert.equal((await client.post('/child/items', { json: { name: 'far too long' } })).status, 413)
    const invalid = await client.post('/child/items', { json: { name: 1 } })
    assert.equal(invalid.status, 422)
    assert.deepEqual((invalid.json() as { detail: { loc: unknown }[] }).detail[0]!.loc, ['body', 'name'])
  })

  test('an unhandled error inside it is its 500, reported to the test client', async () => {
    const child = new App({ logger: silentLogger })
    child.get('/crash', () => {
      throw new Error('child crashed')
    })
    const app = new App({ logger: silentLogger })
    app.mount('/child', child)
    await assert.rejects(new TestClient(app).get('/child/crash'), /child crashed/)
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/child/crash')
    assert.equal(res.status, 500)
    assert.equal(res.text, 'Internal Server Error')
  })
})

describe('match order: routes and mounts in registration order, first match wins', () => {
  test('a route before the mount wins, one after it under the prefix is never reached', async () => {
    const child = new App()
    child.get('/x', () => 'child')
    child.get('/y', () => 'child')
    // Without the opt-out, '/sub/y' after the mount is a ConfigError (duplicate-routes.test.ts).
    const app = new App({ allowDuplicateRoutes: true })
    app.get('/sub/x', () => 'parent before')
    app.mount('/sub', child)
    app.get('/sub/y', () => 'parent after')
    app.get('/sub', () => 'parent bare')
    const client = new TestClient(app)
    assert.equal((await client.get('/sub/x')).json(), 'parent before')
    assert.equal((await client.get('/sub/y')).json(), 'child')
    // The bare prefix is not the mount's: a route on it answers.
    assert.equal((await client.get('/sub')).json(), 'parent bare')
  })

  test('a mount takes HEAD and every method, and routes after it keep their 405 elsewhere', async () => {
    const child = new App()
    child.get('/page', () => 'page')
    const app = new App()
    app.mount('/sub', child)
    const client = new TestClient(app)
    const head = await client.head('/sub/page')
    assert.equal(head.status, 200)
    assert.equal(head.text, '')
  })

  test('nested mounts: an app in an app in an app', async () => {
    const leaf = new App({ title: 'Leaf' })
    leaf.get('/hello', ({ rootPath }) => ({ rootPath }))
    const middle = new App({ title: 'Middle' })
    middle.mount('/leaf', leaf)
    const top = new App({ rootPath: '/edge' })
    top.mount('/middle', middle)
    const client = new TestClient(top)
    assert.deepEqual((await client.get('/edge/middle/leaf/hello')).json(), { rootPath: '/edge/middle/leaf' })
    const document = (await client.get('/edge/middle/leaf/openapi.json')).json() as Record<string, unknown>
    assert.deepEqual(document.servers, [{ url: '/edge/middle/leaf' }])
    assert.deepEqual(Object.keys(document.paths as object), ['/hello'])
    assert.deepEqual(((await client.get('/edge/middle/openapi.json')).json() as { paths: object }).paths, {})
    assert.equal(
      (await client.get('/edge/middle/leaf', { followRedirects: false })).headers.get('location'),
      '/edge/middle/leaf/',
    )
  })

  test('a mount added after the app served requests is served from then on', async () => {
    const app = new App()
    const client = new TestClient(app)
    assert.equal((await client.get('/late/x')).status, 404)
    app.mount('/late', () => new Response('here'))
    assert.equal((await client.get('/late/x')).text, 'here')
  })
})

describe('mounts are checked when registered', () => {
  const target = () => new Response('ok')

  for (const prefix of [
    '',
    'static',
    '/static/',
    '//static',
    '/a//b',
    '/a/./b',
    '/a/..',
    '/files/{name}',
    '/a%20b',
    '/a b',
    '/a?b',
    '/a\\b',
  ]) {
    test(`the prefix ${JSON.stringify(prefix)} is refused`, () => {
      assert.throws(() => new App().mount(prefix, target), ConfigError)
    })
  }

  test('a prefix mounted twice, under an earlier one, or after "/" clashes', () => {
    const app = new App()
    app.mount('/a', target)
    assert.throws(() => app.mount('/a', target), /mounted twice/)
    assert.throws(() => app.mount('/a/b', target), /lies under "\/a"/)
    app.mount('/ab', target)
    app.mount('/', target)
    assert.throws(() => app.mount('/c', target), /"\/" is mounted earlier/)
  })

  test('an app mounted in itself, in its own descendant, or twice is refused', () => {
    const app = new App()
    assert.throws(() => app.mount('/self', app), /in itself/)
    const child = new App()
    const grandchild = new App()
    app.mount('/child', child)
    child.mount('/grand', grandchild)
    assert.throws(() => grandchild.mount('/up', app), /loop/)
    assert.throws(() => new App().mount('/again', child), /already mounted/)
    assert.throws(() => app.mount('/again', child), /already mounted/)
  })

  test('a mounted app with its own rootPath, or a target that serves nothing, is refused', () => {
    assert.throws(() => new App().mount('/x', new App({ rootPath: '/y' })), /rootPath "\/y"/)
    assert.throws(() => new App().mount('/x', {} as never), /takes a Brisk App, a fetch handler/)
    assert.throws(() => new App().mount('/x', 'app' as never), ConfigError)
  })

  test('a ConfigError in a mounted app stops the parent starting, before any lifespan runs', async () => {
    const started: string[] = []
    const child = new App({
      lifespan: {
        startup: () => {
          started.push('child')
          return {}
        },
      },
    })
    child.get('/a', () => 'a')
    child.get('/a', () => 'again')
    const app = new App({
      lifespan: {
        startup: () => {
          started.push('parent')
          return {}
        },
      },
    })
    app.mount('/child', child)
    await assert.rejects(TestClient.start(app), ConfigError)
    assert.deepEqual(started, [])
  })
})
