import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { z } from 'zod'
import { compileScalarCheck, UNDECIDED } from '../../src/schema/scalar-check.js'

const SUPPORTED = {
  int: z.int(),
  intRange: z.int().min(1).max(100),
  intDefault: z.int().min(1).max(100).default(10),
  numberGt: z.number().gt(0).lt(1000),
  numberInt: z.number().int(),
  string: z.string(),
  stringOptional: z.string().optional(),
  stringLength: z.string().min(2).max(5),
  stringRegex: z.string().regex(/^fixed\w*$/),
  stringGlobalRegex: z.string().regex(/a/g),
  nullableInt: z.int().nullable(),
  boolean: z.boolean().default(false),
  enum: z.enum(['alexnet', 'resnet', 'lenet']),
  literal: z.literal(['created_at', 'updated_at', 3, true]),
}

const VALUES = fc.oneof(
  fc.integer({ min: -200, max: 200 }),
  fc.double(),
  fc.constantFrom(0, -0, 1, 100, 101, 10, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, 3),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('😀', '😀😀', 'ab', 'fixedquery', 'a', 'alexnet', 'created_at', 'true', ''),
  fc.boolean(),
  fc.constantFrom(null, undefined),
)

test('the fast check agrees with zod wherever it decides, and decides every valid plain value', () => {
  for (const [name, schema] of Object.entries(SUPPORTED)) {
    const check = compileScalarCheck(schema)
    assert.ok(check, `${name} has a fast check`)
    fc.assert(
      fc.property(VALUES, (value) => {
        const fast = check(value)
        const zod = schema.safeParse(value)
        if (fast !== UNDECIDED) {
          assert.ok(zod.success, `${name}: fast accepted ${String(value)} that zod rejects`)
          assert.ok(
            Object.is(fast, zod.data),
            `${name}: ${String(value)} → ${String(fast)} vs zod ${String(zod.data)}`,
          )
        } else if (zod.success && typeof value !== 'number') {
          assert.fail(`${name}: fast left ${JSON.stringify(value)} undecided although zod accepts it`)
        }
      }),
      { numRuns: 1500 },
    )
  }
})

test('schemas outside the subset get no fast check, so zod always decides', () => {
  assert.equal(compileScalarCheck(z.string().refine((s) => s !== 'x')), undefined)
  assert.equal(compileScalarCheck(z.string().transform((s) => s.length)), undefined)
  assert.equal(compileScalarCheck(z.coerce.number()), undefined)
  assert.equal(compileScalarCheck(z.email()), undefined)
  assert.equal(compileScalarCheck(z.int32()), undefined)
  assert.equal(compileScalarCheck(z.array(z.string()).default(() => [])), undefined)
  assert.equal(compileScalarCheck(z.object({ a: z.string() })), undefined)
  assert.equal(compileScalarCheck(z.number().multipleOf(5)), undefined)
})
