// Two routes answering the same method on the same path are refused when the app starts
// (docs/errors.md); the first would answer and the OpenAPI document would show the second.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, ConfigError, Router, TestClient } from '../../src/index.js'

/** The message of the ConfigError the app's first request rejects with. */
async function startupError(app: App): Promise<string> {
  try {
    await new TestClient(app).get('/')
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`)
    return error.message
  }
  assert.fail('expected a ConfigError')
}

const OPT_OUT =
  'Remove one or give it another path or method; to keep the first answering, as FastAPI does, ' +
  'create the app with new App({ allowDuplicateRoutes: true }).'

describe('a duplicate method and path is a ConfigError naming both routes', () => {
  test('the same path twice, as FastAPI tutorial003b has it', async () => {
    const app = new App()
    app.get('/users', function read_users() {})
    app.get('/users', function read_users2() {})
    assert.equal(
      await startupError(app),
      `Route GET /users (read_users2) repeats GET /users (read_users), which is matched before it: only the first would ever answer. ${OPT_OUT}`,
    )
    await assert.rejects(app.listen({ port: 0 }), ConfigError)
    assert.throws(() => app.openapi(), ConfigError)
  })

  test('seen through routers and prefixes, nested or not, wherever they were added', async () => {
    const app = new App()
    const v1 = new Router({ prefix: '/v1' })
    const items = new Router({ prefix: '/items' })
    v1.include(items)
    app.include(v1)
    app.get('/v1/items/{item_id}', function read_item() {})
    // Added after the include, yet matched first, as the include came first: the check sees the
    // routes in matching order as they are when the app starts.
    items.get('/{item_id}', function read_item_again() {})
    assert.match(
      await startupError(app),
      /^Route GET \/v1\/items\/\{item_id\} \(read_item\) repeats GET \/v1\/items\/\{item_id\} \(read_item_again\), which is matched before it/,
    )
  })

  test('paths differing only in parameter names are one path: the second could never match', async () => {
    const app = new App()
    app.get('/items/{id}', { path: { id: z.int() } }, function read_item() {})
    app.get('/items/{item_id}', { path: { item_id: z.string() } }, function read_named() {})
    assert.equal(
      await startupError(app),
      'Route GET /items/{item_id} (read_named) repeats GET /items/{id} (read_item), which is matched before it ' +
        `(paths that differ only in parameter names match the same requests): only the first would ever answer. ${OPT_OUT}`,
    )
    const rest = new App()
    rest.get('/files/{path:path}', function a() {})
    rest.get('/files/{rest:path}', function b() {})
    assert.match(await startupError(rest), /^Route GET \/files\/\{rest:path\} \(b\) repeats/)
  })

  test('app.route([...methods]) clashes on the method it shares', async () => {
    const app = new App()
    app.route(['GET', 'POST'], '/ping', function ping() {})
    app.post('/ping', function post_ping() {})
    assert.match(await startupError(app), /^Route POST \/ping \(post_ping\) repeats POST \/ping \(ping\)/)
  })

  test("a route on a docs page's path names the option that places the page", async () => {
    const app = new App()
    app.get('/docs', function my_docs() {})
    assert.match(
      await startupError(app),
      /^Route GET \/docs \(my_docs\) repeats GET \/docs \(the Swagger UI page, placed by the docsUrl option\)/,
    )
    const moved = new App({ docsUrl: '/swagger' })
    moved.get('/docs', () => 'mine')
    assert.equal((await new TestClient(moved).get('/docs')).json(), 'mine')
  })

  test("allowDuplicateRoutes: true keeps FastAPI's rule: the first answers", async () => {
    const app = new App({ allowDuplicateRoutes: true })
    app.get('/users', () => ['Rick'])
    app.get('/users', () => ['Bean'])
    assert.deepEqual((await new TestClient(app).get('/users')).json(), ['Rick'])
  })
})

describe('what is not a duplicate', () => {
  test('an explicit HEAD route beside a GET one takes over the automatic HEAD', async () => {
    const app = new App()
    app.get('/file', () => 'body')
    app.head('/file', ({ response }) => {
      response.headers.set('x-head', 'explicit')
      return null
    })
    const client = new TestClient(app)
    assert.equal((await client.get('/file')).json(), 'body')
    const head = await client.head('/file')
    assert.equal(head.status, 200)
    assert.equal(head.headers.get('x-head'), 'explicit')
  })

  test('other methods, a trailing slash, a literal beside a parameter, and one router included twice', async () => {
    const app = new App()
    app.get('/items', () => 'list')
    app.post('/items', () => 'created')
    app.get('/items/', () => 'slash')
    app.get('/items/me', () => 'me')
    app.get('/items/{id}', () => 'one')
    const shared = new Router()
    shared.get('/status', () => 'ok')
    app.include(shared, { prefix: '/a' })
    app.include(shared, { prefix: '/b' })
    const client = new TestClient(app)
    assert.equal((await client.post('/items')).json(), 'created')
    assert.equal((await client.get('/items/me')).json(), 'me')
    assert.equal((await client.get('/b/status')).json(), 'ok')
  })
})

describe('a route registered after a mount that takes its path is a ConfigError', () => {
  const sub = () => {
    const app = new App()
    app.get('/x', () => 'sub')
    return app
  }

  test('under the prefix, through a router: the mount would answer', async () => {
    for (const path of ['/static/logo.png', '/static/{name}']) {
      const app = new App()
      app.mount('/static', sub())
      const router = new Router()
      router.get(path, function late() {})
      app.include(router)
      assert.equal(
        await startupError(app),
        `Route GET ${path} (late) is registered after app.mount("/static", …), which takes every path under /static first: the route would never answer. Register it before the mount. To keep it anyway, create the app with new App({ allowDuplicateRoutes: true }).`,
      )
    }
  })

  test('after a mount at "/", every route', async () => {
    const app = new App()
    app.mount('/', sub())
    app.post('/api/items', () => null)
    assert.match(
      await startupError(app),
      /^Route POST \/api\/items is registered after app\.mount\("\/", …\), which takes every path first/,
    )
  })

  test('before the mount, beside it, or with the opt-out, routes answer', async () => {
    const app = new App()
    app.get('/static/health', () => 'route')
    app.mount('/static', sub())
    app.get('/statics', () => 'beside')
    app.get('/static', () => 'bare prefix')
    app.get('/{anything}/x', () => 'param')
    const client = new TestClient(app)
    assert.equal((await client.get('/static/health')).json(), 'route')
    assert.equal((await client.get('/static/x')).json(), 'sub')
    assert.equal((await client.get('/statics')).json(), 'beside')
    assert.equal((await client.get('/static')).json(), 'bare prefix')

    const lenient = new App({ allowDuplicateRoutes: true })
    lenient.mount('/static', sub())
    lenient.get('/static/x', () => 'never')
    assert.equal((await new TestClient(lenient).get('/static/x')).json(), 'sub')
  })
})
