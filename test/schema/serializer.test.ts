import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { compileSerializer } from '../../src/schema/serializer.js'
import type { Schema } from '../../src/schema/standard.js'
import { type ValidateResult, validate } from '../../src/schema/validate.js'

const stringify = (value: unknown) => JSON.stringify(value)

/** What the serializer must always equal: the validator's result, encoded. */
function reference(schema: Schema, value: unknown) {
  const result = validate(schema, value, { loc: ['response'], missingInput: 'parent' }) as ValidateResult
  return result.ok ? { ok: true, json: JSON.stringify(result.value) } : result
}

const Product = z.object({
  id: z.int(),
  name: z.string().min(1).max(50),
  price: z.number().gt(0),
  in_stock: z.boolean().default(true),
  tags: z.array(z.string()).max(3),
  category: z.enum(['books', 'games']),
  note: z.string().nullable().optional(),
  kind: z.literal('product').default('product'),
  created: z.date().optional(),
})

test('filters undeclared keys and applies defaults', () => {
  const serialize = compileSerializer(Product, stringify)
  const value = { id: 1, name: 'Book', price: 9.5, tags: ['a'], category: 'books', password: 'secret' }
  assert.deepEqual(serialize(value), {
    ok: true,
    json: '{"id":1,"name":"Book","price":9.5,"in_stock":true,"tags":["a"],"category":"books","kind":"product"}',
  })
})

test('writes the same JSON as validate + JSON.stringify', () => {
  const serialize = compileSerializer(z.array(Product), stringify)
  const values: unknown[] = [
    [],
    [
      {
        id: 2,
        name: 'Quote "x"\n\u2028é',
        price: 1e21,
        in_stock: false,
        tags: [],
        category: 'games',
        note: null,
      },
    ],
    [{ id: 3, name: 'd', price: 0.1, tags: ['x', 'y'], category: 'books', note: 'n', created: new Date(0) }],
    [{ id: 4, name: 'u', price: 2, tags: [], category: 'books', note: undefined, extra: { deep: 1 } }],
  ]
  for (const value of values) assert.deepEqual(serialize(value), reference(z.array(Product), value))
})

test('errors are the validator errors, under response', () => {
  const serialize = compileSerializer(Product, stringify)
  const bad = { id: 1.5, name: '', price: 0, tags: ['a', 'b', 'c', 'd'], category: 'toys' }
  const result = serialize(bad)
  assert.deepEqual(result, reference(Product, bad))
  assert.equal(result.ok, false)
  assert.deepEqual(!result.ok && result.errors.map((e) => [e.type, e.loc]), [
    ['int_from_float', ['response', 'id']],
    ['string_too_short', ['response', 'name']],
    ['greater_than', ['response', 'price']],
    ['too_long', ['response', 'tags']],
    ['enum', ['response', 'category']],
  ])
  assert.deepEqual(serialize(undefined), {
    ok: false,
    errors: [{ type: 'missing', loc: ['response'], msg: 'Field required', input: null }],
  })
})

test('strict objects reject unknown keys with extra_forbidden', () => {
  const serialize = compileSerializer(z.strictObject({ a: z.int() }), stringify)
  assert.deepEqual(serialize({ a: 1 }), { ok: true, json: '{"a":1}' })
  assert.deepEqual(serialize({ a: 1, b: 2 }), {
    ok: false,
    errors: [
      { type: 'extra_forbidden', loc: ['response', 'b'], msg: 'Extra inputs are not permitted', input: 2 },
    ],
  })
})

test('schemas outside the fast subset take the validator: refine, transform, union', () => {
  const refined = z.object({ n: z.int().refine((n) => n % 2 === 0, 'must be even') })
  const serializeRefined = compileSerializer(refined, stringify)
  assert.deepEqual(serializeRefined({ n: 2, x: 1 }), { ok: true, json: '{"n":2}' })
  assert.deepEqual(serializeRefined({ n: 3 }), {
    ok: false,
    errors: [
      {
        type: 'value_error',
        loc: ['response', 'n'],
        msg: 'Value error, must be even',
        input: 3,
        ctx: { error: {} },
      },
    ],
  })
  const transformed = compileSerializer(
    z.object({ s: z.string().transform((s) => s.toUpperCase()) }),
    stringify,
  )
  assert.deepEqual(transformed({ s: 'abc' }), { ok: true, json: '{"s":"ABC"}' })
  const union = compileSerializer(z.union([z.int(), z.string()]), stringify)
  assert.deepEqual(union('x'), { ok: true, json: '"x"' })
})

test('a multipleOf the fast check doubts is settled by zod', () => {
  const serialize = compileSerializer(z.object({ n: z.number().multipleOf(0.1) }), stringify)
  assert.deepEqual(serialize({ n: 0.3 }), reference(z.object({ n: z.number().multipleOf(0.1) }), { n: 0.3 }))
})

test('an encoder that differs from JSON.stringify is always the one used', () => {
  // Writes undefined as null, as Python's None: the fast path must not bypass it.
  const encode = (value: unknown) => JSON.stringify(value, (_key, v) => (v === undefined ? null : v))
  const serialize = compileSerializer(z.object({ a: z.string().optional(), b: z.int() }), encode)
  assert.deepEqual(serialize({ a: undefined, b: 1 }), { ok: true, json: '{"a":null,"b":1}' })
})

test('other Standard Schema libraries are validated and encoded', () => {
  const schema = {
    '~standard': {
      version: 1,
      vendor: 'hand-made',
      validate: (value: unknown) =>
        typeof value === 'number'
          ? { value: value * 2 }
          : { issues: [{ message: 'not a number', path: [] }] },
    },
  } as Schema
  const serialize = compileSerializer(schema, stringify)
  assert.deepEqual(serialize(2), { ok: true, json: '4' })
  assert.deepEqual(serialize('x'), {
    ok: false,
    errors: [
      {
        type: 'value_error',
        loc: ['response'],
        msg: 'Value error, not a number',
        input: 'x',
        ctx: { error: {} },
      },
    ],
  })
})
