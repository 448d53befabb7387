import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { z } from 'zod'
import { stringifyJson } from '../../src/http/json.js'
import { compileEmit, FAIL } from '../../src/schema/compile-emit.js'
import { compileSerializer } from '../../src/schema/serializer.js'
import type { Schema } from '../../src/schema/standard.js'
import { type ValidateResult, validate } from '../../src/schema/validate.js'

/** What the serializer must always equal: the validator's result, encoded. */
function reference(schema: Schema, value: unknown, encode: (value: unknown) => string) {
  const result = validate(schema, value, { loc: ['response'], missingInput: 'parent' }) as ValidateResult
  return result.ok ? { ok: true, json: encode(result.value) } : result
}

const Product = z.object({
  id: z.int(),
  name: z.string(),
  price: z.number(),
  in_stock: z.boolean(),
  tags: z.array(z.string()),
  category: z.enum(['books', 'electronics', 'garden', 'toys', 'food']),
})

interface TreeNode {
  label: string
  children: TreeNode[]
}
const Tree: z.ZodType<TreeNode> = z.object({
  label: z.string().max(3),
  get children() {
    return z.array(Tree).max(3)
  },
})

const Point = z.object({ x: z.number().optional(), y: z.number() })

/** Schemas the fast path must compile, each exercising a part of the subset. */
const SUPPORTED: Record<string, Schema> = {
  product: z.array(Product),
  checked: z.object({
    id: z.int().gte(1).lt(1000),
    name: z.string().min(2).max(4),
    code: z
      .string()
      .length(2)
      .regex(/^[a-zé😀"]+$/gu),
    price: z.int().gt(0).lt(1e12).multipleOf(5),
    small: z.int32(),
    ratio: z.float32().optional(),
    tags: z.array(z.string().startsWith('a').endsWith('b')).min(1).max(2),
    mail: z.email().nullable(),
    grade: z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']),
    level: z.literal([0, -1, 2.5]),
  }),
  wrappers: z.object({
    note: z.string().nullable().optional(),
    kind: z.literal(['a', 1, true, null]).default('a'),
    count: z.int().default(3).optional(),
    flags: z.array(z.boolean()).default(() => [true]),
    meta: z.object({ a: z.number() }).default({ a: 1 }),
    frozen: z.object({ b: z.string() }).readonly(),
    safe: z.int().catch(0),
    when: z.date().optional(),
    nothing: z.null(),
    maybe: z.array(z.string().optional()),
  }),
  optionalFirst: z.object({
    a: z.int().optional(),
    b: z.string().optional(),
    c: z.boolean(),
    d: z.exactOptional(z.string()),
  }),
  strict: z.strictObject({ a: z.int(), b: z.object({ c: z.string() }).optional() }),
  nested: z.array(z.array(z.number().nullable().optional()).nullable()),
  numbers: z.array(z.array(z.number())),
  scalar: z.string().nullable(),
  shared: z.object({ a: Point, b: Point.optional(), list: z.array(Point), empty: z.object({}) }),
  tree: Tree,
}

/** Schemas outside the subset: the serializer must leave them wholly to zod. */
const UNSUPPORTED: Record<string, Schema> = {
  refine: z.object({ a: z.int().refine((n) => n > 0) }),
  transform: z.string().transform((s) => s.length),
  union: z.union([z.int(), z.string()]),
  record: z.record(z.string(), z.int()),
  loose: z.looseObject({ a: z.int() }),
  tuple: z.tuple([z.int()]),
  unknown: z.object({ a: z.unknown() }),
  url: z.url(),
  trim: z.string().trim(),
  custom: z.stringFormat('email', (s) => s === 'x'),
  bigint: z.bigint(),
  coerce: z.coerce.number(),
  nan: z.literal([Number.NaN, 1]),
}

// Strings that need escaping, or look as if they do: quotes, backslashes, controls, U+2028,
// surrogate pairs and lone halves, and letters outside ASCII.
const text = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({
    unit: fc.constantFrom('a', 'b', '"', '\\', '\n', '\u0000', '\u2028', 'é', '\ud83d', '\ude00', '😀'),
    maxLength: 6,
  }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('ab', 'a"b', 'ab\\', 'x@y.io', 'books', '😀😀', 'é', 'é😀', 'a😀b', 'z"'),
)

const junk = fc.oneof(
  fc.constantFrom(undefined, null, Number.NaN, -0, 0, 1.5, Infinity, -Infinity, 2 ** 53, 'x', true, [], {}),
  fc.constantFrom(new Date(Number.NaN), new Date(0)),
  text,
  fc.anything({ maxDepth: 2 }),
)

const accepts = (schema: Schema, value: unknown) =>
  (schema['~standard'].validate(value) as { issues?: unknown }).issues === undefined

/** Values shaped by the schema, most valid, some slightly wrong at any depth. */
function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFor(schema, depth)
  return fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: junk, weight: 1 })
}

function validFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const def = (schema as unknown as { _zod: { def: Record<string, any>; values?: Set<unknown> } })._zod.def
  const values = (schema as unknown as { _zod: { values?: Set<unknown> } })._zod.values
  switch (def.type) {
    // Leaves are filtered through the schema itself, so that objects of several checked fields
    // still come out valid often enough for the generated path to answer.
    case 'string':
      return text.filter((v) => accepts(schema, v))
    case 'number':
      return fc
        .oneof(fc.integer({ min: -5, max: 1005 }), fc.double(), fc.constantFrom(-0, 5, 10, 3.4e38, 1e39))
        .filter((v) => accepts(schema, v))
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'date':
      return fc.date()
    case 'enum':
    case 'literal':
      return fc.constantFrom(...values!)
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueFor(def.element, depth + 1), { maxLength: 3 })
    case 'object': {
      const shape = Object.fromEntries(
        Object.keys(def.shape).map((k) => [k, valueFor(def.shape[k], depth + 1)]),
      )
      const extra = fc.dictionary(fc.constantFrom('extra', 'id', 'toString', '__proto__', 'x"y'), junk, {
        maxKeys: 2,
      })
      return fc
        .tuple(fc.record(shape, { requiredKeys: [] }), fc.record(shape), extra, fc.nat(4))
        .map(([some, all, more, pick]) => ({ ...more, ...(pick === 0 ? some : all) }))
    }
    case 'catch':
    case 'readonly':
      return validFor(def.innerType, depth)
    case 'optional':
    case 'default':
      return fc.oneof(fc.constant(undefined), validFor(def.innerType, depth))
    case 'nullable':
      return fc.oneof(fc.constant(null), validFor(def.innerType, depth))
    default:
      return junk
  }
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
