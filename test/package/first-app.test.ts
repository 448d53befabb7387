// The README's "Your first app", carried out as written in a fresh project outside the repository:
// Brisk packed into a tarball and installed with zod, TypeScript and tsx from the npm registry
// (the cache that `npm ci` filled answers most of it), main.ts type-checked by the README's
// tsconfig, then started with the README's command and asked over a socket for what the README
// shows. The only text replaced is the tarball's path and, in URLs, the port (the test picks a
// free one through PORT, which main.ts reads). Skipped only when the registry cannot be reached.
import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { pack, ROOT, run } from './npm.js'
import { type ReadmeStep, readmeSteps } from './readme-steps.js'

/** The folder the README's first command makes, and the tarball path its install names. */
const PROJECT = 'first-app'
const README_TARBALL = '../brisk/brisk-0.1.0.tgz'
const README_ORIGIN = 'http://127.0.0.1:8000'

/**
 * A user's shell rather than `npm test`'s: npm's own variables (one names this repository as the
 * local prefix) and the repository's node_modules/.bin on PATH are left out. The install flags the
 * brief asks for are npm settings, so they are given here and the README's commands stay as written.
 */
const USER_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name))),
  PATH: (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !/node_modules[\\/]\.bin[\\/]?$/.test(entry))
    .join(delimiter),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
}

describe("README's first app, installed from a packed tarball", { timeout: 240_000 }, () => {
  const steps = readmeSteps(ROOT)
  const runAt = steps.findIndex((step) => step.kind === 'run')
  let dir = ''
  let project = ''
  let offline: string | undefined

  before(
    async () => {
      assert.ok(runAt > 0, 'README.md marks a first-app run step after its setup steps')
      dir = await mkdtemp(join(tmpdir(), 'brisk-first-app-'))
      project = join(dir, PROJECT)
      const tarball = join(dir, (await pack({ dryRun: false, into: dir })).filename)
      offline = await registryUnreachable()
      if (offline) return
      for (const [index, step] of steps.slice(0, runAt).entries()) {
        await carryOut(step, index === 0 ? dir : project, tarball)
      }
    },
    { timeout: 180_000 },
  )

  after(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true })
  })

  test("the README's install names the tarball this test substitutes", () => {
    const shell = steps.flatMap((step) => (step.kind === 'shell' ? [step.text] : []))
    assert.ok(shell[0]?.startsWith(`mkdir ${PROJECT} && cd ${PROJECT}\n`), shell[0])
    assert.ok(shell[0]?.includes(`npm install ${README_TARBALL} zod`), shell[0])
  })

  test("the README's tsconfig type-checks strictly with NodeNext modules (its npx tsc step passed)", (t) => {
    if (offline) return t.skip(offline)
    const { compilerOptions } = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'))
    assert.equal(compilerOptions.strict, true)
    assert.equal(compilerOptions.module, 'NodeNext')
  })

  test('installs Brisk without @scarf/scarf or swagger-ui-dist', (t) => {
    if (offline) return t.skip(offline)
    const modules = join(project, 'node_modules')
    assert.ok(existsSync(join(modules, 'brisk', 'dist', 'index.js')))
    assert.ok(!existsSync(join(modules, '@scarf')), 'node_modules/@scarf is there')
    assert.ok(!existsSync(join(modules, 'swagger-ui-dist')), 'node_modules/swagger-ui-dist is there')
  })

  test('the brisk executable runs from node_modules/.bin', async (t) => {
    if (offline) return t.skip(offline)
    const { stdout } = await run(join(project, 'node_modules', '.bin', 'brisk'), ['--help'], {
      cwd: project,
      env: USER_ENV,
    })
    assert.match(stdout, /^Usage: brisk <command>/)
  })

  describe('started with the README’s command', () => {
    let origin = ''
    let server: ChildProcess | undefined
    let output = ''

    before(async () => {
      if (offline) return
      const port = await freePort()
      origin = `http://127.0.0.1:${port}`
      const step = steps[runAt] as Extract<ReadmeStep, { kind: 'run' }>
      // Its own process group: npx starts tsx, which starts the node that serves.
      server = spawn('bash', ['-c', step.text], {
        cwd: project,
        env: { ...USER_ENV, PORT: String(port) },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      server.stdout!.on('data', (chunk) => (output += chunk))
      server.stderr!.on('data', (chunk) => (output += chunk))
      await serving(origin, server, () => output)
    })

    after(async () => {
      if (server?.pid !== undefined && server.exitCode === null) await stop(server)
    })

    test('answers the README’s requests with the bodies it shows, the 422 included', async (t) => {
      if (offline) return t.skip(offline)
      const tries = steps.flatMap((step) => (step.kind === 'try' ? step.requests : []))
      assert.ok(tries.length >= 2, 'README.md shows requests to try')
      for (const { url, body } of tries) {
        const res = await fetch(url.replace(README_ORIGIN, origin))
        assert.equal(await res.text(), body, url)
      }
    })

    test("serves Swagger UI at /docs, its script and stylesheet from Brisk's package", async (t) => {
      if (offline) return t.skip(offline)
      const docs = await fetch(`${origin}/docs`)
      assert.equal(docs.status, 200)
      const page = await docs.text()
      const script = /<script src="([^"]+swagger-ui-bundle\.js)">/.exec(page)?.[1]
      const css = /href="([^"]+swagger-ui\.css)"/.exec(page)?.[1]
      assert.ok(script && css, page)
      const bundle = await fetch(origin + script)
      assert.equal(bundle.status, 200)
      assert.ok((await bundle.text()).includes('SwaggerUIBundle'))
      assert.equal((await fetch(origin + css)).status, 200)
    })
  })
})

/** Does what one README block says, in `cwd`: writes the file or runs the commands. */
async function carryOut(step: ReadmeStep, cwd: string, tarball: string): Promise<void> {
  if (step.kind === 'file') return writeFile(join(cwd, step.name), step.text)
  if (step.kind !== 'shell') throw new Error(`README.md: a ${step.kind} step comes before the run step`)
  const script = step.text.replaceAll(README_TARBALL, tarball)
  await run('bash', ['-euo', 'pipefail', '-c', script], { cwd, env: USER_ENV, timeoutMs: 150_000 })
}

/**
 * Why the README's install cannot run here, or undefined when the registry answers. Asked once,
 * without npm's retries (which would spend minutes on a dead network before the install failed).
 */
async function registryUnreachable(): Promise<string | undefined> {
  try {
    await run('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=10000'], {
      cwd: tmpdir(),
      env: USER_ENV,
      timeoutMs: 20_000,
    })
    return undefined
  } catch (error) {
    const code = /npm error code (\S+)/.exec(String(error))?.[1] ?? 'no answer'
    return `the npm registry is unreachable (npm ping: ${code}), so the README's install cannot run`
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Waits until the server answers; fails with what it printed if it exits or takes over 30 s. */
async function serving(origin: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (server.exitCode !== null) break
    try {
      await fetch(`${origin}/openapi.json`)
      return
    } catch {
      await sleep(200)
    }
  }
  throw new Error(`the README's run command did not serve ${origin}; it printed:\n${output()}`)
}

/** SIGTERM to the group (Brisk shuts down gracefully on it), SIGKILL if it lingers. */
async function stop(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once('exit', resolve))
  process.kill(-server.pid!, 'SIGTERM')
  const timer = setTimeout(() => {
    if (server.exitCode === null) process.kill(-server.pid!, 'SIGKILL')
  }, 5000)
  await exited
  clearTimeout(timer)
}
