import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { expectTypeOf } from 'expect-type'
import { z } from 'zod'
import { type InferIn, type InferOut, isSchema, type Schema } from '../../src/schema/standard.js'
import { type ValidateResult, validate } from '../../src/schema/validate.js'

/**
 * A hand-made Standard Schema for `{ name: string, age?: number }`, standing in for any non-zod
 * library: its issues have no zod `code`.
 */
const person: StandardSchemaV1<{ name: string; age?: number }> = {
  '~standard': {
    version: 1,
    vendor: 'hand-made',
    validate(value) {
      if (typeof value !== 'object' || value === null) return { issues: [{ message: 'Expected an object' }] }
      const record = value as Record<string, unknown>
      const issues: StandardSchemaV1.Issue[] = []
      if (record.name === undefined) issues.push({ message: 'Required', path: ['name'] })
      else if (typeof record.name !== 'string')
        issues.push({ message: 'Expected a string', path: [{ key: 'name' }] })
      if (record.age !== undefined && typeof record.age !== 'number') {
        issues.push({ message: 'Expected a number', path: ['age'] })
      }
      return issues.length > 0 ? { issues } : { value: { name: record.name as string } }
    },
  },
}

test('isSchema recognises Standard Schemas only', () => {
  assert.equal(isSchema(z.string()), true)
  assert.equal(isSchema(person), true)
  assert.equal(isSchema({ '~standard': {} }), false)
  assert.equal(isSchema('x'), false)
  assert.equal(isSchema(null), false)
})

test('InferIn and InferOut follow the schema', () => {
  const schema = z.string().transform((s) => s.length)
  expectTypeOf<InferIn<typeof schema>>().toEqualTypeOf<string>()
  expectTypeOf<InferOut<typeof schema>>().toEqualTypeOf<number>()
  expectTypeOf<InferOut<typeof person>>().toEqualTypeOf<{ name: string; age?: number }>()
  expectTypeOf<InferOut<string>>().toBeNever()
  expectTypeOf(person).toExtend<Schema>()
})

test('non-zod issues become value_error, with the path normalised', () => {
  const result = validate(
    person,
    { name: 5, age: 'x' },
    { loc: ['body'], missingInput: 'parent' },
  ) as ValidateResult
  assert.deepEqual(result, {
    ok: false,
    errors: [
      {
        type: 'value_error',
        loc: ['body', 'name'],
        msg: 'Value error, Expected a string',
        input: 5,
        ctx: { error: {} },
      },
      {
        type: 'value_error',
        loc: ['body', 'age'],
        msg: 'Value error, Expected a number',
        input: 'x',
        ctx: { error: {} },
      },
    ],
  })
})

test('non-zod issues on absent values become missing', () => {
  const options = { loc: ['body'], missingInput: 'parent' } as const
  assert.deepEqual(validate(person, { age: 3 }, { ...options, loc: ['body'] }), {
    ok: false,
    errors: [{ type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: { age: 3 } }],
  })
  assert.deepEqual(validate(person, undefined, { ...options, loc: ['body'] }), {
    ok: false,
    errors: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
  })
})

test('lax mode leaves other libraries alone', () => {
  const result = validate(
    person,
    { name: 'A', age: '3' },
    { loc: ['body'], missingInput: 'parent', lax: true },
  )
  assert.equal((result as ValidateResult).ok, false)
})
