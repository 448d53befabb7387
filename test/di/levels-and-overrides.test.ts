// Dependency levels and overrides ported from FastAPI: tutorial012 (global dependencies),
// tests/test_dependency_overrides.py and docs_src/dependency_testing/tutorial001.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, depends, HTTPException, type OpenAPIDocument, Router, TestClient } from '../../src/index.js'

const missing = (loc: (string | number)[]) => ({ type: 'missing', loc, msg: 'Field required', input: null })

describe('tutorial012: app-wide dependencies apply to every route', () => {
  const verifyToken = depends({ headers: { x_token: z.string() } }, ({ headers }) => {
    if (headers.x_token !== 'fake-super-secret-token') throw new HTTPException(400, 'X-Token header invalid')
  })
  const verifyKey = depends({ headers: { x_key: z.string() } }, ({ headers }) => {
    if (headers.x_key !== 'fake-super-secret-key') throw new HTTPException(400, 'X-Key header invalid')
    return headers.x_key
  })
  const app = new App({ dependencies: [verifyToken, verifyKey] })
  app.get('/items/', () => [{ item: 'Portal Gun' }, { item: 'Plumbus' }])
  app.get('/users/', () => [{ username: 'Rick' }, { username: 'Morty' }])
  const client = new TestClient(app)
  const good = { 'X-Token': 'fake-super-secret-token', 'X-Key': 'fake-super-secret-key' }

  for (const path of ['/items/', '/users/']) {
    test(`${path} without headers: 422 for both`, async () => {
      const res = await client.get(path)
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: [missing(['header', 'x-token']), missing(['header', 'x-key'])] })
    })
    test(`${path} with a bad token: 400`, async () => {
      const res = await client.get(path, { headers: { 'X-Token': 'invalid' } })
      assert.equal(res.status, 400)
      assert.deepEqual(res.json(), { detail: 'X-Token header invalid' })
    })
    test(`${path} with a bad key: 400`, async () => {
      const res = await client.get(path, { headers: { ...good, 'X-Key': 'invalid' } })
      assert.equal(res.status, 400)
      assert.deepEqual(res.json(), { detail: 'X-Key header invalid' })
    })
    test(`${path} with both: 200`, async () => {
      assert.equal((await client.get(path, { headers: good })).status, 200)
    })
  }
})

describe('levels run app → include → router → route, then the named ones', () => {
  const order: string[] = []
  const mark = (name: string) => depends(() => void order.push(name), { name, cache: false })
  const app = new App({ dependencies: [mark('app')] })
  const router = new Router({ dependencies: [mark('router')] })
  router.get('/x', { dependencies: [mark('route')], deps: { named: mark('named') } }, () => {
    order.push('handler')
    return null
  })
  app.include(router, { prefix: '/p', dependencies: [mark('include')] })
  // A nested router adds its levels between its parent's and its routes'.
  const outer = new Router({ dependencies: [mark('outer router')] })
  const inner = new Router({ dependencies: [mark('inner router')] })
  inner.get('/y', { dependencies: [mark('route')] }, () => {
    order.push('handler')
    return null
  })
  outer.include(inner, { prefix: '/inner', dependencies: [mark('inner include')] })
  app.include(outer, { prefix: '/outer', dependencies: [mark('outer include')] })
  const client = new TestClient(app)

  test('one router', async () => {
    order.length = 0
    assert.equal((await client.get('/p/x')).status, 200)
    assert.deepEqual(order, ['app', 'include', 'router', 'route', 'named', 'handler'])
  })
  test('nested routers', async () => {
    order.length = 0
    assert.equal((await client.get('/outer/inner/y')).status, 200)
    assert.deepEqual(order, [
      'app',
      'outer include',
      'outer router',
      'inner include',
      'inner router',
      'route',
      'handler',
    ])
  })
  test('values of level dependencies are discarded: the handler context has no field for them', async () => {
    const app2 = new App({
      dependencies: [
        depends(function secret() {
          return 's3cret'
        }),
      ],
    })
    app2.get('/', (c) =>
      Object.keys(c).filter((k) => (c as unknown as Record<string, unknown>)[k] === 's3cret'),
    )
    assert.deepEqual((await new TestClient(app2).get('/')).json(), [])
  })
})

describe('test_dependency_overrides', () => {
  const commonParameters = depends(
    { query: { q: z.string(), skip: z.int().default(0), limit: z.int().default(100) } },
    function common_parameters({ query }) {
      return query as Record<string, unknown>
    },
  )
  const app = new App()
  app.get('/main-depends/', { deps: { commons: commonParameters } }, ({ commons }) => ({
    in: 'main-depends',
    params: commons,
  }))
  app.get('/decorator-depends/', { dependencies: [commonParameters] }, () => ({ in: 'decorator-depends' }))
  const router = new Router()
  router.get('/router-depends/', { deps: { commons: commonParameters } }, ({ commons }) => ({
    in: 'router-depends',
    params: commons,
  }))
  router.get('/router-decorator-depends/', { dependencies: [commonParameters] }, () => ({
    in: 'router-decorator-depends',
  }))
  app.include(router)
  const client = new TestClient(app)

  const overriderSimple = depends(
    { query: { q: z.string().nullable().default(null) } },
    ({ query }): Record<string, unknown> => ({ q: query.q, skip: 5, limit: 10 }),
  )
  const overriderSub = depends({ query: { k: z.string() } }, ({ query }) => ({ k: query.k }))
  const overriderWithSub = depends({ msg: overriderSub }, ({ msg }): Record<string, unknown> => msg)

  const cases = [
    ['/main-depends/', 'main-depends', true],
    ['/decorator-depends/', 'decorator-depends', false],
    ['/router-depends/', 'router-depends', true],
    ['/router-decorator-depends/', 'router-decorator-depends', false],
  ] as const

  for (const [url, name, returnsParams] of cases) {
    test(`${url}: without an override the original's q is required`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: [missing(['query', 'q'])] })
      const ok = await client.get(`${url}?q=foo&skip=100&limit=200`)
      assert.deepEqual(
        ok.json(),
        returnsParams ? { in: name, params: { q: 'foo', skip: 100, limit: 200 } } : { in: name },
      )
    })

    test(`${url}: the simple override's own parameters are validated instead`, async () => {
      app.dependencyOverrides.set(commonParameters, overriderSimple)
      try {
        for (const [query, q] of [
          ['', null],
          ['?q=foo', 'foo'],
          ['?q=foo&skip=100&limit=200', 'foo'],
        ] as const) {
          const res = await client.get(url + query)
          assert.equal(res.status, 200, res.text)
          assert.deepEqual(
            res.json(),
            returnsParams ? { in: name, params: { q, skip: 5, limit: 10 } } : { in: name },
          )
        }
      } finally {
        app.dependencyOverrides.clear()
      }
    })

    test(`${url}: an override with its own sub-dependency`, async () => {
      app.dependencyOverrides.set(commonParameters, overriderWithSub)
      try {
        for (const query of ['', '?q=foo']) {
          const res = await client.get(url + query)
          assert.equal(res.status, 422)
          assert.deepEqual(res.json(), { detail: [missing(['query', 'k'])] })
        }
        const res = await client.get(`${url}?k=bar`)
        assert.equal(res.status, 200)
        assert.deepEqual(res.json(), returnsParams ? { in: name, params: { k: 'bar' } } : { in: name })
      } finally {
        app.dependencyOverrides.clear()
      }
    })
  }

  test('delete restores the original; clear removes every override', async () => {
    app.dependencyOverrides.set(commonParameters, overriderSimple)
    assert.equal((await client.get('/main-depends/')).status, 200)
    assert.equal(app.dependencyOverrides.delete(commonParameters), true)
    assert.equal((await client.get('/main-depends/')).status, 422)
    app.dependencyOverrides.set(commonParameters, overriderSimple).set(overriderSub, overriderSimple)
    assert.equal(app.dependencyOverrides.size, 2)
    app.dependencyOverrides.clear()
    assert.equal(app.dependencyOverrides.size, 0)
    assert.equal((await client.get('/main-depends/')).status, 422)
  })

  // An override changes what runs, never what the document promises (FastAPI keeps the original too).
  test('the OpenAPI document keeps the original parameters', async () => {
    app.dependencyOverrides.set(commonParameters, overriderWithSub)
    try {
      const res = await client.get('/openapi.json')
      const operation = res.json<OpenAPIDocument>().paths['/main-depends/']?.get
      const params = operation?.parameters.map((p: { name: string }) => p.name)
      assert.deepEqual(params, ['q', 'skip', 'limit'])
    } finally {
      app.dependencyOverrides.clear()
    }
  })
})

describe('dependency_testing tutorial001: overriding a dependency used by several routes', () => {
  const commonParameters = depends(
    {
      query: {
        q: z.string().nullable().default(null),
        skip: z.int().default(0),
        limit: z.int().default(100),
      },
    },
    ({ query }): Record<string, unknown> => query,
  )
  const app = new App()
  app.get('/items/', { deps: { commons: commonParameters } }, ({ commons }) => ({
    message: 'Hello Items!',
    params: commons,
  }))
  app.get('/users/', { deps: { commons: commonParameters } }, ({ commons }) => ({
    message: 'Hello Users!',
    params: commons,
  }))
  const overrideDependency = depends(
    { query: { q: z.string().nullable().default(null) } },
    ({ query }): Record<string, unknown> => ({ q: query.q, skip: 5, limit: 10 }),
  )
  app.dependencyOverrides.set(commonParameters, overrideDependency)
  const client = new TestClient(app)

  for (const [url, expected] of [
    ['/items/', { message: 'Hello Items!', params: { q: null, skip: 5, limit: 10 } }],
    ['/items/?q=foo', { message: 'Hello Items!', params: { q: 'foo', skip: 5, limit: 10 } }],
    [
      '/items/?q=foo&skip=100&limit=200',
      { message: 'Hello Items!', params: { q: 'foo', skip: 5, limit: 10 } },
    ],
    ['/users/', { message: 'Hello Users!', params: { q: null, skip: 5, limit: 10 } }],
    [
      '/users/?q=foo&skip=100&limit=200',
      { message: 'Hello Users!', params: { q: 'foo', skip: 5, limit: 10 } },
    ],
  ] as const) {
    test(`GET ${url}`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }
})

describe('nested overrides', () => {
  const leaf = depends(() => 'leaf')
  const middle = depends({ leaf }, ({ leaf }) => `middle(${leaf})`)
  const app = new App()
  app.get('/', { deps: { value: middle } }, ({ value }) => value)
  const client = new TestClient(app)

  test('a sub-dependency deep in the graph is overridden', async () => {
    app.dependencyOverrides.set(
      leaf,
      depends(() => 'fake leaf'),
    )
    try {
      assert.equal((await client.get('/')).json(), 'middle(fake leaf)')
    } finally {
      app.dependencyOverrides.clear()
    }
  })

  test("an override's own sub-dependencies are overridden too", async () => {
    const other = depends(() => 'other')
    app.dependencyOverrides.set(
      middle,
      depends({ other }, ({ other }) => `replacement(${other})`),
    )
    app.dependencyOverrides.set(
      other,
      depends(() => 'overridden other'),
    )
    try {
      assert.equal((await client.get('/')).json(), 'replacement(overridden other)')
    } finally {
      app.dependencyOverrides.clear()
    }
  })

  test('overriding a dependant replaces its whole subtree (the original leaf is not called)', async () => {
    let leafCalls = 0
    const countedLeaf = depends(() => {
      leafCalls++
      return 'x'
    })
    const parent = depends({ countedLeaf }, ({ countedLeaf }) => countedLeaf)
    const app2 = new App()
    app2.get('/', { deps: { parent } }, ({ parent }) => parent)
    app2.dependencyOverrides.set(
      parent,
      depends(() => 'y'),
    )
    assert.equal((await new TestClient(app2).get('/')).json(), 'y')
    assert.equal(leafCalls, 0)
  })

  test('an overridden value is cached per request like the original', async () => {
    let calls = 0
    const user = depends(() => 'real')
    const a = depends({ user }, ({ user }) => user)
    const app2 = new App()
    app2.get('/', { deps: { a, user } }, ({ a, user }) => [a, user])
    app2.dependencyOverrides.set(
      user,
      depends(() => `fake${++calls}`),
    )
    assert.deepEqual((await new TestClient(app2).get('/')).json(), ['fake1', 'fake1'])
    assert.equal(calls, 1)
  })

  test("a replacement keeps the original's cache and scope", async () => {
    const log: string[] = []
    let n = 0
    const uncached = depends(() => 0, { cache: false })
    const functionScoped = depends(
      function* () {
        yield 'real'
      },
      { scope: 'function' },
    )
    const app2 = new App()
    app2.use(async (_ctx, next) => {
      const reply = await next()
      log.push('response')
      return reply
    })
    app2.get('/', { deps: { a: uncached, b: uncached, s: functionScoped } }, ({ a, b, s }) => [a, b, s])
    app2.dependencyOverrides.set(
      uncached,
      depends(() => ++n),
    )
    app2.dependencyOverrides.set(
      functionScoped,
      depends(function* () {
        yield 'fake'
        log.push('teardown')
      }),
    )
    assert.deepEqual((await new TestClient(app2).get('/')).json(), [1, 2, 'fake'])
    assert.deepEqual(log, ['teardown', 'response'])
  })
})
