import assert from 'node:assert/strict'
import { test } from 'node:test'
import { z } from 'zod'
import type { ValidateOptions, ValidateResult } from '../../src/schema/validate.js'
import { validate } from '../../src/schema/validate.js'

const BODY: ValidateOptions = { loc: ['body'], missingInput: 'parent' }

function errors(schema: z.ZodType, value: unknown, options: ValidateOptions = BODY) {
  const result = validate(schema, value, options) as ValidateResult
  assert.equal(result.ok, false, 'expected validation to fail')
  return result.ok ? [] : result.errors
}

test('valid input returns the parsed value synchronously', () => {
  const result = validate(z.object({ a: z.int() }), { a: 1, b: 2 }, BODY)
  assert.deepEqual(result, { ok: true, value: { a: 1 } })
})

test('string_too_short and string_too_long carry ctx', () => {
  assert.deepEqual(errors(z.string().min(3), 'qu', { loc: ['query', 'q'], missingInput: 'null' }), [
    {
      type: 'string_too_short',
      loc: ['query', 'q'],
      msg: 'String should have at least 3 characters',
      input: 'qu',
      ctx: { min_length: 3 },
    },
  ])
  assert.equal(errors(z.string().min(1), '')[0]!.msg, 'String should have at least 1 character')
  assert.deepEqual(errors(z.string().max(50), 'x'.repeat(51))[0]!.ctx, { max_length: 50 })
  assert.equal(errors(z.string().max(50), 'x'.repeat(51))[0]!.msg, 'String should have at most 50 characters')
})

test('string_pattern_mismatch shows the bare pattern', () => {
  const schema = z.string().regex(/^fixedquery$/)
  assert.deepEqual(errors(schema, 'nonregexquery', { loc: ['query', 'item-query'], missingInput: 'null' }), [
    {
      type: 'string_pattern_mismatch',
      loc: ['query', 'item-query'],
      msg: "String should match pattern '^fixedquery$'",
      input: 'nonregexquery',
      ctx: { pattern: '^fixedquery$' },
    },
  ])
})

test('number bounds: le, lt, ge, gt', () => {
  assert.deepEqual(errors(z.int().max(100), 150, { loc: ['query', 'limit'], missingInput: 'null' }), [
    {
      type: 'less_than_equal',
      loc: ['query', 'limit'],
      msg: 'Input should be less than or equal to 100',
      input: 150,
      ctx: { le: 100 },
    },
  ])
  assert.deepEqual(errors(z.number().lt(5), 5)[0]!.ctx, { lt: 5 })
  assert.equal(errors(z.number().gt(0), 0)[0]!.msg, 'Input should be greater than 0')
  assert.deepEqual(errors(z.number().gt(0), 0)[0]!.ctx, { gt: 0 })
  assert.deepEqual(errors(z.number().min(1), 0)[0]!.type, 'greater_than_equal')
  assert.deepEqual(errors(z.number().min(1), 0)[0]!.ctx, { ge: 1 })
})

test('multiple_of', () => {
  assert.deepEqual(errors(z.int().multipleOf(5), 7), [
    {
      type: 'multiple_of',
      loc: ['body'],
      msg: 'Input should be a multiple of 5',
      input: 7,
      ctx: { multiple_of: 5 },
    },
  ])
})

test('enum and literal_error', () => {
  const models = z.enum(['alexnet', 'resnet', 'lenet'])
  assert.deepEqual(errors(models, 'foo', { loc: ['path', 'model_name'], missingInput: 'null' }), [
    {
      type: 'enum',
      loc: ['path', 'model_name'],
      msg: "Input should be 'alexnet', 'resnet' or 'lenet'",
      input: 'foo',
      ctx: { expected: "'alexnet', 'resnet' or 'lenet'" },
    },
  ])
  const order = z.object({ order_by: z.literal(['created_at', 'updated_at']) })
  assert.deepEqual(errors(order, { order_by: 'x' }, { loc: ['query'], missingInput: 'null' }), [
    {
      type: 'literal_error',
      loc: ['query', 'order_by'],
      msg: "Input should be 'created_at' or 'updated_at'",
      input: 'x',
      ctx: { expected: "'created_at' or 'updated_at'" },
    },
  ])
  assert.equal(errors(z.literal([1, true]), 'x')[0]!.msg, 'Input should be 1 or True')
})

test('extra_forbidden, one per unknown key', () => {
  const model = z.strictObject({ limit: z.int().optional() })
  assert.deepEqual(errors(model, { tool: 'plumbus', other: 'x' }, { loc: ['query'], missingInput: 'null' }), [
    {
      type: 'extra_forbidden',
      loc: ['query', 'tool'],
      msg: 'Extra inputs are not permitted',
      input: 'plumbus',
    },
    { type: 'extra_forbidden', loc: ['query', 'other'], msg: 'Extra inputs are not permitted', input: 'x' },
  ])
})

test('type errors on strings: int_parsing, float_parsing, bool_parsing', () => {
  const query = { loc: ['query', 'x'], missingInput: 'null' } as const
  const INT = 'Input should be a valid integer, unable to parse string as an integer'
  assert.deepEqual(errors(z.int(), 'item1', { ...query, loc: ['path', 'item_id'] }), [
    { type: 'int_parsing', loc: ['path', 'item_id'], msg: INT, input: 'item1' },
  ])
  assert.deepEqual(errors(z.number(), 'a', { ...query, loc: [...query.loc] }), [
    {
      type: 'float_parsing',
      loc: ['query', 'x'],
      msg: 'Input should be a valid number, unable to parse string as a number',
      input: 'a',
    },
  ])
  assert.deepEqual(errors(z.boolean(), 'maybe', { ...query, loc: [...query.loc] }), [
    {
      type: 'bool_parsing',
      loc: ['query', 'x'],
      msg: 'Input should be a valid boolean, unable to interpret input',
      input: 'maybe',
    },
  ])
})

test('type errors on other values', () => {
  assert.equal(errors(z.int(), 1.5)[0]!.type, 'int_from_float')
  assert.equal(
    errors(z.int(), 1.5)[0]!.msg,
    'Input should be a valid integer, got a number with a fractional part',
  )
  assert.equal(errors(z.int(), true)[0]!.type, 'int_type')
  assert.equal(errors(z.number(), null)[0]!.type, 'float_type')
  assert.equal(errors(z.string(), 5)[0]!.msg, 'Input should be a valid string')
  assert.equal(errors(z.boolean(), 5)[0]!.type, 'bool_type')
  assert.equal(errors(z.date(), 5)[0]!.type, 'datetime_type')
  assert.equal(errors(z.null(), 5)[0]!.type, 'none_required')
})

test('list_type, dict_type and model_attributes_type at the body root', () => {
  assert.deepEqual(errors(z.array(z.string()), 'x', { loc: ['query', 'q'], missingInput: 'null' }), [
    { type: 'list_type', loc: ['query', 'q'], msg: 'Input should be a valid list', input: 'x' },
  ])
  assert.deepEqual(errors(z.object({ a: z.string() }), 'name=Foo&price=50.5'), [
    {
      type: 'model_attributes_type',
      loc: ['body'],
      msg: 'Input should be a valid dictionary or object to extract fields from',
      input: 'name=Foo&price=50.5',
    },
  ])
  assert.deepEqual(errors(z.object({ item: z.object({ a: z.string() }) }), { item: 5 }), [
    { type: 'dict_type', loc: ['body', 'item'], msg: 'Input should be a valid dictionary', input: 5 },
  ])
})

test('too_short and too_long for lists', () => {
  assert.deepEqual(errors(z.array(z.string()).min(1), []), [
    {
      type: 'too_short',
      loc: ['body'],
      msg: 'List should have at least 1 item after validation, not 0',
      input: [],
      ctx: { field_type: 'List', min_length: 1, actual_length: 0 },
    },
  ])
  assert.deepEqual(errors(z.array(z.int()).max(3), [1, 2, 3, 4]), [
    {
      type: 'too_long',
      loc: ['body'],
      msg: 'List should have at most 3 items after validation, not 4',
      input: [1, 2, 3, 4],
      ctx: { field_type: 'List', max_length: 3, actual_length: 4 },
    },
  ])
})

test('missing: input null for parameters and embedded fields, the parent for model fields', () => {
  const item = z.object({ name: z.string(), price: z.number() })
  assert.deepEqual(errors(item, { name: 'Foo' }), [
    { type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: { name: 'Foo' } },
  ])
  assert.deepEqual(errors(item, undefined), [
    { type: 'missing', loc: ['body'], msg: 'Field required', input: null },
  ])
  const embedded = z.object({ item })
  assert.deepEqual(errors(embedded, {}, { loc: ['body'], missingInput: 'null' }), [
    { type: 'missing', loc: ['body', 'item'], msg: 'Field required', input: null },
  ])
  assert.deepEqual(errors(embedded, { item: { name: 'Foo' } }, { loc: ['body'], missingInput: 'null' }), [
    { type: 'missing', loc: ['body', 'item', 'price'], msg: 'Field required', input: { name: 'Foo' } },
  ])
  assert.deepEqual(errors(z.string(), undefined, { loc: ['header', 'x-token'], missingInput: 'null' }), [
    { type: 'missing', loc: ['header', 'x-token'], msg: 'Field required', input: null },
  ])
})

test('list positions are numbers in loc', () => {
  const items = z.object({ items: z.array(z.object({ price: z.number() })) })
  assert.deepEqual(errors(items, { items: [{ price: 1 }, { price: 'x' }] })[0]!.loc, [
    'body',
    'items',
    1,
    'price',
  ])
})

test('uuid_parsing and url_parsing give the underlying reason', () => {
  assert.deepEqual(errors(z.uuid(), 'abc', { loc: ['path', 'id'], missingInput: 'null' }), [
    {
      type: 'uuid_parsing',
      loc: ['path', 'id'],
      msg: 'Input should be a valid UUID, invalid length: expected length 32 for simple format, found 3',
      input: 'abc',
      ctx: { error: 'invalid length: expected length 32 for simple format, found 3' },
    },
  ])
  const badChar = errors(z.uuid(), 'x2345678-1234-1234-1234-123456789012')[0]!
  assert.equal(
    badChar.msg,
    'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `x` at 1',
  )
  assert.deepEqual(errors(z.url(), 'not a url')[0], {
    type: 'url_parsing',
    loc: ['body'],
    msg: 'Input should be a valid URL, relative URL without a base',
    input: 'not a url',
    ctx: { error: 'relative URL without a base' },
  })
})

test('email and ISO formats', () => {
  assert.deepEqual(errors(z.email(), 'nobody')[0], {
    type: 'value_error',
    loc: ['body'],
    msg: 'value is not a valid email address: An email address must have an @-sign.',
    input: 'nobody',
    ctx: { reason: 'An email address must have an @-sign.' },
  })
  assert.equal(
    errors(z.iso.datetime(), 'foo')[0]!.msg,
    'Input should be a valid datetime or date, input is too short',
  )
  assert.equal(errors(z.iso.date(), '2024-02-30')[0]!.type, 'date_from_datetime_parsing')
})

test('refine and superRefine become value_error', () => {
  const id = z.string().refine((s) => s.startsWith('isbn-'), 'Invalid ID format, it must start with "isbn-"')
  assert.deepEqual(errors(id, 'x', { loc: ['query', 'id'], missingInput: 'null' }), [
    {
      type: 'value_error',
      loc: ['query', 'id'],
      msg: 'Value error, Invalid ID format, it must start with "isbn-"',
      input: 'x',
      ctx: { error: {} },
    },
  ])
})

test('X | null reports only X errors; a real union reports every branch', () => {
  assert.deepEqual(errors(z.object({ a: z.union([z.int(), z.null()]) }), { a: 'x' }), [
    {
      type: 'int_parsing',
      loc: ['body', 'a'],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      input: 'x',
    },
  ])
  assert.deepEqual(
    errors(z.union([z.string(), z.int()]), true).map((e) => e.type),
    ['string_type', 'int_type'],
  )
  assert.deepEqual(errors(z.object({ a: z.union([z.string(), z.int()]) }), {}), [
    { type: 'missing', loc: ['body', 'a'], msg: 'Field required', input: {} },
  ])
})

test('discriminated unions report the tag', () => {
  const pet = z.discriminatedUnion('type', [
    z.object({ type: z.literal('cat') }),
    z.object({ type: z.literal('dog') }),
  ])
  assert.deepEqual(errors(pet, { type: 'fish' }), [
    {
      type: 'union_tag_invalid',
      loc: ['body'],
      msg: "Input tag 'fish' found using 'type' does not match any of the expected tags: 'cat', 'dog'",
      input: { type: 'fish' },
      ctx: { discriminator: "'type'", tag: 'fish', expected_tags: "'cat', 'dog'" },
    },
  ])
  assert.equal(errors(pet, {})[0]!.type, 'union_tag_not_found')
})

test('errors keep the declaration order', () => {
  const query = z.object({ needy: z.string(), skip: z.int(), limit: z.int() })
  assert.deepEqual(
    errors(query, { skip: 'a', limit: 'b' }, { loc: ['query'], missingInput: 'null' }).map((e) => [
      e.type,
      e.loc,
    ]),
    [
      ['missing', ['query', 'needy']],
      ['int_parsing', ['query', 'skip']],
      ['int_parsing', ['query', 'limit']],
    ],
  )
})

test('lax body mode parses strings where numbers and booleans are expected', () => {
  const item = z.object({ price: z.number(), count: z.int(), sale: z.boolean(), tags: z.array(z.int()) })
  const body = { price: '50.5', count: '3', sale: 'yes', tags: ['1', 2] }
  assert.deepEqual(validate(item, body, { ...BODY, lax: true }), {
    ok: true,
    value: { price: 50.5, count: 3, sale: true, tags: [1, 2] },
  })
  assert.deepEqual(
    body,
    { price: '50.5', count: '3', sale: 'yes', tags: ['1', 2] },
    'the input is not mutated',
  )
  assert.equal((validate(item, body, BODY) as ValidateResult).ok, false, 'strict without lax')
})

test('lax errors still show the raw input', () => {
  const item = z.object({ price: z.number().max(10), count: z.int() })
  assert.deepEqual(errors(item, { price: '50.5', count: 'x' }, { ...BODY, lax: true }), [
    {
      type: 'less_than_equal',
      loc: ['body', 'price'],
      msg: 'Input should be less than or equal to 10',
      input: '50.5',
      ctx: { le: 10 },
    },
    {
      type: 'int_parsing',
      loc: ['body', 'count'],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      input: 'x',
    },
  ])
})

test('lax reads ISO strings into dates', () => {
  const result = validate(z.object({ at: z.date() }), { at: '2024-01-02T03:04:05Z' }, { ...BODY, lax: true })
  assert.deepEqual(result, { ok: true, value: { at: new Date('2024-01-02T03:04:05Z') } })
})

test('async schemas give a promise', async () => {
  const schema = z.string().refine(async (s) => s === 'ok', 'not ok')
  const pending = validate(schema, 'no', { loc: ['query', 'q'], missingInput: 'null' })
  assert.ok(pending instanceof Promise)
  assert.deepEqual(await pending, {
    ok: false,
    errors: [
      {
        type: 'value_error',
        loc: ['query', 'q'],
        msg: 'Value error, not ok',
        input: 'no',
        ctx: { error: {} },
      },
    ],
  })
})
