import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError } from '../../src/index.js'
import { compilePath } from '../../src/routing/path-template.js'

test('parameters sharing a segment match in linear time', () => {
  const template = compilePath('/d/{a}-{b}-{c}')
  assert.deepEqual(template.regex!.exec('/d/x-y-z')?.slice(1), ['x', 'y', 'z'])
  assert.deepEqual(template.regex!.exec('/d/x-y-z-w')?.slice(1), ['x', 'y', 'z-w'])
  const hostile = `/d/${'-'.repeat(16_000)}/x`
  const started = performance.now()
  assert.equal(template.regex!.exec(hostile), null)
  assert.ok(performance.now() - started < 1000, 'no catastrophic backtracking (it would take minutes)')
})

test('one parameter with a literal suffix keeps Starlette’s reading', () => {
  assert.equal(compilePath('/files/{name}.txt').regex!.exec('/files/a.b.txt')?.[1], 'a.b')
})

test('a rest-of-path parameter must end the template', () => {
  assert.throws(() => compilePath('/{rest:path}/x/{b}'), ConfigError)
  assert.equal(compilePath('/files/{rest:path}').segments!('/files/a/b/c')?.rest, 'a/b/c')
})
