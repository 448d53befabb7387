// A server that cannot listen (its port in use, a privileged port, an address that is not this
// machine's): a script ends with one line naming the address and exit code 1, as uvicorn does,
// while a caller that catches the ListenError decides what happens next.
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { App, ConfigError, ListenError, type Logger, silentLogger } from '../../src/index.js'
import { runFixture } from '../child-process.js'

const SCRIPT = 'test/server/fixtures/listen.ts'

function occupy(port: number, host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(port, host, () => resolve(server))
  })
}

function portOf(server: Server): number {
  return (server.address() as { port: number }).port
}

/** The one line a failed script leaves on stderr, checked to be the only one. */
function oneLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '')
  assert.equal(lines.length, 1, `one line on stderr, got:\n${stderr}`)
  return lines[0]!
}

describe('a script whose server cannot listen ends with one line and exit code 1', () => {
  let blocker: Server
  before(async () => {
    blocker = await occupy(0)
  })
  after(() => {
    blocker.close()
  })

  test('a port in use', async () => {
    const port = portOf(blocker)
    const run = await runFixture(SCRIPT, { env: { PORT: String(port) } })
    assert.equal(run.code, 1)
    assert.equal(
      oneLine(run.stderr),
      `ListenError: Cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE); ` +
        'stop the server using it or choose another port.',
    )
    assert.equal(run.stdout, '')
  })

  test('a program with its own handler for uncaught errors gets the ListenError instead', async () => {
    const run = await runFixture(SCRIPT, { env: { PORT: String(portOf(blocker)), REPORTER: '1' } })
    assert.equal(run.code, 3)
    assert.equal(run.stdout, 'reported ListenError EADDRINUSE\n')
    assert.equal(run.stderr, '')
  })

  test('an address that is not this machine’s', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never assigned to a real interface.
    const run = await runFixture(SCRIPT, { env: { PORT: '8000', HOST: '192.0.2.1' } })
    assert.equal(run.code, 1)
    assert.match(
      oneLine(run.stderr),
      /^ListenError: Cannot listen on 192\.0\.2\.1:8000: the address is not available on this machine \(EADDRNOTAVAIL\); listen on 127\.0\.0\.1, on 0\.0\.0\.0/,
    )
  })

  test('a privileged port', async (t) => {
    const user = await refusedPort80()
    if (user === undefined) {
      t.skip('every user of this machine may listen on port 80')
      return
    }
    const run = await runFixture(SCRIPT, { env: { PORT: '80' }, ...user })
    assert.equal(run.code, 1)
    assert.equal(
      oneLine(run.stderr),
      'ListenError: Cannot listen on 127.0.0.1:80: permission denied (EACCES); ports below 1024 need ' +
        'privileges: choose a port of 1024 or above.',
    )
  })
})

/**
 * Who is refused port 80: this process, or as root the user nobody (65534); undefined when the
 * system lets everyone listen there (Linux's ip_unprivileged_port_start, often 0 in containers).
 */
async function refusedPort80(): Promise<{ uid?: number } | undefined> {
  const setting = '/proc/sys/net/ipv4/ip_unprivileged_port_start'
  const unprivilegedFrom = existsSync(setting) ? Number(readFileSync(setting, 'utf8')) : undefined
  if (unprivilegedFrom !== undefined && unprivilegedFrom <= 80) return undefined
  if (process.getuid?.() === 0) return unprivilegedFrom === undefined ? undefined : { uid: 65534 }
  const refused = await occupy(80).then(
    (server) => void server.close(),
    (error: NodeJS.ErrnoException) => error.code === 'EACCES',
  )
  return refused ? {} : undefined
}

describe('a caller that catches the ListenError decides what happens', () => {
  test('over a real process: the port in use is reported to it, and another port works', async () => {
    const blocker = await occupy(0)
    try {
      const port = portOf(blocker)
      const run = await runFixture('test/server/fixtures/listen-or-fallback.ts', {
        env: { PORT: String(port) },
      })
      assert.equal(run.code, 0, run.stderr)
      const [inUse, serving] = run.stdout.trim().split('\n')
      assert.equal(inUse, `127.0.0.1:${port} is in use`)
      assert.match(serving!, /^serving on \d+$/)
      assert.doesNotMatch(run.stderr, /ListenError|EADDRINUSE/)
    } finally {
      blocker.close()
    }
  })

  test('the error carries the code, host, port and the system error; the lifespan was shut down', async () => {
    const blocker = await occupy(0)
    const port = portOf(blocker)
    const events: string[] = []
    const app = new App({
      logger: silentLogger,
      lifespan: async function* () {
        events.push('startup')
        yield {}
        events.push('shutdown')
      },
    })
    try {
      await assert.rejects(app.listen({ port, handleSignals: false }), (error) => {
        assert.ok(error instanceof ListenError)
        assert.equal(error.code, 'EADDRINUSE')
        assert.equal(error.host, '127.0.0.1')
        assert.equal(error.port, port)
        assert.equal((error.cause as NodeJS.ErrnoException).code, 'EADDRINUSE')
        return true
      })
      assert.deepEqual(events, ['startup', 'shutdown'])
    } finally {
      blocker.close()
    }
  })
})

describe('listen() options', () => {
  test('a port outside 0–65535 is a ConfigError', async () => {
    const app = new App({ logger: silentLogger })
    await assert.rejects(app.listen({ port: 70_000, handleSignals: false }), {
      name: 'ConfigError',
      message: 'port must be a whole number from 0 to 65535, got 70000.',
    })
    await assert.rejects(app.listen({ port: 80.5, handleSignals: false }), ConfigError)
  })

  test('a server that does not handle signals (tests, embedded servers) logs nothing when it starts', async () => {
    const said: string[] = []
    const record = (_details: Record<string, unknown>, message: string) => void said.push(message)
    const logger: Logger = { error: record, warn: record, info: record }
    const server = await new App({ logger }).listen({ port: 0, handleSignals: false })
    await server.close()
    assert.deepEqual(said, [])
  })
})
