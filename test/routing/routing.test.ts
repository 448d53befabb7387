// Routing semantics (FASTAPI-CONTRACT §1.1, §2.2, §2.3, §1.14, §4 rows 1 and 10).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { runtimeOf } from '../../src/app-runtime.js'
import { App, ConfigError, Router, TestClient } from '../../src/index.js'

describe('first match wins', () => {
  test('/users/me declared before /users/{user_id}', async () => {
    const app = new App()
    app.get('/users/me', () => ({ user_id: 'the current user' }))
    app.get('/users/{user_id}', { path: { user_id: z.string() } }, ({ path }) => ({ user_id: path.user_id }))
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/users/me')).json(), { user_id: 'the current user' })
    assert.deepEqual((await client.get('/users/foo')).json(), { user_id: 'foo' })
  })

  test('/users/{user_id} declared first catches /users/me', async () => {
    const app = new App()
    app.get('/users/{user_id}', { path: { user_id: z.string() } }, ({ path }) => ({ user_id: path.user_id }))
    app.get('/users/me', () => ({ user_id: 'the current user' }))
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/users/me')).json(), { user_id: 'me' })
  })

  test('a path match with the wrong method does not stop a later full match', async () => {
    const app = new App()
    app.post('/things/{id}', () => ({ which: 'post' }))
    app.get('/things/{id}', () => ({ which: 'get' }))
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/things/1')).json(), { which: 'get' })
    assert.deepEqual((await client.post('/things/1')).json(), { which: 'post' })
  })

  test('405 names the methods of the first partial match only', async () => {
    const app = new App()
    app.post('/only/{id}', () => 'a')
    app.put('/only/{id}', () => 'b')
    const res = await new TestClient(app).delete('/only/1')
    assert.equal(res.status, 405)
    assert.equal(res.headers.get('allow'), 'POST')
  })
})

describe('404 and 405', () => {
  const app = new App()
  app.get('/items/', () => [])
  app.post('/create', () => ({}))
  const client = new TestClient(app)

  test('404 is exactly {"detail":"Not Found"}', async () => {
    const res = await client.get('/nope')
    assert.equal(res.status, 404)
    assert.equal(res.text, '{"detail":"Not Found"}')
    assert.equal(res.content.length, 22)
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.equal(res.headers.get('content-length'), '22')
  })

  test('405 with Allow', async () => {
    const res = await client.get('/create')
    assert.equal(res.status, 405)
    assert.deepEqual(res.json(), { detail: 'Method Not Allowed' })
    assert.equal(res.headers.get('allow'), 'POST')
    assert.equal(res.headers.get('content-type'), 'application/json')
  })

  test('405 for a GET route lists HEAD too (auto-HEAD)', async () => {
    const res = await client.delete('/items/')
    assert.equal(res.status, 405)
    assert.equal(res.headers.get('allow'), 'GET, HEAD')
  })

  test('OPTIONS without a route is a 405', async () => {
    const res = await client.options('/items/')
    assert.equal(res.status, 405)
  })

  test('an unknown method on a known path is a 405', async () => {
    const res = await client.request('PURGE', '/items/')
    assert.equal(res.status, 405)
    assert.equal(res.headers.get('allow'), 'GET, HEAD')
  })
})

describe('automatic HEAD', () => {
  const app = new App()
  app.get('/hello', ({ response }) => {
    response.headers.set('x-custom', 'yes')
    return { hello: 'world' }
  })
  app.get('/explicit', () => ({ from: 'get' }))
  app.head('/explicit', ({ response }) => {
    response.headers.set('x-from', 'head')
    return null
  })
  app.get('/items/{id}', ({ path }) => ({ id: path.id }))
  const client = new TestClient(app)

  test('HEAD on a GET route: same headers, no body', async () => {
    const get = await client.get('/hello')
    const head = await client.head('/hello')
    assert.equal(head.status, 200)
    assert.equal(head.text, '')
    assert.equal(head.headers.get('content-type'), 'application/json')
    assert.equal(head.headers.get('x-custom'), 'yes')
    assert.equal(head.headers.get('content-length'), get.headers.get('content-length'))
  })

  test('HEAD on a parameterised GET route', async () => {
    const head = await client.head('/items/5')
    assert.equal(head.status, 200)
    assert.equal(head.text, '')
  })

  test('an explicit HEAD route wins over the GET fallback', async () => {
    const head = await client.head('/explicit')
    assert.equal(head.status, 200)
    assert.equal(head.headers.get('x-from'), 'head')
    const get = await client.get('/explicit')
    assert.deepEqual(get.json(), { from: 'get' })
  })

  test('HEAD on an unknown path is 404 without a body', async () => {
    const head = await client.head('/nope')
    assert.equal(head.status, 404)
    assert.equal(head.text, '')
  })
})

describe('multi-method routes', () => {
  const app = new App()
  app.route(['GET', 'POST'], '/ping', ({ ctx }) => ({ method: ctx.method }))
  const client = new TestClient(app)

  test('each declared method answers', async () => {
    assert.deepEqual((await client.get('/ping')).json(), { method: 'GET' })
    assert.deepEqual((await client.post('/ping')).json(), { method: 'POST' })
  })

  test('other methods get a 405 listing them', async () => {
    const res = await client.put('/ping')
    assert.equal(res.status, 405)
    assert.deepEqual(new Set(res.headers.get('allow')?.split(', ')), new Set(['GET', 'POST', 'HEAD']))
  })

  test('an unknown method is refused at registration', () => {
    assert.throws(() => app.route(['FETCH' as never], '/x', () => null), ConfigError)
    assert.throws(() => app.route([], '/x', () => null), ConfigError)
  })
})

describe('{name:path} templates', () => {
  const app = new App()
  app.get('/files/{file_path:path}', { path: { file_path: z.string() } }, ({ path }) => ({
    file_path: path.file_path,
  }))
  app.get('/users/{user_id}/files/{rest:path}', ({ path }) => ({ user_id: path.user_id, rest: path.rest }))
  app.get('/explicit/{name:str}', ({ path }) => ({ name: path.name }))
  const client = new TestClient(app)

  test('matches the rest of the path', async () => {
    assert.deepEqual((await client.get('/files/home/johndoe/myfile.txt')).json(), {
      file_path: 'home/johndoe/myfile.txt',
    })
  })

  test('keeps a leading slash (FastAPI path_params tutorial004)', async () => {
    assert.deepEqual((await client.get('/files//home/johndoe/myfile.txt')).json(), {
      file_path: '/home/johndoe/myfile.txt',
    })
  })

  test('after another parameter', async () => {
    assert.deepEqual((await client.get('/users/7/files/a/b/c')).json(), { user_id: '7', rest: 'a/b/c' })
  })

  test('a {name} parameter never spans a slash', async () => {
    assert.equal((await client.get('/explicit/a/b')).status, 404)
    assert.deepEqual((await client.get('/explicit/a')).json(), { name: 'a' })
  })

  test('parameters are percent-decoded', async () => {
    assert.deepEqual((await client.get('/explicit/caf%C3%A9%20x')).json(), { name: 'café x' })
  })
})

describe('trailing-slash redirects', () => {
  const app = new App()
  app.get('/items/', ({ query }) => ({ at: 'items/', q: query.q ?? null }))
  app.get('/things', () => ({ at: 'things' }))
  app.post('/posts/', () => ({ at: 'posts/' }))

  test('followed by default, keeping the query string', async () => {
    const res = await new TestClient(app).get('/items?q=1')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { at: 'items/', q: '1' })
    assert.equal(res.history.length, 1)
    assert.equal(res.history[0]!.status, 307)
  })

  test('307 with a relative Location and no body', async () => {
    const client = new TestClient(app, { followRedirects: false })
    const res = await client.get('/items?q=1&r=a%20b')
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/items/?q=1&r=a%20b')
    assert.equal(res.text, '')
  })

  test('the slash is removed too', async () => {
    const client = new TestClient(app, { followRedirects: false })
    const res = await client.get('/things/')
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/things')
  })

  test('redirects even when only the method differs (as Starlette)', async () => {
    const client = new TestClient(app, { followRedirects: false })
    const res = await client.get('/posts')
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/posts/')
  })

  test('POST is redirected with 307 and re-sent as POST', async () => {
    const res = await new TestClient(app).post('/posts')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { at: 'posts/' })
  })

  test('never to a protocol-relative location', async () => {
    const res = await new TestClient(app, { followRedirects: false }).get('//items')
    assert.equal(res.status, 404)
  })

  test('redirectSlashes: false gives 404', async () => {
    const strict = new App({ redirectSlashes: false })
    strict.get('/items/', () => [])
    const res = await new TestClient(strict).get('/items')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), { detail: 'Not Found' })
  })
})

describe('rootPath', () => {
  const app = new App({ rootPath: '/api/v1' })
  app.get('/app', ({ ctx }) => ({ path: ctx.path, url: ctx.url }))
  app.get('/', () => ({ root: true }))
  app.get('/dir/', () => ({ dir: true }))

  test('the prefix is stripped before routing', async () => {
    const res = await new TestClient(app).get('/api/v1/app?x=1')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { path: '/app', url: '/api/v1/app?x=1' })
  })

  test('the exact root path is /', async () => {
    assert.deepEqual((await new TestClient(app).get('/api/v1')).json(), { root: true })
  })

  test('a path without the prefix is routed as is (Starlette get_route_path)', async () => {
    assert.deepEqual((await new TestClient(app).get('/app')).json(), { path: '/app', url: '/app' })
  })

  test('a longer segment is not the prefix', async () => {
    assert.equal((await new TestClient(app).get('/api/v10/app')).status, 404)
  })

  test('slash redirects keep the prefix', async () => {
    const res = await new TestClient(app, { followRedirects: false }).get('/api/v1/dir')
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), '/api/v1/dir/')
  })

  test('a bad rootPath is a ConfigError', () => {
    assert.throws(() => new App({ rootPath: 'api' }), ConfigError)
    assert.throws(() => new App({ rootPath: '/api/' }), ConfigError)
  })
})

describe('routers', () => {
  test('prefixes and tags nest', async () => {
    const app = new App()
    const inner = new Router({ prefix: '/inner', tags: ['inner'] })
    inner.get('/leaf', { tags: ['leaf'] }, () => ({ leaf: true }))
    const outer = new Router({ prefix: '/outer', tags: ['outer'] })
    outer.include(inner, { prefix: '/mid', tags: ['mid'] })
    app.include(outer, { prefix: '/api', tags: ['api'] })
    const res = await new TestClient(app).get('/api/outer/mid/inner/leaf')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { leaf: true })
    const route = app.routes.find((r) => r.template.source === '/api/outer/mid/inner/leaf')
    assert.ok(route)
    assert.deepEqual(route.tags, ['api', 'outer', 'mid', 'inner', 'leaf'])
  })

  test('one router included twice under different prefixes', async () => {
    const app = new App()
    const users = new Router({ prefix: '/users' })
    users.get('/{user_id}', { path: { user_id: z.int() } }, ({ path }) => ({ user_id: path.user_id }))
    app.include(users, { prefix: '/v1', tags: ['v1'] })
    app.include(users, { prefix: '/v2', tags: ['v2'] })
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/v1/users/3')).json(), { user_id: 3 })
    assert.deepEqual((await client.get('/v2/users/4')).json(), { user_id: 4 })
    assert.equal((await client.get('/users/4')).status, 404)
    const tags = app.routes.filter((r) => r.includeInSchema).map((r) => [r.template.source, r.tags])
    assert.deepEqual(tags, [
      ['/v1/users/{user_id}', ['v1']],
      ['/v2/users/{user_id}', ['v2']],
    ])
  })

  test('a route added to a router after it was included is served', async () => {
    const app = new App()
    const router = new Router({ prefix: '/late' })
    router.get('/a', () => 'a')
    app.include(router)
    const client = new TestClient(app)
    assert.equal((await client.get('/late/a')).status, 200)
    assert.equal((await client.get('/late/b')).status, 404)
    router.get('/b', () => 'b')
    const res = await client.get('/late/b')
    assert.equal(res.status, 200)
    assert.equal(res.json(), 'b')
  })

  test('a route added to a nested router after inclusion is served', async () => {
    const app = new App()
    const parent = new Router({ prefix: '/p' })
    const child = new Router({ prefix: '/c' })
    parent.include(child)
    app.include(parent)
    const client = new TestClient(app)
    assert.equal((await client.get('/p/c/x')).status, 404)
    child.get('/x', () => 'x')
    assert.equal((await client.get('/p/c/x')).status, 200)
  })

  test('an empty route path inside a prefixed router is the prefix itself', async () => {
    const app = new App()
    const router = new Router({ prefix: '/items' })
    router.get('', () => 'list')
    router.get('/', () => 'slash')
    app.include(router)
    const client = new TestClient(app)
    assert.equal((await client.get('/items')).json(), 'list')
    assert.equal((await client.get('/items/')).json(), 'slash')
  })

  test('router routes keep app-level first-match order', async () => {
    const app = new App()
    app.get('/r/{x}', () => 'app')
    const router = new Router({ prefix: '/r' })
    router.get('/fixed', () => 'router')
    app.include(router)
    assert.equal((await new TestClient(app).get('/r/fixed')).json(), 'app')
  })
})

describe('configuration errors', () => {
  test('a bad router prefix', () => {
    assert.throws(() => new Router({ prefix: 'items' }), ConfigError)
    assert.throws(() => new Router({ prefix: '/items/' }), ConfigError)
    const app = new App()
    assert.throws(() => app.include(new Router(), { prefix: 'x' }), ConfigError)
    assert.throws(() => app.include(new Router(), { prefix: '/x/' }), ConfigError)
  })

  test('an empty path with no prefix', () => {
    assert.throws(() => new App().get('', () => null), ConfigError)
  })

  test('a path parameter declared but not in the path', async () => {
    const app = new App()
    app.get('/items', { path: { item_id: z.int() } }, () => null)
    assert.throws(
      () => runtimeOf(app).dispatcher(),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(error.message, /item_id/)
        return true
      },
    )
    await assert.rejects(new TestClient(app).get('/items'), ConfigError)
  })

  test('bad path templates', () => {
    const app = new App()
    for (const path of [
      'items',
      '/items/{id',
      '/items/{}',
      '/items/{1x}',
      '/a/{x}/{x}',
      '/a/{x:nope}',
      '/a/{x}{y}',
      '/a/}',
    ]) {
      assert.throws(() => app.get(path, () => null), ConfigError, path)
    }
  })

  test.todo(
    "Starlette's {x:int}, {x:float} and {x:uuid} convertors: Brisk refuses them (ConfigError) and types path parameters with schemas instead",
  )

  test('a bad template reached through a router prefix', async () => {
    // The route's own path is fine; the joined path is checked when the app compiles its table.
    const router = new Router({ prefix: '/r' })
    router.get('/{id}', () => null)
    const app = new App()
    app.include(router)
    assert.doesNotThrow(() => runtimeOf(app).dispatcher())
  })

  test('a router including itself, directly or through a cycle', () => {
    const a = new Router({ prefix: '/a' })
    assert.throws(() => a.include(a), ConfigError)
    const b = new Router({ prefix: '/b' })
    a.include(b)
    assert.throws(() => b.include(a), ConfigError)
    const c = new Router()
    b.include(c)
    assert.throws(() => c.include(a), ConfigError)
  })

  test('a route without a handler', () => {
    assert.throws(() => new App().get('/x', {} as never), ConfigError)
  })

  test('invalid limits', () => {
    assert.throws(() => new App({ bodyLimit: -1 }), ConfigError)
    assert.throws(() => new App({ bodyLimit: Number.NaN }), ConfigError)
    const app = new App()
    app.post('/x', { body: z.object({}), bodyLimit: 1.5 }, () => null)
    assert.throws(() => runtimeOf(app).dispatcher(), ConfigError)
  })

  test('app.use takes a function', () => {
    assert.throws(() => new App().use('nope' as never), ConfigError)
  })
})

describe('the Node adapter agrees with the test client', () => {
  const app = new App()
  app.get('/hello', () => ({ hello: 'world' }))
  app.delete('/gone', { status: 204 }, () => null)
  app.get('/items/', () => [])

  test('404, HEAD, 204 and slash redirects over a real socket', async () => {
    const server = await app.listen({ port: 0, handleSignals: false })
    try {
      const missing = await fetch(`${server.url}/nope`)
      assert.equal(missing.status, 404)
      assert.equal(missing.headers.get('content-type'), 'application/json')
      assert.equal(missing.headers.get('content-length'), '22')
      assert.equal(await missing.text(), '{"detail":"Not Found"}')

      const head = await fetch(`${server.url}/hello`, { method: 'HEAD' })
      assert.equal(head.status, 200)
      assert.equal(head.headers.get('content-length'), '17')
      assert.equal(await head.text(), '')
      const local = await new TestClient(app).head('/hello')
      assert.equal(local.headers.get('content-length'), head.headers.get('content-length'))

      const gone = await fetch(`${server.url}/gone`, { method: 'DELETE' })
      assert.equal(gone.status, 204)
      assert.equal(gone.headers.get('content-length'), null)

      const redirect = await fetch(`${server.url}/items?x=1`, { redirect: 'manual' })
      assert.equal(redirect.status, 307)
      assert.equal(redirect.headers.get('location'), '/items/?x=1')

      const notAllowed = await fetch(`${server.url}/hello`, { method: 'POST' })
      assert.equal(notAllowed.status, 405)
      assert.equal(notAllowed.headers.get('allow'), 'GET, HEAD')
    } finally {
      await server.close()
    }
  })
})
