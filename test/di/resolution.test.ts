// Dependency resolution ported from FastAPI: tests/test_dependency_cache.py,
// tests/test_tutorial/test_dependencies/* (tutorial001-007) and the 422 ordering rules of
// FASTAPI-CONTRACT §1.7 and §2.1.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { runtimeOf } from '../../src/app-runtime.js'
import { App, ConfigError, type Dependency, depends, HTTPException, TestClient } from '../../src/index.js'
import type { ValidationErrorBody } from '../response-bodies.js'

const missing = (loc: (string | number)[]) => ({ type: 'missing', loc, msg: 'Field required', input: null })

describe('tutorial001/002: a dependency reads its own query parameters', () => {
  const app = new App()
  const commonParameters = depends(
    {
      query: {
        q: z.string().nullable().default(null),
        skip: z.int().default(0),
        limit: z.int().default(100),
      },
    },
    ({ query }) => query,
  )
  app.get('/items', { deps: { commons: commonParameters } }, ({ commons }) => commons)
  app.get('/users', { deps: { commons: commonParameters } }, ({ commons }) => commons)
  const client = new TestClient(app)

  for (const [url, expected] of [
    ['/items', { q: null, skip: 0, limit: 100 }],
    ['/items?q=foo', { q: 'foo', skip: 0, limit: 100 }],
    ['/items?q=foo&skip=5', { q: 'foo', skip: 5, limit: 100 }],
    ['/items?q=foo&skip=5&limit=30', { q: 'foo', skip: 5, limit: 30 }],
    ['/users', { q: null, skip: 0, limit: 100 }],
  ] as const) {
    test(`GET ${url}`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), expected)
    })
  }

  test('a bad value is a 422 under the query location, the raw string as input', async () => {
    const res = await client.get('/items?skip=a')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'int_parsing',
          loc: ['query', 'skip'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'a',
        },
      ],
    })
  })
})

describe('tutorial005: sub-dependencies', () => {
  const app = new App()
  const queryExtractor = depends(
    { query: { q: z.string().nullable().default(null) } },
    ({ query }) => query.q,
  )
  const queryOrCookieExtractor = depends(
    { q: queryExtractor, cookies: { last_query: z.string().nullable().default(null) } },
    ({ q, cookies }) => q ?? cookies.last_query,
  )
  app.get('/items/', { deps: { query_or_default: queryOrCookieExtractor } }, ({ query_or_default }) => ({
    q_or_cookie: query_or_default,
  }))
  const client = new TestClient(app)

  test('nothing', async () => assert.deepEqual((await client.get('/items/')).json(), { q_or_cookie: null }))
  test('the query', async () =>
    assert.deepEqual((await client.get('/items/?q=foo')).json(), { q_or_cookie: 'foo' }))
  test('the cookie', async () => {
    const res = await client.get('/items/', { headers: { cookie: 'last_query=COOKIE' } })
    assert.deepEqual(res.json(), { q_or_cookie: 'COOKIE' })
  })
  test('the query wins over the cookie', async () => {
    const res = await client.get('/items/?q=bar', { headers: { cookie: 'last_query=COOKIE' } })
    assert.deepEqual(res.json(), { q_or_cookie: 'bar' })
  })
})

describe('tutorial006: route dependencies whose valid siblings still run', () => {
  const app = new App()
  const verifyToken = depends({ headers: { x_token: z.string() } }, ({ headers }) => {
    if (headers.x_token !== 'fake-super-secret-token') throw new HTTPException(400, 'X-Token header invalid')
  })
  const verifyKey = depends({ headers: { x_key: z.string() } }, ({ headers }) => {
    if (headers.x_key !== 'fake-super-secret-key') throw new HTTPException(400, 'X-Key header invalid')
    return headers.x_key
  })
  app.get('/items/', { dependencies: [verifyToken, verifyKey] }, () => [{ item: 'Foo' }, { item: 'Bar' }])
  const client = new TestClient(app)

  test('no headers: both missing, in declaration order', async () => {
    const res = await client.get('/items/')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['header', 'x-token']), missing(['header', 'x-key'])] })
  })
  test('a bad X-Token and no X-Key: the 400 wins over the 422', async () => {
    const res = await client.get('/items/', { headers: { 'X-Token': 'invalid' } })
    assert.equal(res.status, 400, res.text)
    assert.deepEqual(res.json(), { detail: 'X-Token header invalid' })
  })
  test('a good X-Token and a bad X-Key', async () => {
    const res = await client.get('/items/', {
      headers: { 'X-Token': 'fake-super-secret-token', 'X-Key': 'invalid' },
    })
    assert.equal(res.status, 400)
    assert.deepEqual(res.json(), { detail: 'X-Key header invalid' })
  })
  test('both valid', async () => {
    const res = await client.get('/items/', {
      headers: { 'X-Token': 'fake-super-secret-token', 'X-Key': 'fake-super-secret-key' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), [{ item: 'Foo' }, { item: 'Bar' }])
  })
})

describe('error order: sub-dependencies depth-first, then the route parameters, then the body', () => {
  const calls: string[] = []
  const app = new App()
  const leaf = depends({ headers: { x_leaf: z.int() } }, ({ headers }) => {
    calls.push('leaf')
    return headers.x_leaf
  })
  // The middle dependency's own query is validated after its sub-dependency's header.
  const middle = depends({ leaf, query: { m: z.int() } }, ({ leaf, query }) => {
    calls.push('middle')
    return leaf + query.m
  })
  const sibling = depends({ cookies: { c: z.string() } }, ({ cookies }) => {
    calls.push('sibling')
    return cookies.c
  })
  app.post(
    '/items/{item_id}',
    {
      deps: { middle, sibling },
      path: { item_id: z.int() },
      query: { q: z.int() },
      body: z.object({ name: z.string() }),
    },
    ({ middle, sibling, path }) => ({ middle, sibling, item_id: path.item_id }),
  )
  const client = new TestClient(app)

  test('every error in one 422, in FastAPI order', async () => {
    calls.length = 0
    const res = await client.post('/items/x', { json: {} })
    assert.equal(res.status, 422)
    assert.deepEqual(
      res.json<ValidationErrorBody>().detail.map((e) => e.loc),
      [
        ['header', 'x-leaf'],
        ['query', 'm'],
        ['cookie', 'c'],
        ['path', 'item_id'],
        ['query', 'q'],
        ['body', 'name'],
      ],
    )
    assert.deepEqual(calls, [], 'no dependency with invalid inputs was called')
  })

  test('a dependency whose sub-dependency failed is not called; a valid sibling is', async () => {
    calls.length = 0
    const res = await client.post('/items/1?m=2&q=3', {
      json: { name: 'x' },
      headers: { cookie: 'c=ok' },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json<ValidationErrorBody>().detail, [missing(['header', 'x-leaf'])])
    assert.deepEqual(calls, ['sibling'])
  })

  test('a dependency whose own parameter failed is not called, though its sub-dependency was', async () => {
    calls.length = 0
    const res = await client.post('/items/1?q=3', {
      json: { name: 'x' },
      headers: { cookie: 'c=ok', 'x-leaf': '1' },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json<ValidationErrorBody>().detail, [missing(['query', 'm'])])
    assert.deepEqual(calls, ['leaf', 'sibling'])
  })

  test('all valid: called depth-first, in declaration order', async () => {
    calls.length = 0
    const res = await client.post('/items/1?m=2&q=3', {
      json: { name: 'x' },
      headers: { cookie: 'c=ok', 'x-leaf': '1' },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { middle: 3, sibling: 'ok', item_id: 1 })
    assert.deepEqual(calls, ['leaf', 'middle', 'sibling'])
  })
})

describe('test_dependency_cache: one value per request unless cache is false', () => {
  const holder = { counter: 0 }
  const depCounter = depends(async function dep_counter() {
    holder.counter += 1
    return holder.counter
  })
  const depCounterNoCache = depends(depCounter.fn, { cache: false })
  const superDep = depends({ count: depCounter }, ({ count }) => count)
  const app = new App()
  app.get('/counter/', { deps: { count: depCounter } }, ({ count }) => ({ counter: count }))
  app.get('/sub-counter/', { deps: { subcount: superDep, count: depCounter } }, ({ count, subcount }) => ({
    counter: count,
    subcounter: subcount,
  }))
  app.get(
    '/sub-counter-no-cache/',
    { deps: { subcount: superDep, count: depCounterNoCache } },
    ({ count, subcount }) => ({ counter: count, subcounter: subcount }),
  )
  const client = new TestClient(app)

  test('normal counter: once per request', async () => {
    holder.counter = 0
    assert.deepEqual((await client.get('/counter/')).json(), { counter: 1 })
    assert.deepEqual((await client.get('/counter/')).json(), { counter: 2 })
  })
  test('sub counter: the sub-dependency and the route share one call', async () => {
    holder.counter = 0
    assert.deepEqual((await client.get('/sub-counter/')).json(), { counter: 1, subcounter: 1 })
    assert.deepEqual((await client.get('/sub-counter/')).json(), { counter: 2, subcounter: 2 })
  })
  test('sub counter without cache: called again', async () => {
    holder.counter = 0
    assert.deepEqual((await client.get('/sub-counter-no-cache/')).json(), { counter: 2, subcounter: 1 })
    assert.deepEqual((await client.get('/sub-counter-no-cache/')).json(), { counter: 4, subcounter: 3 })
  })
  test('a cached dependency used as a route dependency and a named one runs once', async () => {
    holder.counter = 0
    const app2 = new App()
    app2.get('/', { dependencies: [depCounter], deps: { count: depCounter } }, ({ count }) => ({ count }))
    assert.deepEqual((await new TestClient(app2).get('/')).json(), { count: 1 })
    assert.equal(holder.counter, 1)
  })
})

describe('tutorial002-004 shape: dependencies of every kind of function', () => {
  const app = new App()
  const sync = depends(() => 'sync')
  const asyncDep = depends(async () => 'async')
  const gen = depends(function* () {
    yield 'gen'
  })
  const asyncGen = depends(async function* () {
    yield 'asyncGen'
  })
  app.get('/', { deps: { sync, asyncDep, gen, asyncGen } }, (c) => [c.sync, c.asyncDep, c.gen, c.asyncGen])
  test('sync, async, generator and async generator values reach the handler', async () => {
    assert.deepEqual((await new TestClient(app).get('/')).json(), ['sync', 'async', 'gen', 'asyncGen'])
  })

  test('dependencies see request, response, state and ctx', async () => {
    const app2 = new App()
    const info = depends(({ request, response, state, ctx }) => {
      response.headers.set('x-from-dep', 'yes')
      state.seen = true
      return { url: new URL(request.url).pathname, method: ctx.method }
    })
    app2.get('/info', { deps: { info } }, ({ info, state }) => ({ ...info, seen: state.seen }))
    const res = await new TestClient(app2).get('/info')
    assert.deepEqual(res.json(), { url: '/info', method: 'GET', seen: true })
    assert.equal(res.headers.get('x-from-dep'), 'yes')
  })
})

describe('configuration errors', () => {
  test('a dependency cycle is a ConfigError naming the chain', () => {
    const a = depends(function a() {
      return 1
    })
    const b = depends({ a }, function b() {
      return 2
    })
    // Inputs are fixed at construction, so a cycle can only be made by hand; the check must hold anyway.
    ;(a.dependencies as Map<string, Dependency<any>>).set('b', b)
    const app = new App()
    app.get('/', { deps: { b } }, () => null)
    assert.throws(
      () => runtimeOf(app).dispatcher(),
      (e: unknown) => e instanceof ConfigError && /cycle/i.test(e.message),
    )
  })

  test('an input named like a context field (state, request, …) is a ConfigError at declaration', () => {
    const store = depends(() => ({}))
    for (const name of ['state', 'request', 'response', 'ctx', 'background']) {
      assert.throws(() => depends({ [name]: store } as never, () => 1), /another name/)
    }
    // `body` declares body fields; a dependency there is a mistake too.
    assert.throws(() => depends({ body: store } as never, () => 1), /object of schemas/)
  })

  test('a non-dependency input is a ConfigError at declaration', () => {
    assert.throws(() => depends({ nope: 42 } as never, () => 1), ConfigError)
  })
})
