import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import { isOneLineError, ROOT } from './run-brisk.js'
import { freePort, get, startBrisk, stopAll } from './serve-process.js'

const BRISK = pathToFileURL(join(ROOT, 'src/index.js')).href

/** A project in a temporary folder: an app whose lifespan logs, and the module it reads its message from. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'brisk-dev-'))
  mkdirSync(join(dir, 'lib'))
  mkdirSync(join(dir, 'node_modules'))
  writeFileSync(
    join(dir, 'app.ts'),
    `import { App } from '${BRISK}'
import { message } from './lib/message.js'

export const app = new App({
  lifespan: async function* () {
    console.log('startup ' + message)
    yield {}
    console.log('teardown ' + message)
  },
})
app.get('/', () => ({ message }))
`,
  )
  writeMessage(dir, 'one')
  return dir
}

function writeMessage(dir: string, message: string): void {
  writeFileSync(join(dir, 'lib', 'message.ts'), `export const message = '${message}'\n`)
}

describe('brisk dev', () => {
  const dirs: string[] = []
  afterEach(stopAll)
  after(() => {
    stopAll()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  test('a changed file restarts the server: teardown, then startup, then the new code answers', async () => {
    const dir = project()
    dirs.push(dir)
    const port = await freePort()
    const brisk = startBrisk(['dev', 'app.ts', '--port', String(port)], dir)
    await brisk.waitFor(/Running on http:\/\/127\.0\.0\.1:\d+ with docs at http:\/\/127\.0\.0\.1:\d+\/docs/)
    assert.deepEqual(JSON.parse((await get(port, '/')).body), { message: 'one' })
    await brisk.waitFor(/"GET \/ HTTP\/1\.1" 200 OK/)

    // A change under node_modules restarts nothing.
    writeFileSync(join(dir, 'node_modules', 'x.js'), 'export {}\n')
    writeMessage(dir, 'two')
    await brisk.waitFor(/Detected changes in lib\/message\.ts: restarting/)
    await brisk.waitFor(/Running on/, 2)
    const output = brisk.output()
    assert.ok(
      output.indexOf('teardown one') !== -1 && output.indexOf('teardown one') < output.indexOf('startup two'),
      output,
    )
    assert.doesNotMatch(output, /node_modules/)
    assert.deepEqual(JSON.parse((await get(port, '/')).body), { message: 'two' })

    brisk.child.kill('SIGTERM')
    assert.equal(await brisk.exited, 0)
    assert.match(brisk.output(), /teardown two/)
  })

  test('a restart that fails to load waits for the next change', async () => {
    const dir = project()
    dirs.push(dir)
    const port = await freePort()
    const brisk = startBrisk(['dev', 'app.ts', '--port', String(port)], dir)
    await brisk.waitFor(/Running on/)
    writeFileSync(join(dir, 'lib', 'message.ts'), 'export const message = (\n')
    await brisk.waitFor(/brisk: Importing app\.ts failed/)
    await brisk.waitFor(/waiting for a file change to restart it/)
    writeMessage(dir, 'fixed')
    await brisk.waitFor(/Running on/, 2)
    assert.deepEqual(JSON.parse((await get(port, '/')).body), { message: 'fixed' })
  })

  test('a missing module, or a port in use at the first start, is one line and exit code 1', async () => {
    const dir = project()
    dirs.push(dir)
    const missing = startBrisk(['dev', 'nowhere.ts'], dir)
    assert.equal(await missing.exited, 1)
    assert.ok(isOneLineError(missing.output()), missing.output())

    const port = await freePort()
    const first = startBrisk(['dev', 'app.ts', '--port', String(port)], dir)
    await first.waitFor(/Running on/)
    const second = startBrisk(['dev', 'app.ts', '--port', String(port)], dir)
    assert.equal(await second.exited, 1)
    const errors = second
      .output()
      .split('\n')
      .filter((line) => line.startsWith('brisk: '))
    assert.deepEqual(errors, [
      `brisk: Cannot listen on 127.0.0.1:${port}: the address is already in use (EADDRINUSE); stop the server using it or choose another port.`,
    ])
  })
})
