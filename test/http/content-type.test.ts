import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { isJsonMediaType, parseMediaType } from '../../src/http/content-type.js'

test('parses type, subtype and parameters, lowercasing names but not values', () => {
  const mt = parseMediaType('Multipart/Form-Data; Boundary=AbC; charset="utf-8"')
  assert.equal(mt?.essence, 'multipart/form-data')
  assert.equal(mt?.type, 'multipart')
  assert.equal(mt?.subtype, 'form-data')
  assert.deepEqual({ ...mt?.params }, { boundary: 'AbC', charset: 'utf-8' })
})

test('Fastify CVE inputs get one canonical reading', () => {
  // CVE-2025-32442: case and a trailing semicolon must normalise to the same essence.
  assert.equal(parseMediaType('Application/JSON')?.essence, 'application/json')
  assert.equal(parseMediaType('application/json ;')?.essence, 'application/json')
  // CVE-2026-25223: TAB is not a separator inside the media type.
  assert.equal(parseMediaType('application/json\ta'), null)
  // CVE-2026-3419: junk after the subtype.
  assert.equal(parseMediaType('application/json garbage'), null)
  // CVE-2026-33806: leading and trailing OWS are allowed and ignored.
  assert.equal(parseMediaType('  application/json')?.essence, 'application/json')
  assert.equal(parseMediaType('\tapplication/json \t')?.essence, 'application/json')
})

test('rejects what is not a media type', () => {
  for (const bad of [
    undefined,
    '',
    ' ',
    'application',
    'application/',
    '/json',
    'application /json',
    'application/ json',
    'application/json;charset',
    'application/json; charset=',
    'application/json; charset="utf-8',
    'application/json; charset="a\u0001"',
    'application/json; =x',
    'application/json\u0000',
    'application/jsön',
    'application/json; a=1; a=2',
    'application/json; charset=utf-8 x',
    'application/json,text/plain',
  ]) {
    assert.equal(parseMediaType(bad), null, JSON.stringify(bad))
  }
})

test('quoted-string values unescape quoted-pairs', () => {
  assert.equal(parseMediaType('text/plain; a="x\\"y\\\\z"')?.params.a, 'x"y\\z')
  assert.equal(parseMediaType('text/plain; a=""')?.params.a, '')
  assert.equal(parseMediaType('text/plain;;  ; a=1 ;')?.params.a, '1')
})

test('caps the number of parameters at 32', () => {
  const params = (n: number) => Array.from({ length: n }, (_, i) => `p${i}=v`).join('; ')
  assert.ok(parseMediaType(`text/plain; ${params(32)}`))
  assert.equal(parseMediaType(`text/plain; ${params(33)}`), null)
})

test('params object has no prototype, so __proto__ is a plain name', () => {
  const mt = parseMediaType('text/plain; __proto__=x')
  assert.equal(Object.getOwnPropertyDescriptor(mt?.params, '__proto__')?.value, 'x')
  assert.equal(Object.getPrototypeOf(mt?.params), null)
})

test('10 000 backslashes in a quoted parameter parse in linear time', () => {
  const hostile = `multipart/form-data; boundary="${'\\'.repeat(10_000)}a`
  const started = performance.now()
  assert.equal(parseMediaType(hostile), null)
  const valid = `multipart/form-data; boundary="${'\\a'.repeat(10_000)}"`
  assert.equal(parseMediaType(valid)?.params.boundary, 'a'.repeat(10_000))
  assert.ok(performance.now() - started < 50)
})

test('isJsonMediaType accepts json and +json under application only', () => {
  const json = (header: string) => isJsonMediaType(parseMediaType(header))
  assert.equal(json('application/json'), true)
  assert.equal(json('application/geo+json'), true)
  assert.equal(json('Application/JSON; charset=utf-8'), true)
  assert.equal(json('application/geo+json-seq'), false)
  assert.equal(json('application/not-really-json'), false)
  assert.equal(json('text/json'), false)
  assert.equal(json('text/plain'), false)
  assert.equal(isJsonMediaType(null), false)
})

test('never throws on arbitrary strings, and a parse is stable under re-serialisation', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (header) => {
      const mt = parseMediaType(header)
      if (mt !== null) assert.equal(parseMediaType(mt.essence)?.essence, mt.essence)
    }),
    { numRuns: 2000 },
  )
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z/;= "\\\t+]{0,40}$/), (header) => {
      parseMediaType(header)
    }),
    { numRuns: 2000 },
  )
})
