import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { z } from 'zod'
import { compileParse } from '../../src/schema/compile-parse.js'
import { FAIL } from '../../src/schema/emit-scope.js'
import type { Schema } from '../../src/schema/standard.js'
import { accepts, junk, Product, SUPPORTED, UNSUPPORTED, valueFor } from './zod-values.js'

/** What the generated parser must always agree with: zod's own result for the value. */
function zodResult(schema: Schema, value: unknown): { ok: true; value: unknown } | { ok: false } {
  const outcome = schema['~standard'].validate(value) as { value?: unknown; issues?: unknown }
  return outcome.issues === undefined ? { ok: true, value: outcome.value } : { ok: false }
}

/** Byte for byte and key for key: deepStrictEqual tells `{a: undefined}` from `{}`; JSON the order. */
function assertSameOutput(actual: unknown, expected: unknown): void {
  assert.deepStrictEqual(actual, expected)
  assert.equal(JSON.stringify(actual), JSON.stringify(expected))
  assert.equal(Object.isFrozen(actual), Object.isFrozen(expected))
}

/** Bodies for schemas whose leaves `valueFor` cannot generate (formats, unions, refinements). */
const partialBody = fc.record(
  {
    id: fc.oneof({ arbitrary: fc.integer(), weight: 9 }, fc.constant(1.5)),
    when: fc.constantFrom('2024-01-02T03:04:05Z', '2025-12-31T23:59:59Z', '2024-01-02T03:04:05+01:00'),
    either: fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.boolean()),
    extra: fc.dictionary(
      fc.constantFrom('a', 'b', '__proto__'),
      fc.oneof({ arbitrary: fc.integer(), weight: 4 }, fc.string()),
    ),
    checked: fc.oneof(
      { arbitrary: fc.integer({ min: -3, max: 3 }).map((n) => 2 * n), weight: 4 },
      fc.constant(1),
    ),
    anything: fc.jsonValue({ maxDepth: 2 }),
    loose: fc.record({ a: fc.integer(), b: fc.string() }, { requiredKeys: ['a'] }),
  },
  { requiredKeys: ['id', 'when', 'either', 'checked'] },
)

const CASES: [string, Schema, fc.Arbitrary<unknown>][] = [
  ...Object.entries(SUPPORTED).map(
    ([name, schema]) => [name, schema, valueFor(schema)] as [string, Schema, fc.Arbitrary<unknown>],
  ),
  [
    // Parts outside the subset are handed to zod for their own value only.
    'partial',
    z.object({
      id: z.int(),
      when: z.iso.datetime(),
      either: z.union([z.int(), z.string()]),
      extra: z.record(z.string(), z.int()).optional(),
      checked: z.int().refine((n) => n % 2 === 0),
      anything: z.unknown(),
      loose: z.looseObject({ a: z.int() }).optional(),
    }),
    partialBody,
  ],
  [
    'defaults',
    z.object({
      a: z.string().default('x'),
      b: z.string().optional().default('y'),
      c: z.int().default(1).optional(),
      d: z.array(z.int()).default(() => [1]),
    }),
    fc.record(
      { a: fc.string(), b: fc.string(), c: fc.integer(), d: fc.array(fc.integer(), { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
  ],
  [
    'readonlyList',
    z.array(z.object({ a: z.int() }).readonly()),
    fc.array(fc.record({ a: fc.integer(), b: fc.string() }), { maxLength: 3 }),
  ],
]

for (const [name, schema, values] of CASES) {
  const type = (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type
  if (type !== 'object' && type !== 'array') continue
  test(`generated body parser agrees with zod: ${name}`, () => {
    const parse = compileParse(schema)
    assert.ok(parse !== undefined, 'the schema should compile')
    let fast = 0
    fc.assert(
      fc.property(fc.oneof({ arbitrary: values, weight: 5 }, fc.jsonValue()), (value) => {
        // JSON bodies only: what JSON.parse can produce.
        const body = JSON.parse(JSON.stringify(value) ?? 'null')
        const expected = zodResult(schema, body)
        const actual = parse(body)
        if (actual === FAIL) return
        fast++
        assert.ok(expected.ok, `the parser accepted what zod refuses: ${JSON.stringify(body)}`)
        assertSameOutput(actual, expected.value)
      }),
      { numRuns: Number(process.env.RUNS ?? 600) },
    )
    assert.ok(fast > 20, `only ${fast} of the values took the generated path`)
  })
}

test('every value zod accepts in the plain subset takes the generated path', () => {
  const schema = z.array(Product)
  const parse = compileParse(schema)!
  fc.assert(
    fc.property(valueFor(schema), (value) => {
      const body = JSON.parse(JSON.stringify(value) ?? 'null')
      if (accepts(schema, body)) assert.notEqual(parse(body), FAIL)
    }),
    { numRuns: 300 },
  )
})

test('output is a new value in declaration order, unknown keys dropped', () => {
  const parse = compileParse(z.object({ a: z.int(), b: z.string(), c: z.array(z.boolean()) }))!
  const input = JSON.parse('{"c":[true],"x":1,"__proto__":{"p":1},"b":"s","a":1}')
  const output = parse(input) as Record<string, unknown>
  assert.equal(JSON.stringify(output), '{"a":1,"b":"s","c":[true]}')
  assert.notEqual(output, input)
  assert.notEqual(output.c, input.c)
  assert.equal(Object.getPrototypeOf(output), Object.prototype)
})

test('invalid values fall back to zod', () => {
  const parse = compileParse(z.array(Product))!
  const product = { id: 1, name: 'a', price: 2, in_stock: true, tags: [], category: 'toys' }
  for (const bad of [{ id: 1.5 }, { price: 'x' }, { category: 'x' }, { tags: [1] }, { in_stock: 1 }]) {
    assert.equal(parse([{ ...product, ...bad }]), FAIL)
  }
  assert.equal(parse({}), FAIL)
  assert.equal(parse(junk), FAIL)
})

test('only object and array schemas are compiled', () => {
  assert.equal(compileParse(z.string()), undefined)
  assert.equal(compileParse(z.union([z.int(), z.string()])), undefined)
  for (const schema of Object.values(UNSUPPORTED)) {
    const type = (schema as unknown as { _zod: { def: { type: string } } })._zod.def.type
    if (type !== 'object' && type !== 'array') assert.equal(compileParse(schema), undefined)
  }
})

test('schema text never becomes code: keys, enum values and defaults stay data', () => {
  const evil = '\'"`);globalThis.pwned=1;//\u2028$' + '{x}'
  const schema = z.object({ [evil]: z.enum([evil, `${evil}2`]), c: z.string().default(evil) })
  const parse = compileParse(schema)!
  assert.deepStrictEqual(parse({ [evil]: evil }), { [evil]: evil, c: evil })
  assert.equal((globalThis as { pwned?: unknown }).pwned, undefined)
})
