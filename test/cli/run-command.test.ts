import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:net'
import { after, afterEach, describe, test } from 'node:test'
import { isOneLineError, ROOT, runBrisk, runBriskInProcess } from './run-brisk.js'
import { freePort, get, startBrisk, stopAll } from './serve-process.js'

const SERVED = 'test/cli/fixtures/served.ts'

/** The pid of the process that answered `GET /pid`. */
async function answeringPid(port: number): Promise<number> {
  const response = await get(port, '/pid')
  assert.equal(response.status, 200)
  return (JSON.parse(response.body) as { pid: number }).pid
}

/** The pids of the workers, in the order their lifespans started (served.ts logs each). */
function startedWorkers(output: string): number[] {
  return [...output.matchAll(/lifespan startup (\d+)/g)].map((match) => Number(match[1]))
}

async function occupy(port: number): Promise<Server> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}

describe('brisk run', () => {
  afterEach(stopAll)
  after(stopAll)

  test('serves the app, logs the docs URL and each request, and stops gracefully on SIGTERM', async () => {
    const port = await freePort()
    const brisk = startBrisk(['run', SERVED, '--port', String(port)], ROOT)
    await brisk.waitFor(/Running on http:\/\/127\.0\.0\.1:\d+ with docs at http:\/\/127\.0\.0\.1:\d+\/docs/)
    assert.equal(await answeringPid(port), brisk.child.pid)
    await brisk.waitFor(/127\.0\.0\.1:\d+ - "GET \/pid HTTP\/1\.1" 200 OK/)
    const slow = get(port, '/slow')
    await new Promise((resolve) => setTimeout(resolve, 200))
    brisk.child.kill('SIGTERM')
    assert.equal((await slow).status, 200, 'the request in flight finished')
    assert.equal(await brisk.exited, 0)
    assert.match(brisk.output(), new RegExp(`lifespan shutdown ${brisk.child.pid}`))
  })

  test('--root-path serves the app behind a proxy that strips the prefix: docs and document under it', async () => {
    const port = await freePort()
    const brisk = startBrisk(['run', SERVED, '--port', String(port), '--root-path', '/api/v1'], ROOT)
    await brisk.waitFor(
      /Running on http:\/\/127\.0\.0\.1:\d+ with docs at http:\/\/127\.0\.0\.1:\d+\/api\/v1\/docs/,
    )
    // The proxy strips /api/v1: the app is asked for /pid itself.
    assert.equal(await answeringPid(port), brisk.child.pid)
    const document = JSON.parse((await get(port, '/openapi.json')).body) as { servers?: { url: string }[] }
    assert.deepEqual(document.servers, [{ url: '/api/v1' }])
    const docs = await get(port, '/docs')
    assert.match(docs.body, /\/api\/v1\/openapi\.json/)
    brisk.child.kill('SIGTERM')
    assert.equal(await brisk.exited, 0)
  })

  test('a --root-path that is not a path is a usage error', async () => {
    const run = await runBrisk(['run', SERVED, '--root-path', 'api/'])
    assert.equal(run.code, 2)
    assert.match(run.stderr, /--root-path must start with "\/" and not end with one/)
  })

  test('--no-access-log logs no line per request', async () => {
    const port = await freePort()
    const brisk = startBrisk(['run', SERVED, '--port', String(port), '--no-access-log'], ROOT)
    await brisk.waitFor(/Running on/)
    await answeringPid(port)
    brisk.child.kill('SIGTERM')
    assert.equal(await brisk.exited, 0)
    assert.doesNotMatch(brisk.output(), /"GET \/pid/)
  })

  test('a port in use is one line and exit code 1', async () => {
    const port = await freePort()
    const holder = await occupy(port)
    try {
      const run = await runBrisk(['run', SERVED, '--port', String(port)])
      assert.equal(run.code, 1)
      assert.equal(
        run.stderr.trim().split('\n').at(-1),
        `brisk: Cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE); stop the server using it or choose another port.`,
      )
    } finally {
      holder.close()
    }
  })

  test('a missing module and a module without an app are one line, exit code 1', async () => {
    const missing = await runBriskInProcess(['run', 'nowhere/app.ts'])
    assert.equal(missing.code, 1)
    assert.ok(isOneLineError(missing.stderr), missing.stderr)
    assert.match(missing.stderr, /Cannot find the module nowhere\/app\.ts/)
    const noApp = await runBriskInProcess(['run', 'test/cli/fixtures/not-an-app.ts'])
    assert.equal(noApp.code, 1)
    assert.ok(isOneLineError(noApp.stderr), noApp.stderr)
  })

  test('bad options are usage errors (exit code 2) and import nothing', async () => {
    for (const args of [
      ['--workers', '0'],
      ['--workers', 'many'],
      ['--port', '70000'],
      ['--host', ''],
    ]) {
      const run = await runBriskInProcess(['run', 'nowhere/app.ts', ...args])
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`)
      assert.ok(isOneLineError(run.stderr), run.stderr)
    }
  })
})

describe('brisk run --workers 2', () => {
  afterEach(stopAll)
  after(stopAll)

  test('a worker killed with SIGKILL is replaced, and every request meanwhile succeeds', async () => {
    const port = await freePort()
    const brisk = startBrisk(['run', SERVED, '--port', String(port), '--workers', '2'], ROOT)
    await brisk.waitFor(/Running on/, 2)
    const workers = startedWorkers(brisk.output())
    assert.equal(workers.length, 2)
    for (let index = 0; index < 4; index += 1) assert.ok(workers.includes(await answeringPid(port)))
    process.kill(workers[0]!, 'SIGKILL')
    // From the kill on, every request is answered, by the other worker until the replacement listens.
    const answered = new Set<number>()
    for (let index = 0; index < 10; index += 1) answered.add(await answeringPid(port))
    assert.ok(!answered.has(workers[0]!))
    await brisk.waitFor(/Worker \d+ exited \(SIGKILL\); restarting it in 100 ms/)
    await brisk.waitFor(/Running on/, 3)
    const [replacement] = startedWorkers(brisk.output()).slice(2)
    assert.ok(replacement !== undefined && !workers.includes(replacement))
    for (let index = 0; index < 4; index += 1)
      assert.ok([workers[1], replacement].includes(await answeringPid(port)))
    assert.equal(brisk.child.exitCode, null, 'the primary is still running')
  })

  test('SIGTERM under load: every request in flight succeeds, each worker shuts its lifespan down, exit 0', async () => {
    const port = await freePort()
    const brisk = startBrisk(['run', SERVED, '--port', String(port), '--workers', '2'], ROOT)
    await brisk.waitFor(/Running on/, 2)
    const inFlight = Array.from({ length: 20 }, () => get(port, '/slow'))
    await new Promise((resolve) => setTimeout(resolve, 300))
    brisk.child.kill('SIGTERM')
    const responses = await Promise.all(inFlight)
    assert.deepEqual(
      responses.map((response) => response.status),
      responses.map(() => 200),
    )
    assert.equal(await brisk.exited, 0)
    assert.equal(brisk.output().match(/lifespan shutdown \d+/g)?.length, 2, brisk.output())
  })

  test('a port in use stops the primary with the first worker’s one line, exit code 1', async () => {
    const port = await freePort()
    const holder = await occupy(port)
    try {
      const brisk = startBrisk(['run', SERVED, '--port', String(port), '--workers', '2'], ROOT)
      assert.equal(await brisk.exited, 1)
      const errors = brisk
        .output()
        .split('\n')
        .filter((line) => line.startsWith('brisk: '))
      assert.deepEqual(errors, [
        `brisk: Cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE); stop the server using it or choose another port.`,
      ])
    } finally {
      holder.close()
    }
  })
})
