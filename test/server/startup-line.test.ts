// What a server that owns its process says once it listens, as uvicorn's `Uvicorn running on
// http://127.0.0.1:8000 (Press CTRL+C to quit)`: one line with its address and its docs page,
// through the app's logger. Over real processes: the line is for the person who started one.
import assert from 'node:assert/strict'
import type { ChildProcessWithoutNullStreams } from 'node:child_process'
import { describe, test } from 'node:test'
import { type ChildRun, finished, startFixture, waitForOutput } from '../child-process.js'

const SCRIPT = 'test/server/fixtures/listen.ts'

interface Started {
  child: ChildProcessWithoutNullStreams
  /** The first line the server wrote to the stream asked for. */
  line: string
  /** Everything it wrote, once it has exited. */
  end: Promise<ChildRun>
}

/** Starts the fixture and waits for the first line it writes to `stream`. */
async function start(env: Record<string, string>, stream: 'stdout' | 'stderr' = 'stderr'): Promise<Started> {
  const child = startFixture(SCRIPT, { env })
  const end = finished(child)
  const [, line] = await waitForOutput(child, /^([^\n]*)\n/, { streams: [stream] })
  return { child, line: line as string, end }
}

/** Stops the server as a user would, with CTRL+C, and waits for its exit. */
function stop({ child, end }: Started): Promise<ChildRun> {
  child.kill('SIGINT')
  return end
}

const RUNNING =
  /^\[brisk\] Running on (http:\/\/127\.0\.0\.1:\d+)(?: with docs at (\S+))? \(press CTRL\+C to quit\)$/

describe('a server that owns its process says where it runs', () => {
  test('its address and the docs page, which answers', async () => {
    const server = await start({})
    const { line } = server
    try {
      const [, url, docs] = RUNNING.exec(line) ?? assert.fail(line)
      assert.equal(docs, `${url}/docs`)
      const page = await fetch(docs!)
      assert.equal(page.status, 200)
      assert.match(await page.text(), /swagger-ui/i)
    } finally {
      assert.equal((await stop(server)).code, 0)
    }
  })

  test('the docs URL follows docsUrl and rootPath', async () => {
    const server = await start({ ROOT_PATH: '/api/v1', DOCS_URL: '/swagger' })
    const { line } = server
    try {
      const [, url, docs] = RUNNING.exec(line) ?? assert.fail(line)
      assert.equal(docs, `${url}/api/v1/swagger`)
      assert.equal((await fetch(docs!)).status, 200)
    } finally {
      await stop(server)
    }
  })

  test('without docs, only the address', async () => {
    const server = await start({ DOCS_URL: 'null' })
    const { line } = server
    try {
      assert.match(line, /^\[brisk\] Running on http:\/\/127\.0\.0\.1:\d+ \(press CTRL\+C to quit\)$/)
    } finally {
      await stop(server)
    }
  })

  test('through the app’s logger, at info level: a pino-style logger gets it, stderr stays empty', async () => {
    const server = await start({ LOGGER: 'json' }, 'stdout')
    const { line } = server
    try {
      const entry = JSON.parse(line)
      assert.equal(entry.level, 'info')
      assert.match(
        entry.msg,
        /^Running on http:\/\/127\.0\.0\.1:\d+ with docs at http:\/\/127\.0\.0\.1:\d+\/docs/,
      )
    } finally {
      assert.equal((await stop(server)).stderr, '')
    }
  })
})
