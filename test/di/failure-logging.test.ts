// What the log says when a dependency fails with an error nothing handles: the dependency as the
// user wrote it (its function's name, or its key when the function has none) and the route,
// never the `Dependency.fn` of a stack frame.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, depends, type Logger, TestClient } from '../../src/index.js'

interface Logged {
  message: string
  details: Record<string, unknown>
}

/** Remembers every error logged. */
function recordingLogger(): Logger & { errors: Logged[] } {
  const errors: Logged[] = []
  return { errors, error: (details, message) => void errors.push({ message, details }), warn() {}, info() {} }
}

/** Requests `path` of an app, expecting a 500, and returns the one error the app logged. */
async function loggedFor(
  app: App,
  logger: ReturnType<typeof recordingLogger>,
  path: string,
): Promise<Logged> {
  logger.errors.length = 0
  const res = await new TestClient(app, { raiseServerExceptions: false }).get(path)
  assert.equal(res.status, 500)
  assert.equal(logger.errors.length, 1, 'one error logged')
  return logger.errors[0]!
}

/** What opening a connection that fails does: throw before anything is yielded. */
function refuse(reason: string): never {
  throw new Error(reason)
}

async function unreachable(reason: string): Promise<never> {
  await Promise.resolve()
  return refuse(reason)
}

describe('an unhandled error from a dependency is logged with its name and the route', () => {
  const logger = recordingLogger()
  const app = new App({ logger })
  const get_db = depends(function get_db() {
    throw new Error('database unreachable')
  })
  app.get('/items/{item_id}', { path: { item_id: z.int() }, deps: { db: get_db } }, ({ db }) => db)

  test('the message and the details name the function and the route', async () => {
    const logged = await loggedFor(app, logger, '/items/5')
    assert.equal(logged.message, 'Unhandled error in dependency get_db of GET /items/{item_id}')
    assert.equal(logged.details.dependency, 'get_db')
    assert.equal(logged.details.route, '/items/{item_id}')
    assert.equal(logged.details.method, 'GET')
    assert.equal(logged.details.url, '/items/5')
    assert.equal((logged.details.err as Error).message, 'database unreachable')
  })

  test("the stack's top frame is the function, not Dependency.fn", async () => {
    const { stack } = (await loggedFor(app, logger, '/items/5')).details.err as Error
    const top = stack!.split('\n')[1]!
    assert.match(top, /^\s+at get_db \(/)
    assert.doesNotMatch(stack!, /Dependency\.(fn|get_db)/)
  })
})

describe('every kind of dependency function is named', () => {
  const logger = recordingLogger()
  const app = new App({ logger })
  const failing = {
    async: depends(async function get_user() {
      await Promise.resolve()
      throw new Error('no user')
    }),
    generator: depends(async function* get_session() {
      yield await unreachable('no session')
    }),
    syncGenerator: depends(function* open_file() {
      yield refuse('no file')
    }),
    neverYields: depends(async function* get_lock() {}),
    givenName: depends(
      () => {
        throw new Error('no cache')
      },
      { name: 'cache' },
    ),
  }
  for (const [key, dependency] of Object.entries(failing)) {
    app.get(`/${key}`, { deps: { value: dependency } }, ({ value }) => value)
  }

  for (const [key, name] of [
    ['async', 'get_user'],
    ['generator', 'get_session'],
    ['syncGenerator', 'open_file'],
    ['neverYields', 'get_lock'],
    ['givenName', 'cache'],
  ] as const) {
    test(`${key}: ${name}`, async () => {
      const logged = await loggedFor(app, logger, `/${key}`)
      assert.equal(logged.message, `Unhandled error in dependency ${name} of GET /${key}`)
    })
  }
})

describe('an anonymous dependency is named by where the route holds it', () => {
  const logger = recordingLogger()
  const app = new App({ logger })
  const getDb = depends(async function* () {
    yield await unreachable('database unreachable')
  })
  const currentUser = depends({ db: getDb }, ({ db }) => db)
  const audit = depends(() => {
    throw new Error('audit log full')
  })
  app.get('/me', { deps: { user: currentUser } }, ({ user }) => user)
  app.get('/direct', { deps: { db: getDb } }, ({ db }) => db)
  app.get('/audited', { dependencies: [audit] }, () => ({ ok: true }))

  test('by its key', async () => {
    const logged = await loggedFor(app, logger, '/direct')
    assert.equal(logged.message, 'Unhandled error in dependency db of GET /direct')
  })

  test('by the keys down to it', async () => {
    const logged = await loggedFor(app, logger, '/me')
    assert.equal(logged.message, 'Unhandled error in dependency user.db of GET /me')
  })

  test('by its place among the value-less dependencies', async () => {
    const logged = await loggedFor(app, logger, '/audited')
    assert.equal(logged.message, 'Unhandled error in dependency dependencies[0] of GET /audited')
  })
})

describe('errors that are not a dependency function’s', () => {
  const logger = recordingLogger()
  const app = new App({ logger })
  const get_db = depends(function get_db() {
    return { items: [] }
  })
  app.get('/handler-fails', { deps: { db: get_db } }, () => {
    throw new Error('handler bug')
  })
  app.use(async (ctx, next) => {
    if (ctx.path === '/middleware-fails') throw new Error('middleware bug')
    return next()
  })

  test('a handler failing after its dependencies: the route only', async () => {
    const logged = await loggedFor(app, logger, '/handler-fails')
    assert.equal(logged.message, 'Unhandled error while handling GET /handler-fails')
    assert.equal(logged.details.dependency, undefined)
  })

  test('no route matched: the request', async () => {
    const logged = await loggedFor(app, logger, '/middleware-fails')
    assert.equal(logged.message, 'Unhandled error while handling a request')
    assert.equal(logged.details.route, undefined)
  })
})

describe('an override that fails is named as the override', () => {
  const logger = recordingLogger()
  const app = new App({ logger })
  const get_db = depends(function get_db() {
    return 'real database'
  })
  app.get('/items', { deps: { db: get_db } }, ({ db }) => db)
  app.dependencyOverrides.set(
    get_db,
    depends(function fake_db() {
      throw new Error('fake database unreachable')
    }),
  )

  test('fake_db', async () => {
    const logged = await loggedFor(app, logger, '/items')
    assert.equal(logged.message, 'Unhandled error in dependency fake_db of GET /items')
  })
})
