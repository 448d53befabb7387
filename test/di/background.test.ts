// Background tasks ported from FastAPI: docs_src/background_tasks/tutorial001-002 and
// FASTAPI-CONTRACT §1.11 (one shared list, insertion order, after the response, isolation).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { runtimeOf } from '../../src/app-runtime.js'
import {
  App,
  BackgroundTasks,
  ConfigError,
  depends,
  HTTPException,
  type Logger,
  TestClient,
} from '../../src/index.js'

/** A logger that remembers what it was told, to check failures are reported. */
function recordingLogger() {
  const calls: { details: Record<string, unknown>; message: string }[] = []
  const logger: Logger = {
    error: (details, message) => void calls.push({ details, message }),
    warn() {},
    info() {},
  }
  return { logger, calls }
}

describe('tutorial001: a task added by the handler', () => {
  const log: string[] = []
  const writeNotification = (email: string, message = '') => {
    log.push(`notification for ${email}: ${message}`)
  }
  const app = new App()
  app.post('/send-notification/{email}', { path: { email: z.string() } }, ({ path, background }) => {
    background.add(writeNotification, path.email, 'some notification')
    return { message: 'Notification sent in the background' }
  })

  test('the task has run when the client has the response', async () => {
    const res = await new TestClient(app).post('/send-notification/foo@example.com')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { message: 'Notification sent in the background' })
    assert.deepEqual(log, ['notification for foo@example.com: some notification'])
  })
})

describe("tutorial002: a dependency's task runs before the handler's, one shared list", () => {
  let file = ''
  const writeLog = (message: string) => {
    file += message
  }
  const getQuery = depends({ query: { q: z.string().nullable().default(null) } }, ({ query, background }) => {
    if (query.q) background.add(writeLog, `found query: ${query.q}\n`)
    return query.q
  })
  const app = new App()
  app.post(
    '/send-notification/{email}',
    { path: { email: z.string() }, deps: { q: getQuery } },
    ({ path, background }) => {
      background.add(writeLog, `message to ${path.email}\n`)
      return { message: 'Message sent' }
    },
  )
  const client = new TestClient(app)

  test('both lines, in order', async () => {
    file = ''
    const res = await client.post('/send-notification/foo@example.com?q=some-query')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { message: 'Message sent' })
    assert.equal(file, 'found query: some-query\nmessage to foo@example.com\n')
  })
  test('without q, only the handler line', async () => {
    file = ''
    await client.post('/send-notification/foo@example.com')
    assert.equal(file, 'message to foo@example.com\n')
  })
  test('the dependency and the handler see the same list', async () => {
    const seen: BackgroundTasks[] = []
    const grab = depends(({ background }) => {
      seen.push(background)
      return background
    })
    const app2 = new App()
    app2.get('/', { deps: { tasks: grab } }, ({ tasks, background }) => {
      assert.equal(tasks, background)
      assert.ok(background instanceof BackgroundTasks)
      return null
    })
    assert.equal((await new TestClient(app2).get('/')).status, 200)
    assert.equal(seen.length, 1)
  })
})

describe('order, isolation and timing', () => {
  test('tasks run in insertion order, sync and async, after the response was built', async () => {
    const log: string[] = []
    const app = new App()
    app.use(async (_ctx, next) => {
      const reply = await next()
      log.push('response')
      return reply
    })
    app.get('/', ({ background }) => {
      background.add(async (n: number) => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        log.push(`async ${n}`)
      }, 1)
      background.add((n: number) => void log.push(`sync ${n}`), 2)
      log.push('handler')
      return null
    })
    await new TestClient(app).get('/')
    assert.deepEqual(log, ['handler', 'response', 'async 1', 'sync 2'])
  })

  test('a failing task is logged with the request id and the next still runs', async () => {
    const { logger, calls } = recordingLogger()
    const log: string[] = []
    const app = new App({ logger })
    app.get('/', ({ background }) => {
      background.add(() => log.push('first'))
      background.add(() => {
        throw new Error('task failed')
      })
      background.add(async () => {
        throw new Error('async task failed')
      })
      background.add(() => log.push('last'))
      return { ok: true }
    })
    const res = await new TestClient(app).get('/', { headers: { 'x-request-id': 'req-42' } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { ok: true })
    assert.deepEqual(log, ['first', 'last'])
    assert.equal(calls.length, 2)
    assert.deepEqual(
      calls.map((c) => (c.details.err as Error).message),
      ['task failed', 'async task failed'],
    )
    assert.ok(calls.every((c) => c.details.requestId === 'req-42'))
  })

  test('a task sees request-scoped dependencies still open; teardown runs after the last task', async () => {
    const log: string[] = []
    const session = depends(async function* () {
      const s = { open: true }
      yield s
      s.open = false
      log.push('teardown')
    })
    const app = new App()
    app.get('/', { deps: { session } }, ({ session, background }) => {
      background.add(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5))
        log.push(`task sees open=${session.open}`)
      })
      return null
    })
    await new TestClient(app).get('/')
    assert.deepEqual(log, ['task sees open=true', 'teardown'])
  })

  test('a task added by a generator dependency after yield is too late to run, as in FastAPI', async () => {
    // Request-scoped teardown runs after the tasks, so a task queued there is never run.
    const log: string[] = []
    const late = depends(function* ({ background }) {
      yield null
      background.add(() => log.push('late task'))
    })
    const app = new App()
    app.get('/', { deps: { late } }, () => 'ok')
    const res = await new TestClient(app).get('/')
    assert.equal(res.status, 200)
    assert.deepEqual(log, [])
  })

  test('no tasks are run when the request fails validation', async () => {
    const log: string[] = []
    const queued = depends(({ background }) => {
      background.add(() => log.push('task'))
    })
    const app = new App()
    app.get('/', { dependencies: [queued], query: { n: z.int() } }, () => null)
    const res = await new TestClient(app).get('/?n=x')
    assert.equal(res.status, 422)
    assert.deepEqual(log, [])
  })

  test("a handler's HTTPException drops the tasks queued so far", async () => {
    const log: string[] = []
    const queued = depends(({ background }) => {
      background.add(() => log.push('dependency task'))
    })
    const app = new App()
    app.get('/', { dependencies: [queued] }, ({ background }) => {
      background.add(() => log.push('handler task'))
      throw new HTTPException(404, 'Not here')
    })
    const res = await new TestClient(app).get('/')
    assert.equal(res.status, 404)
    assert.deepEqual(log, [])
  })

  test('background.add rejects a non-function', () => {
    const tasks = new BackgroundTasks()
    assert.throws(() => tasks.add(42 as never), TypeError)
  })
})

describe('background tasks on routes without dependencies', () => {
  test('tasks queued before the handler failed do not run', async () => {
    const ran: string[] = []
    const app = new App()
    app.get('/fail', ({ background }) => {
      background.add(() => ran.push('task'))
      throw new HTTPException(400, 'no')
    })
    const res = await new TestClient(app).get('/fail')
    assert.equal(res.status, 400)
    assert.deepEqual(ran, [])
  })

  test('a dependency name the context already uses is a configuration error', async () => {
    const app = new App()
    app.get('/x', { deps: { state: depends(() => 1) } } as never, (() => null) as never)
    assert.throws(() => runtimeOf(app).dispatcher(), ConfigError)
  })
})
