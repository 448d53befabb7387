import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { App, silentLogger, TestClient } from '../../src/index.js'

describe('lifespan', () => {
  test('an async generator yields the state every request sees, and tears down on stop', async () => {
    const events: string[] = []
    const app = new App({
      logger: silentLogger,
      lifespan: async function* () {
        events.push('startup')
        yield { models: { answer: 42 } }
        events.push('shutdown')
      },
    })
    app.get('/answer', ({ state }) => {
      expectTypeOf(state.models.answer).toEqualTypeOf<number>()
      return { answer: state.models.answer }
    })
    {
      await using client = await TestClient.start(app)
      assert.deepEqual(events, ['startup'])
      assert.deepEqual((await client.get('/answer')).json(), { answer: 42 })
    }
    assert.deepEqual(events, ['startup', 'shutdown'])
  })

  test('startup and shutdown functions, and a fresh state copy per request', async () => {
    const events: string[] = []
    const app = new App({
      lifespan: {
        startup: () => {
          events.push('startup')
          return { hits: 0 }
        },
        shutdown: () => {
          events.push('shutdown')
        },
      },
    })
    app.get('/hit', ({ state }) => {
      state.hits += 1 // a per-request copy: the next request starts from the lifespan's value again
      return state
    })
    const client = new TestClient(app)
    await client.start()
    assert.deepEqual((await client.get('/hit')).json(), { hits: 1 })
    assert.deepEqual((await client.get('/hit')).json(), { hits: 1 })
    await client.stop()
    assert.deepEqual(events, ['startup', 'shutdown'])
  })

  test('a failing startup rejects listen() and never binds the port', async () => {
    const app = new App({
      lifespan: {
        startup: () => {
          throw new Error('database unreachable')
        },
      },
    })
    await assert.rejects(app.listen({ port: 0, handleSignals: false }), /database unreachable/)
  })

  test('closing a server runs the lifespan shutdown', async () => {
    const events: string[] = []
    const app = new App({
      lifespan: async function* () {
        yield {}
        events.push('shutdown')
      },
    })
    const server = await app.listen({ port: 0, handleSignals: false })
    await server.close()
    assert.deepEqual(events, ['shutdown'])
  })

  test('a process whose startup fails exits with a non-zero code without listening', async () => {
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/lifespan/fixtures/failing-startup.ts'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    const code = await new Promise((resolve) => child.on('exit', resolve))
    assert.notEqual(code, 0)
    assert.doesNotMatch(output, /listening/)
  })
})
