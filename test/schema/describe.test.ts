import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import { describeSchema } from '../../src/schema/describe.js'
import type { Schema } from '../../src/schema/standard.js'

const scalar = { array: false, required: true, object: false, forbidUnknown: false }

test('scalar kinds', () => {
  assert.deepEqual(describeSchema(z.string()), { kind: 'string', ...scalar })
  assert.deepEqual(describeSchema(z.uuid()), { kind: 'string', ...scalar })
  assert.deepEqual(describeSchema(z.int()), { kind: 'integer', ...scalar })
  assert.deepEqual(describeSchema(z.number().int()), { kind: 'integer', ...scalar })
  assert.deepEqual(describeSchema(z.number().max(5)), { kind: 'number', ...scalar })
  assert.deepEqual(describeSchema(z.boolean()), { kind: 'boolean', ...scalar })
  assert.deepEqual(describeSchema(z.bigint()), { kind: 'bigint', ...scalar })
  assert.deepEqual(describeSchema(z.date()), { kind: 'date', ...scalar })
  assert.deepEqual(describeSchema(z.any()), { kind: 'unknown', ...scalar })
})

test('enums and literals take the type of their values', () => {
  assert.equal(describeSchema(z.enum(['a', 'b'])).kind, 'string')
  assert.equal(describeSchema(z.literal([1, 2])).kind, 'integer')
  assert.equal(describeSchema(z.literal(1.5)).kind, 'number')
  assert.equal(describeSchema(z.literal(true)).kind, 'boolean')
  enum Level {
    Low = 1,
    High = 2,
  }
  assert.equal(describeSchema(z.enum(Level)).kind, 'integer')
})

test('optional, default and friends are not required; nullable still is', () => {
  assert.equal(describeSchema(z.int().optional()).required, false)
  assert.equal(describeSchema(z.int().default(3)).required, false)
  assert.equal(describeSchema(z.int().prefault(3)).required, false)
  assert.equal(describeSchema(z.int().catch(3)).required, false)
  assert.deepEqual(describeSchema(z.int().nullable()), { kind: 'integer', ...scalar })
  assert.equal(describeSchema(z.int().optional().nullable()).required, false)
})

test('arrays describe their items', () => {
  assert.deepEqual(describeSchema(z.array(z.int())), { kind: 'integer', ...scalar, array: true })
  assert.deepEqual(describeSchema(z.array(z.string()).optional()), {
    kind: 'string',
    ...scalar,
    array: true,
    required: false,
  })
})

test('unions of one kind and null keep that kind', () => {
  assert.deepEqual(describeSchema(z.union([z.int(), z.null()])), { kind: 'integer', ...scalar })
  assert.equal(describeSchema(z.union([z.int(), z.undefined()])).required, false)
  assert.equal(describeSchema(z.union([z.int(), z.string()])).kind, 'unknown')
})

test('pipes are described by their input side', () => {
  assert.equal(describeSchema(z.string().transform((s) => s.length)).kind, 'string')
})

test('object schemas are parameter models with their shape', () => {
  const shape = { limit: z.int(), q: z.string().optional() }
  const info = describeSchema(z.object(shape))
  assert.equal(info.object, true)
  assert.equal(info.forbidUnknown, false)
  assert.deepEqual(Object.keys(info.shape ?? {}), ['limit', 'q'])
  assert.equal(info.shape?.limit, shape.limit)
  assert.equal(describeSchema(z.strictObject(shape)).forbidUnknown, true)
  assert.equal(describeSchema(z.object(shape).strict()).forbidUnknown, true)
})

/** A Standard Schema from some other library, with the Standard JSON Schema hook. */
function foreign(jsonSchema?: Record<string, unknown>): Schema {
  const props: Record<string, unknown> = {
    version: 1,
    vendor: 'test',
    validate: (value: unknown) => ({ value }),
  }
  if (jsonSchema !== undefined) props.jsonSchema = { input: () => jsonSchema, output: () => jsonSchema }
  return { '~standard': props } as unknown as Schema
}

test('other libraries are read through the Standard JSON Schema hook', () => {
  assert.deepEqual(describeSchema(foreign({ type: 'integer' })), { kind: 'integer', ...scalar })
  assert.deepEqual(describeSchema(foreign({ type: ['number', 'null'] })), { kind: 'number', ...scalar })
  assert.deepEqual(describeSchema(foreign({ type: 'array', items: { type: 'boolean' } })), {
    kind: 'boolean',
    ...scalar,
    array: true,
  })
  assert.equal(describeSchema(foreign({ type: 'object', additionalProperties: false })).forbidUnknown, true)
})

test('other libraries without the hook get the raw string', () => {
  assert.deepEqual(describeSchema(foreign()), { kind: 'unknown', ...scalar })
})
