import assert from 'node:assert/strict'
import { test } from 'node:test'
import { coerceString } from '../../src/schema/coerce.js'

const INT_PARSING = {
  type: 'int_parsing',
  msg: 'Input should be a valid integer, unable to parse string as an integer',
}

test('integers follow pydantic-core: sign, whitespace, underscores, zero fractions', () => {
  assert.deepEqual(coerceString('integer', '42'), { ok: true, value: 42 })
  assert.deepEqual(coerceString('integer', ' -7 '), { ok: true, value: -7 })
  assert.deepEqual(coerceString('integer', '+3'), { ok: true, value: 3 })
  assert.deepEqual(coerceString('integer', '1_000'), { ok: true, value: 1000 })
  assert.deepEqual(coerceString('integer', '5.0'), { ok: true, value: 5 })
  for (const bad of ['item1', '1.5', '', '_1', '1_', '1e3', '0x10']) {
    assert.deepEqual(coerceString('integer', bad), { ok: false, error: INT_PARSING }, bad)
  }
})

test('integers beyond 2^53 are refused rather than rounded', () => {
  const result = coerceString('integer', '9007199254740993')
  assert.equal(result.ok, false)
  assert.equal(!result.ok && result.error.type, 'int_parsing_size')
})

test('numbers: decimal and exponent forms, finite only', () => {
  assert.deepEqual(coerceString('number', '50.5'), { ok: true, value: 50.5 })
  assert.deepEqual(coerceString('number', '1e3'), { ok: true, value: 1000 })
  assert.deepEqual(coerceString('number', '.5'), { ok: true, value: 0.5 })
  for (const bad of ['abc', '', 'inf', 'nan', '0x1', '1.2.3']) {
    assert.deepEqual(
      coerceString('number', bad),
      {
        ok: false,
        error: {
          type: 'float_parsing',
          msg: 'Input should be a valid number, unable to parse string as a number',
        },
      },
      bad,
    )
  }
})

test("booleans accept Pydantic's spellings in any case", () => {
  for (const yes of ['true', 'True', '1', 'yes', 'on', 't', 'Y']) {
    assert.deepEqual(coerceString('boolean', yes), { ok: true, value: true }, yes)
  }
  for (const no of ['false', 'FALSE', '0', 'no', 'off', 'f', 'n']) {
    assert.deepEqual(coerceString('boolean', no), { ok: true, value: false }, no)
  }
  assert.deepEqual(coerceString('boolean', 'maybe'), {
    ok: false,
    error: { type: 'bool_parsing', msg: 'Input should be a valid boolean, unable to interpret input' },
  })
})

test('bigints keep every digit', () => {
  assert.deepEqual(coerceString('bigint', '123456789012345678901234567890'), {
    ok: true,
    value: 123456789012345678901234567890n,
  })
  assert.deepEqual(coerceString('bigint', 'x'), { ok: false, error: INT_PARSING })
})

test('dates: ISO dates, date-times with offsets, Unix timestamps', () => {
  const day = coerceString('date', '2024-02-29')
  assert.ok(day.ok && day.value instanceof Date)
  assert.equal(day.ok && (day.value as Date).toISOString(), '2024-02-29T00:00:00.000Z')
  const withOffset = coerceString('date', '2024-01-02T03:04:05.5+02:00')
  assert.equal(withOffset.ok && (withOffset.value as Date).toISOString(), '2024-01-02T01:04:05.500Z')
  const stamp = coerceString('date', '1700000000')
  assert.equal(stamp.ok && (stamp.value as Date).toISOString(), '2023-11-14T22:13:20.000Z')
})

test("dates fail with speedate's reasons", () => {
  assert.deepEqual(coerceString('date', 'foo'), {
    ok: false,
    error: {
      type: 'datetime_from_date_parsing',
      msg: 'Input should be a valid datetime or date, input is too short',
      ctx: { error: 'input is too short' },
    },
  })
  const month = coerceString('date', '2024-13-01')
  assert.equal(
    !month.ok && month.error.msg,
    'Input should be a valid datetime or date, month value is outside expected range of 1-12',
  )
})

test('strings and unknown kinds pass through unchanged', () => {
  assert.deepEqual(coerceString('string', ' 42 '), { ok: true, value: ' 42 ' })
  assert.deepEqual(coerceString('unknown', 'x'), { ok: true, value: 'x' })
})
