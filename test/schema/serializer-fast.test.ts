import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { z } from 'zod'
import { stringifyJson } from '../../src/http/json.js'
import { compileEmit, FAIL } from '../../src/schema/compile-emit.js'
import { compileSerializer } from '../../src/schema/serializer.js'
import type { Schema } from '../../src/schema/standard.js'
import { type ValidateResult, validate } from '../../src/schema/validate.js'
import { accepts, Product, SUPPORTED, UNSUPPORTED, valueFor } from './zod-values.js'

/** What the serializer must always equal: the validator's result, encoded. */
function reference(schema: Schema, value: unknown, encode: (value: unknown) => string) {
  const result = validate(schema, value, { loc: ['response'], missingInput: 'parent' }) as ValidateResult
  return result.ok ? { ok: true, json: encode(result.value) } : result
}

for (const [name, schema] of Object.entries(SUPPORTED)) {
  test(`generated serializer agrees with validate + encode: ${name}`, () => {
    const emit = compileEmit(schema, JSON.stringify)
    assert.ok(emit !== undefined, 'the schema should compile to the fast path')
    let fast = 0
    let valid = 0
    const serializers = [JSON.stringify, stringifyJson].map(
      (encode) => [encode, compileSerializer(schema, encode)] as const,
    )
    fc.assert(
      fc.property(valueFor(schema), (value) => {
        if (emit(value) !== FAIL) fast++
        if (accepts(schema, value)) valid++
        for (const [encode, serialize] of serializers) {
          assert.deepEqual(serialize(value), reference(schema, value, encode))
        }
      }),
      // RUNS=20000 for a longer search when the generated code changes.
      { numRuns: Number(process.env.RUNS ?? 600) },
    )
    // The comparison means little unless the generated code answered for a fair share of values.
    assert.ok(fast > 30, `only ${fast} of 600 values took the generated path`)
    // Every value zod accepts takes the generated path, but for the case it leaves to zod on
    // purpose: a catch fallback (the junk values under `safe` in wrappers).
    assert.ok(
      name === 'wrappers' ? fast * 2 >= valid : fast === valid,
      `${fast} took the generated path, ${valid} were valid`,
    )
  })
}

test('valid values take the generated path, invalid ones fall back', () => {
  const emit = compileEmit(z.array(Product), JSON.stringify)!
  const product = { id: 1, name: 'a', price: 2, in_stock: true, tags: [], category: 'toys', extra: 1 }
  assert.equal(emit([product]), '[{"id":1,"name":"a","price":2,"in_stock":true,"tags":[],"category":"toys"}]')
  for (const bad of [
    { id: 1.5 },
    { price: Number.NaN },
    { price: Infinity },
    { category: 'x' },
    { tags: [1] },
  ]) {
    assert.equal(emit([{ ...product, ...bad }]), FAIL)
  }
  assert.equal(
    emit([{ ...product, price: -0 }]),
    '[{"id":1,"name":"a","price":0,"in_stock":true,"tags":[],"category":"toys"}]',
  )
})

for (const [name, schema] of Object.entries(UNSUPPORTED)) {
  test(`outside the subset, zod decides alone: ${name}`, () => {
    assert.equal(compileEmit(schema, JSON.stringify), undefined)
  })
}

test('schema text never becomes code: keys, enum values, regexes and defaults stay data', () => {
  const evil = '\'"`);globalThis.pwned=1;//\u2028$' + '{x}'
  const schema = z.object({
    [evil]: z.enum([evil, `${evil}2`]),
    b: z
      .string()
      .regex(/'\);globalThis.pwned=1;\/\//)
      .optional(),
    c: z.string().default(evil),
  })
  const serialize = compileSerializer(schema, JSON.stringify)
  const value = { [evil]: evil }
  assert.deepEqual(serialize(value), { ok: true, json: JSON.stringify({ [evil]: evil, c: evil }) })
  assert.equal((globalThis as { pwned?: unknown }).pwned, undefined)
})

test('string lengths count code points, as zod does', () => {
  const schema = z.object({ s: z.string().min(2).max(2) })
  const serialize = compileSerializer(schema, JSON.stringify)
  for (const s of ['ab', '😀', '😀a', '\ud83d\ud83d', 'abc']) {
    assert.deepEqual(serialize({ s }), reference(schema, { s }, JSON.stringify), JSON.stringify(s))
  }
})
