import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as delay } from 'node:timers/promises'
import { App, silentLogger, TestClient } from '../../src/index.js'

test('app.fetch passes the web Request signal on as ctx.signal', async () => {
  let reason: unknown
  let started!: () => void
  const handlerStarted = new Promise<void>((resolve) => {
    started = resolve
  })
  const app = new App({ logger: silentLogger })
  app.get('/waits', async ({ signal }) => {
    const aborted = new Promise((resolve) => signal.addEventListener('abort', resolve))
    started()
    await aborted
    reason = signal.reason
    return { stopped: true }
  })
  const controller = new AbortController()
  const answer = app.fetch(new Request('http://testserver/waits', { signal: controller.signal }))
  await handlerStarted
  controller.abort(new Error('caller gave up'))
  assert.equal((await answer).status, 200)
  assert.equal((reason as Error).message, 'caller gave up')
})

test('a TestClient signal aborts ctx.signal and cancels a stream, its finally run before the call rejects', async () => {
  const events: string[] = []
  const app = new App({ logger: silentLogger })
  app.get('/events', { stream: 'sse' }, async function* ({ signal }) {
    try {
      for (let n = 0; ; n++) {
        yield { n }
        await delay(20)
      }
    } finally {
      events.push(`finally, signal aborted: ${signal.aborted}`)
    }
  })
  const client = new TestClient(app)
  await assert.rejects(client.get('/events', { signal: AbortSignal.timeout(100) }), { name: 'TimeoutError' })
  assert.deepEqual(events, ['finally, signal aborted: true'])
})

test('without a signal the handler still gets one, never aborted', async () => {
  const app = new App()
  app.get('/', ({ signal }) => ({ aborted: signal.aborted }))
  assert.deepEqual((await new TestClient(app).get('/')).json(), { aborted: false })
})
