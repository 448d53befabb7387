import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { parseCookies } from '../../src/http/cookies.js'

const plain = (values: object) => ({ ...values })

test('parses pairs, trimming spaces and tabs', () => {
  assert.deepEqual(plain(parseCookies('a=1; b=2;\tc = 3 ;d=')), { a: '1', b: '2', c: '3', d: '' })
  assert.deepEqual(plain(parseCookies(undefined)), {})
  assert.deepEqual(plain(parseCookies('')), {})
})

test('the first occurrence of a name wins', () => {
  assert.deepEqual(plain(parseCookies('session=real; session=shadow')), { session: 'real' })
})

test('NBSP is not trimmed, so it cannot shadow a __Host- cookie (Hono GHSA-r5rp-j6wh-rvv4)', () => {
  const cookies = parseCookies('\u00a0__Host-session=evil; __Host-session=good')
  assert.equal(cookies['__Host-session'], 'good')
  assert.equal(cookies['\u00a0__Host-session'], 'evil')
})

test('quoted values are unquoted and escapes decoded without throwing', () => {
  assert.deepEqual(plain(parseCookies('a="quoted"; b=%E2%9C%93; c=100%; d=a+b; e="')), {
    a: 'quoted',
    b: '✓',
    c: '100%',
    d: 'a+b',
    e: '"',
  })
})

test('pairs without = are skipped; values may contain =', () => {
  assert.deepEqual(plain(parseCookies('flag; token=a=b==; =x')), { token: 'a=b==' })
})

test('nothing inherited, __proto__ an ordinary key, and at most 200 cookies', () => {
  const cookies = parseCookies('__proto__=x')
  assert.equal(cookies.constructor, undefined)
  assert.equal('toString' in cookies, false)
  assert.equal(Object.getOwnPropertyDescriptor(cookies, '__proto__')?.value, 'x')
  const many = Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; ')
  assert.equal(Object.keys(parseCookies(many)).length, 200)
})

test('stays linear on long headers without =', () => {
  const started = performance.now()
  parseCookies(`${'a;'.repeat(200_000)}b=1`)
  parseCookies('a;'.repeat(200_000))
  assert.ok(performance.now() - started < 100)
})

test('never throws on arbitrary strings', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (header) => {
      parseCookies(header)
    }),
    { numRuns: 2000 },
  )
})
