// Generator dependencies ported from FastAPI: tests/test_dependency_contextmanager.py,
// tests/test_dependency_yield_scope.py and docs_src/dependencies/tutorial008b-e.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { runtimeOf } from '../../src/app-runtime.js'
import {
  App,
  ConfigError,
  DependencySwallowedError,
  depends,
  HTTPException,
  Router,
  silentLogger,
  TestClient,
} from '../../src/index.js'

class AsyncDependencyError extends Error {}
class SyncDependencyError extends Error {}
class OtherDependencyError extends Error {}

describe('test_dependency_contextmanager', () => {
  const state: Record<string, string> = {}
  const errors: string[] = []
  const reset = () => {
    Object.assign(state, {
      '/async': 'asyncgen not started',
      '/sync': 'generator not started',
      '/async_raise': 'asyncgen raise not started',
      '/sync_raise': 'generator raise not started',
      context_a: 'not started a',
      context_b: 'not started b',
      bg: 'not set',
    })
    errors.length = 0
  }
  reset()

  const getState = depends(async () => state)
  const asyncgenState = depends({ store: getState }, async function* ({ store: state }) {
    state['/async'] = 'asyncgen started'
    yield state['/async']
    state['/async'] = 'asyncgen completed'
  })
  const generatorState = depends({ store: getState }, function* ({ store: state }) {
    state['/sync'] = 'generator started'
    yield state['/sync']
    state['/sync'] = 'generator completed'
  })
  const asyncgenStateTry = depends({ store: getState }, async function* ({ store: state }) {
    state['/async_raise'] = 'asyncgen raise started'
    try {
      yield state['/async_raise']
    } catch (error) {
      if (error instanceof AsyncDependencyError) errors.push('/async_raise')
      throw error
    } finally {
      state['/async_raise'] = 'asyncgen raise finalized'
    }
  })
  const generatorStateTry = depends({ store: getState }, function* ({ store: state }) {
    state['/sync_raise'] = 'generator raise started'
    try {
      yield state['/sync_raise']
    } catch (error) {
      if (error instanceof SyncDependencyError) errors.push('/sync_raise')
      throw error
    } finally {
      state['/sync_raise'] = 'generator raise finalized'
    }
  })
  const contextA = depends({ store: getState }, async function* ({ store: state }) {
    state.context_a = 'started a'
    try {
      yield state
    } finally {
      state.context_a = 'finished a'
    }
  })
  const contextB = depends({ store: contextA }, async function* ({ store: state }) {
    state.context_b = 'started b'
    try {
      yield state
    } finally {
      state.context_b = `finished b with a: ${state.context_a}`
    }
  })

  const app = new App({ logger: silentLogger })
  // What the response carried when it left: teardowns of request scope have not run yet.
  app.use(async (_ctx, next) => {
    const reply = await next()
    reply.headers.set('x-state', JSON.stringify(state))
    return reply
  })
  app.get('/async', { deps: { st: asyncgenState } }, ({ st: state }) => state)
  app.get('/sync', { deps: { st: generatorState } }, ({ st: state }) => state)
  app.get('/async_raise', { deps: { st: asyncgenStateTry } }, ({ st: state }) => {
    assert.equal(state, 'asyncgen raise started')
    throw new AsyncDependencyError('async')
  })
  app.get('/sync_raise', { deps: { st: generatorStateTry } }, ({ st: state }) => {
    assert.equal(state, 'generator raise started')
    throw new SyncDependencyError('sync')
  })
  app.get('/async_raise_other', { deps: { st: asyncgenStateTry } }, () => {
    throw new OtherDependencyError('other')
  })
  app.get('/sync_raise_other', { deps: { st: generatorStateTry } }, () => {
    throw new OtherDependencyError('other')
  })
  app.get('/context_b', { deps: { st: contextB } }, ({ st: state }) => ({ ...state }))
  app.get('/context_b_raise', { deps: { st: contextB } }, ({ st: state }) => {
    assert.equal(state.context_b, 'started b')
    assert.equal(state.context_a, 'started a')
    throw new OtherDependencyError('other')
  })
  app.get('/context_b_bg', { deps: { st: contextB } }, ({ st: state, background }) => {
    background.add(async (s: Record<string, string>) => {
      s.bg = `bg set - b: ${s.context_b} - a: ${s.context_a}`
    }, state)
    return { ...state }
  })
  const client = new TestClient(app)

  test('async generator: value, then teardown', async () => {
    reset()
    const res = await client.get('/async')
    assert.equal(res.status, 200)
    assert.equal(res.json(), 'asyncgen started')
    assert.equal(state['/async'], 'asyncgen completed')
  })

  test('sync generator: value, then teardown', async () => {
    reset()
    const res = await client.get('/sync')
    assert.equal(res.json(), 'generator started')
    assert.equal(state['/sync'], 'generator completed')
  })

  for (const [kind, path, key] of [
    ['async', '/async_raise', '/async_raise'],
    ['sync', '/sync_raise', '/sync_raise'],
  ] as const) {
    test(`${kind}: another error passes through the generator's finally, uncaught by its except`, async () => {
      reset()
      await assert.rejects(client.get(`${path}_other`), OtherDependencyError)
      assert.equal(state[key], `${kind === 'async' ? 'asyncgen' : 'generator'} raise finalized`)
      assert.ok(!errors.includes(key))
    })
    test(`${kind}: the handler's error is thrown into the generator, which rethrows it`, async () => {
      reset()
      await assert.rejects(client.get(path), kind === 'async' ? AsyncDependencyError : SyncDependencyError)
      assert.equal(state[key], `${kind === 'async' ? 'asyncgen' : 'generator'} raise finalized`)
      assert.deepEqual(errors, [key])
    })
    test(`${kind}: without raising server exceptions, a 500`, async () => {
      reset()
      const res = await new TestClient(app, { raiseServerExceptions: false }).get(path)
      assert.equal(res.status, 500)
      assert.equal(res.text, 'Internal Server Error')
      assert.deepEqual(errors, [key])
    })
  }

  test('teardown in reverse order: the dependant before its sub-dependency', async () => {
    reset()
    const res = await client.get('/context_b')
    const body = res.json<Record<string, string>>()
    assert.equal(body.context_b, 'started b')
    assert.equal(body.context_a, 'started a')
    assert.equal(state.context_b, 'finished b with a: started a')
    assert.equal(state.context_a, 'finished a')
  })

  test('teardown order holds when the handler throws', async () => {
    reset()
    await assert.rejects(client.get('/context_b_raise'), OtherDependencyError)
    assert.equal(state.context_b, 'finished b with a: started a')
    assert.equal(state.context_a, 'finished a')
  })

  test('background tasks run after the response, with request-scoped dependencies still open', async () => {
    reset()
    const res = await client.get('/context_b_bg')
    assert.equal(res.json<{ bg: string }>().bg, 'not set')
    const sent = JSON.parse(res.headers.get('x-state')!)
    assert.equal(sent.context_b, 'started b')
    assert.equal(sent.context_a, 'started a')
    assert.equal(sent.bg, 'not set')
    assert.equal(state.bg, 'bg set - b: started b - a: started a')
    assert.equal(state.context_b, 'finished b with a: started a')
    assert.equal(state.context_a, 'finished a')
  })
})

describe('tutorial008b: a generator translates the handler error into an HTTPException', () => {
  class OwnerError extends Error {}
  const data: Record<string, { description: string; owner: string }> = {
    plumbus: { description: 'Freshly pickled plumbus', owner: 'Morty' },
    'portal-gun': { description: 'Gun to create portals', owner: 'Rick' },
  }
  const getUsername = depends(function* () {
    try {
      yield 'Rick'
    } catch (error) {
      if (error instanceof OwnerError) throw new HTTPException(400, `Owner error: ${error.message}`)
      throw error
    }
  })
  const app = new App()
  app.get(
    '/items/{item_id}',
    { path: { item_id: z.string() }, deps: { username: getUsername } },
    ({ path, username }) => {
      const item = data[path.item_id]
      if (item === undefined) throw new HTTPException(404, 'Item not found')
      if (item.owner !== username) throw new OwnerError(username)
      return item
    },
  )
  const client = new TestClient(app)

  test('an HTTPException passes through', async () => {
    const res = await client.get('/items/foo')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), { detail: 'Item not found' })
  })
  test('the owner error becomes a 400', async () => {
    const res = await client.get('/items/plumbus')
    assert.equal(res.status, 400)
    assert.deepEqual(res.json(), { detail: 'Owner error: Rick' })
  })
  test('the happy path', async () => {
    const res = await client.get('/items/portal-gun')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { description: 'Gun to create portals', owner: 'Rick' })
  })
})

describe('tutorial008c/008d: a generator that swallows the error, and one that rethrows it', () => {
  class InternalError extends Error {}
  const swallowing = depends(function* () {
    try {
      yield 'Rick'
    } catch (error) {
      if (!(error instanceof InternalError)) throw error
      // "Oops, we didn't raise again": the request must not end in a silent 200.
    }
  })
  const rethrowing = depends(function* () {
    try {
      yield 'Rick'
    } catch (error) {
      if (error instanceof InternalError) {
        // logged, then raised again
      }
      throw error
    }
  })
  for (const [name, dep] of [
    ['008c', swallowing],
    ['008d', rethrowing],
  ] as const) {
    const app = new App({ logger: silentLogger })
    app.get(
      '/items/{item_id}',
      { path: { item_id: z.string() }, deps: { username: dep } },
      ({ path, username }) => {
        if (path.item_id === 'portal-gun') {
          throw new InternalError(`The portal gun is too dangerous to be owned by ${username}`)
        }
        if (path.item_id !== 'plumbus')
          throw new HTTPException(404, "Item not found, there's only a plumbus here")
        return path.item_id
      },
    )

    test(`${name}: the 404 passes through`, async () => {
      const res = await new TestClient(app).get('/items/foo')
      assert.equal(res.status, 404)
      assert.deepEqual(res.json(), { detail: "Item not found, there's only a plumbus here" })
    })
    test(`${name}: the happy path`, async () => {
      const res = await new TestClient(app).get('/items/plumbus')
      assert.equal(res.status, 200)
      assert.equal(res.json(), 'plumbus')
    })
    test(`${name}: the internal error is raised`, async () => {
      if (name === '008c') {
        await assert.rejects(new TestClient(app).get('/items/portal-gun'), (error: unknown) => {
          assert.ok(error instanceof DependencySwallowedError)
          assert.ok(error.original instanceof InternalError)
          return true
        })
      } else {
        await assert.rejects(
          new TestClient(app).get('/items/portal-gun'),
          new InternalError('The portal gun is too dangerous to be owned by Rick'),
        )
      }
    })
    test(`${name}: a 500, not a 200`, async () => {
      const res = await new TestClient(app, { raiseServerExceptions: false }).get('/items/portal-gun')
      assert.equal(res.status, 500)
      assert.equal(res.text, 'Internal Server Error')
    })
  }
})

describe('tutorial008e and test_dependency_yield_scope: function vs request scope', () => {
  const log: string[] = []
  const getUsername = depends(
    function* () {
      try {
        yield 'Rick'
      } finally {
        log.push('cleanup')
      }
    },
    { scope: 'function' },
  )
  const app008e = new App()
  app008e.use(async (_ctx, next) => {
    const reply = await next()
    log.push('response')
    return reply
  })
  app008e.get('/users/me', { deps: { username: getUsername } }, ({ username }) => username)

  test('008e: a function-scoped teardown runs before the response is sent', async () => {
    log.length = 0
    const res = await new TestClient(app008e).get('/users/me')
    assert.equal(res.json(), 'Rick')
    assert.deepEqual(log, ['cleanup', 'response'])
  })

  class Session {
    open = true
  }
  const depSession = function* () {
    const s = new Session()
    yield s
    s.open = false
  }
  const sessionFunc = depends(depSession, { scope: 'function' })
  const sessionRequest = depends(depSession, { scope: 'request' })
  const sessionDefault = sessionRequest
  const getNamedSession = depends(
    { session: sessionRequest, session_b: sessionDefault },
    function* ({ session, session_b }) {
      assert.equal(session, session_b)
      const named = { name: 'named', open: true }
      yield [named, session_b] as const
      named.open = false
    },
  )
  const getNamedFuncSession = depends({ session: sessionFunc }, function* ({ session }) {
    const named = { name: 'named', open: true }
    yield [named, session] as const
    named.open = false
  })
  const namedFuncScoped = depends(
    { session: sessionFunc },
    function* ({ session }) {
      const named = { name: 'named', open: true }
      yield [named, session] as const
      named.open = false
    },
    { scope: 'function' },
  )
  const regularSessions = depends(
    { session: sessionFunc },
    ({ session }) => [{ name: 'named', open: true }, session] as const,
  )

  const app = new App({ logger: silentLogger })
  // Async generator handlers stream JSON Lines: the body is produced after the handler returned.
  app.get('/function-scope', { deps: { session: sessionFunc } }, async function* ({ session }) {
    yield { is_open: session.open }
  })
  app.get('/request-scope', { deps: { session: sessionRequest } }, async function* ({ session }) {
    yield { is_open: session.open }
  })
  app.get(
    '/two-scopes',
    { deps: { function_session: sessionFunc, request_session: sessionRequest } },
    async function* ({ function_session, request_session }) {
      yield { func_is_open: function_session.open, req_is_open: request_session.open }
    },
  )
  app.get('/sub', { deps: { sessions: getNamedSession } }, async function* ({ sessions }) {
    yield { named_session_open: sessions[0].open, session_open: sessions[1].open }
  })
  app.get('/named-function-scope', { deps: { sessions: namedFuncScoped } }, async function* ({ sessions }) {
    yield { named_session_open: sessions[0].open, session_open: sessions[1].open }
  })
  app.get('/regular-function-scope', { deps: { sessions: regularSessions } }, async function* ({ sessions }) {
    yield { named_session_open: sessions[0].open, session_open: sessions[1].open }
  })
  const raiseAfterYield = (scope: 'function' | 'request') =>
    depends(
      function* raise_after_yield() {
        yield
        throw new HTTPException(503, 'Exception after yield')
      },
      { scope },
    )
  const router = new Router()
  router.get('/', () => ({ status: 'ok' }))
  app.include(router, { prefix: '/router-scope-function', dependencies: [raiseAfterYield('function')] })
  app.include(router, { prefix: '/router-scope-request', dependencies: [raiseAfterYield('request')] })
  const client = new TestClient(app, { raiseServerExceptions: false })
  const line = async (url: string) => {
    const res = await client.get(url)
    assert.equal(res.status, 200, res.text)
    return JSON.parse(res.text.trim())
  }

  test('function scope: closed while the body streams', async () =>
    assert.deepEqual(await line('/function-scope'), { is_open: false }))
  test('request scope: open while the body streams', async () =>
    assert.deepEqual(await line('/request-scope'), { is_open: true }))
  test('two scopes on one route', async () =>
    assert.deepEqual(await line('/two-scopes'), { func_is_open: false, req_is_open: true }))
  test('a request-scoped generator over request-scoped ones, one session cached for both names', async () =>
    assert.deepEqual(await line('/sub'), { named_session_open: true, session_open: true }))
  test('a function-scoped generator over a function-scoped one', async () =>
    assert.deepEqual(await line('/named-function-scope'), { named_session_open: false, session_open: false }))
  test('a plain function may depend on a function-scoped generator', async () =>
    assert.deepEqual(await line('/regular-function-scope'), {
      named_session_open: true,
      session_open: false,
    }))

  test('an include-level function-scoped teardown error becomes the response', async () => {
    const res = await client.get('/router-scope-function/')
    assert.equal(res.status, 503)
    assert.deepEqual(res.json(), { detail: 'Exception after yield' })
  })
  test('an include-level request-scoped teardown error comes after the response: still 200', async () => {
    const res = await client.get('/router-scope-request/')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { status: 'ok' })
  })
  test('app-level, function scope: 503', async () => {
    const app2 = new App({ dependencies: [raiseAfterYield('function')] })
    app2.get('/app-scope-function', () => ({ status: 'ok' }))
    const res = await new TestClient(app2).get('/app-scope-function')
    assert.equal(res.status, 503)
    assert.deepEqual(res.json(), { detail: 'Exception after yield' })
  })
  test('app-level, request scope: 200, the failure is logged after the response', async () => {
    const logged: string[] = []
    const logger = { ...silentLogger, error: (_d: Record<string, unknown>, m: string) => void logged.push(m) }
    const app2 = new App({ dependencies: [raiseAfterYield('request')], logger })
    app2.get('/app-scope-request', () => ({ status: 'ok' }))
    const res = await new TestClient(app2, { raiseServerExceptions: false }).get('/app-scope-request')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { status: 'ok' })
    assert.equal(logged.length, 1)
  })

  test('a request-scoped generator depending on a function-scoped one is a ConfigError', () => {
    const broken = new App()
    broken.get('/broken-scope', { deps: { sessions: getNamedFuncSession } }, () => null)
    assert.throws(
      () => runtimeOf(broken).dispatcher(),
      (error: unknown) =>
        error instanceof ConfigError &&
        /scope "request"/.test(error.message) &&
        /"function"/.test(error.message),
    )
  })
  test('…also on the first request', async () => {
    const broken = new App({ logger: silentLogger })
    broken.get('/broken-scope', { dependencies: [getNamedFuncSession] }, () => null)
    await assert.rejects(new TestClient(broken).get('/broken-scope'), ConfigError)
  })
})

describe('teardown timing against the response, background tasks and a stream', () => {
  test('request scope closes after the streamed body and after background tasks', async () => {
    const log: string[] = []
    const requestDep = depends(async function* () {
      log.push('request setup')
      yield 'r'
      log.push('request teardown')
    })
    const functionDep = depends(
      async function* () {
        log.push('function setup')
        yield 'f'
        log.push('function teardown')
      },
      { scope: 'function' },
    )
    const app = new App()
    app.get('/', { deps: { r: requestDep, f: functionDep } }, ({ background }) => {
      background.add(() => log.push('task'))
      log.push('handler')
      // The body is produced after the handler has returned, as a StreamingResponse's is.
      return (async function* () {
        yield 1
        log.push('streamed 1')
        yield 2
        log.push('streamed 2')
      })()
    })
    const res = await new TestClient(app).get('/')
    assert.equal(res.text, '1\n2\n')
    assert.deepEqual(log, [
      'request setup',
      'function setup',
      'handler',
      'function teardown',
      'streamed 1',
      'streamed 2',
      'task',
      'request teardown',
    ])
  })

  test('on a validation error, already-opened generators still close', async () => {
    const log: string[] = []
    const opened = depends(function* () {
      log.push('open')
      try {
        yield 1
      } finally {
        log.push('close')
      }
    })
    const app = new App()
    app.get('/', { deps: { opened }, query: { q: z.int() } }, () => null)
    const res = await new TestClient(app).get('/?q=x')
    assert.equal(res.status, 422)
    assert.deepEqual(log, ['open', 'close'])
  })

  test('a generator that returns without yielding is an error (500)', async () => {
    const app = new App({ logger: silentLogger })
    const never = depends(function* () {})
    app.get('/', { deps: { never } }, () => null)
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/')
    assert.equal(res.status, 500)
  })
})
