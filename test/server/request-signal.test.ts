import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, test } from 'node:test'
import { setTimeout as delay } from 'node:timers/promises'
import { App, type BriskServer, depends, silentLogger, stream } from '../../src/index.js'
import { finished, startFixture, waitForOutput } from '../child-process.js'
import { send, sleep } from './helpers.js'

/** Starts a GET and resolves with the response head; `req.destroy()` is the client leaving. */
function open(url: string) {
  return new Promise<{ req: ReturnType<typeof request>; res: IncomingMessage }>((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => resolve({ req, res }))
    req.on('error', () => {})
    req.on('error', reject)
    req.end()
  })
}

/** Resolves once `condition` holds, polling every 10 ms; rejects after `ms`. */
async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await sleep(10)
  }
}

async function withServer(app: App, run: (server: BriskServer) => Promise<void>, gracePeriodMs = 5000) {
  const server = await app.listen({ port: 0, handleSignals: false, gracePeriodMs })
  try {
    await run(server)
  } finally {
    await server.close()
  }
}

describe('ctx.signal over a real socket', () => {
  test('aborts an in-flight fetch to a slow upstream when the client leaves', async () => {
    // An upstream that never answers, and notices when its caller hangs up.
    let upstreamClosed = false
    const upstream = createServer((req) => req.on('close', () => (upstreamClosed = true)))
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
    const upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/slow`

    let failure: unknown
    const app = new App({ logger: silentLogger })
    app.get('/proxy', async ({ signal }) => {
      try {
        return await (await fetch(upstreamUrl, { signal })).text()
      } catch (error) {
        failure = error
        throw error
      }
    })
    await withServer(app, async (server) => {
      const req = request(`${server.url}/proxy`, { agent: false })
      req.on('error', () => {})
      req.end()
      await sleep(150)
      const left = Date.now()
      req.destroy()
      await waitFor(() => upstreamClosed && failure !== undefined)
      assert.ok(Date.now() - left < 1000, 'the upstream call was cut within a second')
      assert.equal((failure as Error).name, 'AbortError')
      assert.equal((failure as Error).message, 'The client disconnected')
    })
    upstream.closeAllConnections()
    upstream.close()
  })

  test('is the same signal for middleware, dependencies and the handler, and stays unaborted after a whole response', async () => {
    const seen: AbortSignal[] = []
    const app = new App({ logger: silentLogger })
    app.use((ctx, next) => {
      seen.push(ctx.signal)
      return next()
    })
    const watched = depends(({ signal }) => {
      seen.push(signal)
      return 'dep'
    })
    app.get('/', { deps: { watched } }, ({ signal, ctx }) => {
      seen.push(signal, ctx.signal)
      return { aborted: signal.aborted }
    })
    await withServer(app, async (server) => {
      const res = await send(`${server.url}/`)
      assert.deepEqual(JSON.parse(res.body), { aborted: false })
      await sleep(50)
    })
    assert.equal(seen.length, 4)
    for (const signal of seen) assert.equal(signal, seen[0])
    assert.equal(seen[0]!.aborted, false, 'a response sent whole does not abort the signal')
  })

  test('a mounted fetch handler sees its Request signal abort when the client leaves', async () => {
    let reason: unknown
    const app = new App({ logger: silentLogger })
    app.mount('/legacy', async (request: Request) => {
      if (!request.signal.aborted) {
        await new Promise((resolve) => request.signal.addEventListener('abort', resolve))
      }
      reason = request.signal.reason
      return new Response('late')
    })
    await withServer(app, async (server) => {
      const req = request(`${server.url}/legacy/wait`, { agent: false })
      req.on('error', () => {})
      req.end()
      await sleep(100)
      req.destroy()
      await waitFor(() => reason !== undefined)
      assert.equal((reason as Error).message, 'The client disconnected')
    })
  })

  for (const kind of ['sse', 'jsonl'] as const) {
    test(`a ${kind} generator's finally runs within one chunk of the client leaving`, async () => {
      let produced = 0
      let producedWhenLeft = -1
      let producedAtFinally = -1
      const app = new App({ logger: silentLogger })
      app.get('/ticks', { stream: kind === 'sse' ? 'sse' : undefined }, async function* () {
        try {
          for (;;) {
            yield { n: ++produced }
            await sleep(40)
          }
        } finally {
          producedAtFinally = produced
        }
      })
      await withServer(app, async (server) => {
        const { req, res } = await open(`${server.url}/ticks`)
        await new Promise((resolve) => res.once('data', resolve))
        producedWhenLeft = produced
        req.destroy()
        await waitFor(() => producedAtFinally !== -1, 1000)
        assert.ok(
          producedAtFinally - producedWhenLeft <= 1,
          `at most one more item after the client left (${producedWhenLeft} -> ${producedAtFinally})`,
        )
      })
    })
  }
})

describe('graceful shutdown with a stream open', () => {
  test('close() ends an SSE stream at once, as a normal end, and runs the lifespan teardown', async () => {
    const events: string[] = []
    let handlerReason: unknown
    const app = new App({
      logger: silentLogger,
      lifespan: async function* () {
        yield {}
        events.push('teardown')
      },
    })
    app.get('/events', { stream: 'sse' }, async function* ({ signal }) {
      try {
        for (let n = 0; ; n++) {
          yield { n }
          await delay(5000, undefined, { signal }) // wakes at once when shutdown aborts the signal
        }
      } finally {
        events.push('generator closed')
      }
    })
    app.get('/waits', async ({ signal }) => {
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve))
      handlerReason = signal.reason
      return { stopped: true }
    })
    const server = await app.listen({ port: 0, handleSignals: false, gracePeriodMs: 5000 })
    const { res } = await open(`${server.url}/events`)
    let body = ''
    res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
    const ended = new Promise<string>((resolve) => {
      res.on('end', () => resolve('end'))
      res.on('aborted', () => resolve('aborted'))
      res.on('error', () => resolve('error'))
    })
    const waiting = send(`${server.url}/waits`)
    await sleep(100)
    const started = Date.now()
    await server.close()
    assert.ok(Date.now() - started < 1000, `close() took ${Date.now() - started} ms of a 5 s grace period`)
    assert.equal(await ended, 'end', 'the client saw a normal end of stream')
    assert.equal(body, 'data: {"n":0}\n\n')
    assert.deepEqual(JSON.parse((await waiting).body), { stopped: true })
    assert.equal((handlerReason as Error).message, 'The server is shutting down')
    assert.deepEqual(events, ['generator closed', 'teardown'])
  })

  test('a download that is not an event stream may finish within the grace period', async () => {
    const app = new App({ logger: silentLogger })
    app.get('/download', () =>
      stream(
        (async function* () {
          yield 'part 1,'
          await sleep(300)
          yield 'part 2'
        })(),
        { contentType: 'text/csv' },
      ),
    )
    const server = await app.listen({ port: 0, handleSignals: false, gracePeriodMs: 5000 })
    const download = send(`${server.url}/download`)
    await sleep(100)
    await server.close()
    assert.equal((await download).body, 'part 1,part 2')
  })
})

test('SIGTERM with an SSE client connected exits 0 well within the grace period, after the lifespan teardown', async () => {
  const child = startFixture('test/server/fixtures/sse-shutdown.ts')
  const run = finished(child)
  const [, port] = await waitForOutput(child, /listening on (\d+)/, { streams: ['stdout'] })
  const { res } = await open(`http://127.0.0.1:${port}/events`)
  let body = ''
  res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
  const ended = new Promise<string>((resolve) => {
    res.on('end', () => resolve('end'))
    res.on('error', () => resolve('error'))
  })
  await waitFor(() => body.includes('data: {"n":1}'))
  const started = Date.now()
  child.kill('SIGTERM')
  const { code, stdout } = await run
  const elapsed = Date.now() - started
  assert.equal(code, 0)
  assert.ok(elapsed < 3000, `exited ${elapsed} ms after SIGTERM, with a 10 s grace period`)
  assert.match(stdout, /lifespan teardown/)
  assert.equal(await ended, 'end', 'the client saw a normal end of stream')
})
