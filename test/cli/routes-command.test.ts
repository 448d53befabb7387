import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { app as hello } from '../../examples/hello/app.js'
import { isOneLineError, runBrisk, runBriskInProcess } from './run-brisk.js'

/** The table's rows as cells: columns are at least two spaces apart, and no cell holds two spaces. */
function rows(stdout: string): string[][] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/))
}

// Through runCli in this process (runBriskInProcess), except the module that listens and logs
// while it loads, which needs a real `brisk` process (runBrisk).
describe('brisk routes', () => {
  test('lists METHOD PATH NAME in matching order, docs routes marked hidden', async () => {
    const run = await runBriskInProcess(['routes', 'examples/hello/app.ts'])
    assert.equal(run.code, 0, run.stderr)
    const [header, ...body] = rows(run.stdout)
    assert.deepEqual(header, ['METHOD', 'PATH', 'NAME'])
    assert.deepEqual(
      body.map(([, path]) => path),
      hello.routes.map((route) => route.template.source),
    )
    assert.deepEqual(body.slice(-3), [
      ['GET', '/', 'root'],
      ['GET', '/items/{item_id}', 'read_item'],
      ['POST', '/items/', 'create_item'],
    ])
    assert.deepEqual(body[0]?.slice(0, 2), ['GET', '/openapi.json'])
    assert.match(body[0]![2]!, /\(hidden\)$/)
  })

  test("lists WebSocket routes after the HTTP ones, with their routers' prefixes", async () => {
    const run = await runBriskInProcess(['routes', 'test/cli/fixtures/websockets.ts'])
    assert.equal(run.code, 0, run.stderr)
    assert.deepEqual(rows(run.stdout).slice(1), [
      ['GET', '/health', 'health'],
      ['WEBSOCKET', '/ws', 'echo'],
      ['WEBSOCKET', '/live/orders/{order_id}', 'order_status'],
    ])
  })

  test('marks a route with includeInSchema: false; anonymous handlers show "-"', async () => {
    const run = await runBriskInProcess(['routes', 'test/cli/fixtures/default-export.ts'])
    assert.equal(run.code, 0, run.stderr)
    assert.deepEqual(rows(run.stdout).slice(-2), [
      ['GET', '/ping', 'ping'],
      ['GET', '/internal', '- (hidden)'],
    ])
  })

  test('--app; routers’ prefixes applied; the name option wins over the function’s name', async () => {
    const run = await runBriskInProcess(['routes', 'test/cli/fixtures/named-export.ts', '--app', 'api'])
    assert.equal(run.code, 0, run.stderr)
    assert.deepEqual(rows(run.stdout).slice(-2), [
      ['GET', '/items/{item_id}', 'get_item'],
      ['DELETE', '/items/{item_id}', 'delete_item'],
    ])
  })

  test('stdout holds only the table when the module logs and listens', async () => {
    const run = await runBrisk(['routes', 'test/cli/fixtures/listens.ts'])
    assert.equal(run.code, 0, run.stderr)
    assert.deepEqual(rows(run.stdout)[0], ['METHOD', 'PATH', 'NAME'])
    assert.deepEqual(rows(run.stdout).at(-1), ['GET', '/', 'root'])
  })

  test('errors exit 1 and usage errors exit 2, each one line on stderr', async () => {
    const failed = await runBriskInProcess(['routes', 'test/cli/fixtures/throws.ts'])
    assert.equal(failed.code, 1)
    assert.ok(isOneLineError(failed.stderr), failed.stderr)
    const usage = await runBriskInProcess(['routes', '--format', 'json', 'examples/hello/app.ts'])
    assert.equal(usage.code, 2)
    assert.ok(isOneLineError(usage.stderr), usage.stderr)
  })

  test('--help prints the usage', async () => {
    const run = await runBriskInProcess(['routes', '-h'])
    assert.equal(run.code, 0)
    assert.match(run.stdout, /^Usage: brisk routes <module>/)
  })
})
