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
  assert.equal(compilePath('/files/{rest:path}').regex!.exec('/files/a/b/c')?.[1], 'a/b/c')
})

test('a template splits at "/" into the parts the route trie indexes', () => {
  assert.deepEqual(compilePath('/').parts, [{ kind: 'literal', text: '' }])
  assert.deepEqual(compilePath('/items/{id}/').parts, [
    { kind: 'literal', text: 'items' },
    { kind: 'param' },
    { kind: 'literal', text: '' },
  ])
  // A parameter sharing its segment keeps the regex the whole-path one gives it.
  assert.deepEqual(compilePath('/d/{a}-{b}.txt').parts, [
    { kind: 'literal', text: 'd' },
    { kind: 'pattern', pattern: '([^/-]+)-([^/]+)\\.txt' },
  ])
  assert.deepEqual(compilePath('/files/{rest:path}').parts.at(-1), { kind: 'rest', pattern: undefined })
  assert.deepEqual(compilePath('/v{n}-{rest:path}').parts, [{ kind: 'rest', pattern: 'v([^/-]+)-(.*)' }])
})
