// safeEqual (src/security/compare.ts): exactly `===`, for every pair of strings, without throwing
// where crypto.timingSafeEqual would (different byte lengths) and without the UTF-8 pitfalls.
import assert from 'node:assert/strict'
import { timingSafeEqual } from 'node:crypto'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { safeEqual } from '../../src/security/compare.js'

describe('safeEqual', () => {
  test('equal and different strings', () => {
    assert.equal(safeEqual('swordfish', 'swordfish'), true)
    assert.equal(safeEqual('swordfish', 'swordfisH'), false)
    assert.equal(safeEqual('swordfish', 'Swordfish'), false)
  })

  test('different lengths give false, not a RangeError', () => {
    assert.equal(safeEqual('a', 'aa'), false)
    assert.equal(safeEqual('swordfish', 'swordfish '), false)
    assert.equal(safeEqual('x'.repeat(1_000_000), 'x'.repeat(999_999)), false)
    // What the naive version does with unequal byte lengths:
    assert.throws(() => timingSafeEqual(Buffer.from('é'), Buffer.from('e')), RangeError)
    assert.equal(safeEqual('é', 'e'), false)
  })

  test('empty strings', () => {
    assert.equal(safeEqual('', ''), true)
    assert.equal(safeEqual('', 'a'), false)
    assert.equal(safeEqual('a', ''), false)
  })

  test('unicode: compared code unit for code unit, no normalization', () => {
    assert.equal(safeEqual('pässwörd 🔑', 'pässwörd 🔑'), true)
    assert.equal(safeEqual('é', 'e\u0301'), false) // NFC and NFD look alike and differ
    assert.equal(safeEqual('é', 'ab'), false) // one character, two bytes; two characters, two bytes
    assert.equal(safeEqual('🔑', '🔒'), false)
    // Lone surrogates all become U+FFFD in UTF-8; they must still be told apart.
    assert.equal(safeEqual('\uD800', '\uDBFF'), false)
    assert.equal(safeEqual('\uD800', '\uFFFD'), false)
    assert.equal(safeEqual('\uD800', '\uD800'), true)
  })

  test('non-strings are never equal, and never throw', () => {
    for (const value of [undefined, null, 0, {}, Buffer.from('a')]) {
      assert.equal(safeEqual(value as never, 'a'), false)
      assert.equal(safeEqual('a', value as never), false)
    }
    assert.equal(safeEqual(undefined as never, undefined as never), false)
  })

  test('agrees with === on random strings, including lone surrogates', () => {
    const text = fc.string({ maxLength: 30, unit: 'binary' })
    fc.assert(fc.property(text, text, (a, b) => safeEqual(a, b) === (a === b)))
    fc.assert(fc.property(text, (a) => safeEqual(a, a) && safeEqual(a, `${a}`)))
  })
})
