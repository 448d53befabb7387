// The README's quick start, as a newcomer meets it: `npm start` serves the shop, prints where its
// docs are and the demo accounts; logging in with the printed admin account through Swagger UI's
// "Authorize" works, and "Try it out" on GET /users/me answers as that user. Chromium with the
// network blocked, as in the other browser tests; the shop's data in a fresh directory.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { browserFor, browserTest, type DocsBrowser, noBrowser, waitForShown } from './helpers.js'

/** How long `npm start` may take to serve its docs (the bound, from a fresh data directory). */
const START_LIMIT_MS = 30_000

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

interface Started {
  child: ChildProcess
  docsUrl: string
  accounts: Map<string, { email: string; password: string }>
  millis: number
}

/** Runs `npm start -- --port <port>` and resolves once it printed the docs URL and the demo accounts. */
async function npmStart(port: number, env: NodeJS.ProcessEnv): Promise<Started> {
  const started = Date.now()
  // Its own process group: npm runs the script through a shell and tsx, and stopping means
  // stopping all of them (the server holds the output pipes open).
  const child = spawn('npm', ['start', '--silent', '--', '--port', String(port)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL')
      reject(new Error(`npm start printed no docs URL and accounts within ${START_LIMIT_MS} ms:\n${output}`))
    }, START_LIMIT_MS)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const docs = /docs at (http:\/\/\S+\/docs)/.exec(output)
      const accounts = new Map(
        [...output.matchAll(/^\s+(\w+): (\S+@\S+) \/ (\S+)$/gm)].map(([, role, email, password]) => [
          role!,
          { email: email!, password: password! },
        ]),
      )
      if (docs !== null && accounts.has('admin') && accounts.has('customer')) {
        clearTimeout(timer)
        resolve({ child, docsUrl: docs[1]!, accounts, millis: Date.now() - started })
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`npm start exited with ${code}:\n${output}`))
    })
  })
}

/** SIGTERM to npm's whole process group (the server stops gracefully), SIGKILL after 5 s. */
function stopped(child: ChildProcess): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name)
    } catch {
      // The group is gone already.
    }
  }
  return new Promise((resolve) => {
    child.stdout?.destroy()
    child.stderr?.destroy()
    if (child.exitCode !== null) {
      signal('SIGTERM')
      return resolve()
    }
    child.once('exit', () => resolve())
    signal('SIGTERM')
    setTimeout(() => signal('SIGKILL'), 5000).unref()
  })
}

describe('the quick start: npm start, then Authorize in the docs with the printed account', () => {
  let browser: DocsBrowser
  let started: Started
  const dataDir = mkdtempSync(join(tmpdir(), 'brisk-quick-start-'))

  before(async () => {
    if (noBrowser !== undefined) return
    const port = await freePort()
    started = await npmStart(port, { DATA_DIR: join(dataDir, 'shop') })
    browser = await browserFor(new URL(started.docsUrl).origin, () => stopped(started.child))
  })

  after(async () => {
    await browser?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('the docs are served and the printed admin logs in', { ...browserTest, timeout: 60_000 }, async () => {
    assert.ok(started.millis < START_LIMIT_MS, `served after ${started.millis} ms`)
    const admin = started.accounts.get('admin')!
    const { page, blocked, problems } = await browser.newPage()
    await page.goto(started.docsUrl)
    const authorize = page.getByRole('button', { name: 'Authorize', exact: true })
    await waitForShown(authorize, 'The "Authorize" button')
    await authorize.click()
    const dialog = page.locator('.dialog-ux .modal-ux')
    // The OAuth2 password form (the shop also has the WebSocket's query token scheme).
    await dialog.getByLabel('username:').fill(admin.email)
    await dialog.getByLabel('password:', { exact: true }).fill(admin.password)
    await dialog.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click()
    await waitForShown(
      dialog.getByRole('button', { name: 'Remove authorization' }).first(),
      'The "Logout" button',
    )
    await dialog.getByRole('button', { name: 'Close' }).click()

    const operation = page.locator('#operations-users-readMe_users_me_get')
    await operation.locator('.opblock-summary-control').click()
    await operation.getByRole('button', { name: 'Try it out' }).click()
    await operation.getByRole('button', { name: 'Execute' }).click()
    const response = operation.locator('.live-responses-table tr.response')
    await waitForShown(response, 'The live response')
    assert.equal((await response.locator('.response-col_status').innerText()).trim(), '200')
    const body = JSON.parse(await response.locator('.highlight-code code').innerText())
    assert.equal(body.email, admin.email)
    assert.equal(body.role, 'admin')
    assert.deepEqual(blocked, [], 'the docs needed something from another origin')
    assert.deepEqual(problems, [])
  })
})
