import type { ScalarKind } from './describe.js'
import { parseIsoDateTime } from './iso-datetime.js'

/** Why a raw string could not become the declared type: Pydantic's error type, message and context. */
export type CoerceFailure = { type: string; msg: string; ctx?: Record<string, unknown> }

/** The declared-type value read from a string, or why it could not be read. */
export type CoerceResult = { ok: true; value: unknown } | { ok: false; error: CoerceFailure }

const INT_PARSING: CoerceResult = {
  ok: false,
  error: {
    type: 'int_parsing',
    msg: 'Input should be a valid integer, unable to parse string as an integer',
  },
}
const INT_PARSING_SIZE: CoerceResult = {
  ok: false,
  error: {
    type: 'int_parsing_size',
    msg: 'Unable to parse input string as an integer, exceeded maximum size',
  },
}
const FLOAT_PARSING: CoerceResult = {
  ok: false,
  error: { type: 'float_parsing', msg: 'Input should be a valid number, unable to parse string as a number' },
}
const BOOL_PARSING: CoerceResult = {
  ok: false,
  error: { type: 'bool_parsing', msg: 'Input should be a valid boolean, unable to interpret input' },
}

// pydantic-core `str_as_int`: whitespace is trimmed, `_` separators are allowed but not at either
// end, and a fraction made only of zeros (`"1.0"`, `"1."`) is dropped before parsing.
const INT_RE = /^[+-]?\d+$/
const DECIMAL_ZEROS_RE = /\.0*$/
// Rust's f64 parser as pydantic-core calls it; `inf`/`nan` are left out on purpose (see below).
const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

// pydantic-core `str_as_bool`, compared case-insensitively.
const TRUE_WORDS = new Set(['1', 't', 'true', 'y', 'yes', 'on'])
const FALSE_WORDS = new Set(['0', 'f', 'false', 'n', 'no', 'off'])

/** Pydantic's underscore rule: `1_000` is fine, `_1` and `1_` are not. */
function stripUnderscores(text: string): string | undefined {
  if (!text.includes('_')) return text
  if (text.startsWith('_') || text.endsWith('_')) return undefined
  return text.replaceAll('_', '')
}

/** The integer digits of `raw` with Pydantic's leniencies applied, or undefined when it is not one. */
function integerText(raw: string): string | undefined {
  const text = stripUnderscores(raw.trim())
  if (text === undefined) return undefined
  const whole = text.replace(DECIMAL_ZEROS_RE, '')
  return INT_RE.test(whole) ? whole : undefined
}

/**
 * The common case, plain decimal digits with an optional minus and at most 15 digits (always a
 * safe integer), read in one loop with no regex and no intermediate strings; anything else
 * returns undefined and takes Pydantic's full set of rules below.
 */
function plainInteger(raw: string): number | undefined {
  const length = raw.length
  if (length === 0 || length > 16) return undefined
  let i = raw.charCodeAt(0) === 0x2d ? 1 : 0
  if (i === length || length - i > 15) return undefined
  let value = 0
  for (; i < length; i++) {
    const digit = raw.charCodeAt(i) - 0x30
    if (digit < 0 || digit > 9) return undefined
    value = value * 10 + digit
  }
  return raw.charCodeAt(0) === 0x2d && value !== 0 ? -value : value
}

function coerceInteger(raw: string): CoerceResult {
  const plain = plainInteger(raw)
  if (plain !== undefined) return { ok: true, value: plain }
  // pydantic-core refuses strings longer than 4300 characters before parsing (CPython's int limit).
  if (raw.length > 4300) return INT_PARSING_SIZE
  const text = integerText(raw)
  if (text === undefined) return INT_PARSING
  const value = Number(text)
  // Pydantic has arbitrary-precision ints; a JS number silently rounds past 2^53, so say so instead.
  if (!Number.isSafeInteger(value)) return INT_PARSING_SIZE
  return { ok: true, value: value === 0 ? 0 : value }
}

function coerceNumber(raw: string): CoerceResult {
  const text = stripUnderscores(raw.trim())
  if (text === undefined || !FLOAT_RE.test(text)) return FLOAT_PARSING
  const value = Number(text)
  // Pydantic accepts "inf" and "nan" (allow_inf_nan=True), but zod numbers and JSON both reject
  // non-finite values, so Brisk refuses them here where the message is clearest.
  return Number.isFinite(value) ? { ok: true, value } : FLOAT_PARSING
}

function coerceBoolean(raw: string): CoerceResult {
  const word = raw.toLowerCase()
  if (TRUE_WORDS.has(word)) return { ok: true, value: true }
  if (FALSE_WORDS.has(word)) return { ok: true, value: false }
  return BOOL_PARSING
}

function coerceBigint(raw: string): CoerceResult {
  const text = integerText(raw)
  return text === undefined ? INT_PARSING : { ok: true, value: BigInt(text) }
}

function coerceDate(raw: string): CoerceResult {
  const parsed = parseIsoDateTime(raw)
  if (parsed.ok && Number.isFinite(parsed.ms)) return { ok: true, value: new Date(parsed.ms) }
  const reason = parsed.ok ? 'value is outside expected range' : parsed.reason
  // Pydantic's lax datetime falls back to reading a date, hence the "datetime or date" wording.
  return {
    ok: false,
    error: {
      type: 'datetime_from_date_parsing',
      msg: `Input should be a valid datetime or date, ${reason}`,
      ctx: { error: reason },
    },
  }
}

/**
 * Turns a raw string from a path, query, header or cookie into the declared scalar type, with
 * Pydantic's lax-mode rules (`" 42 "` and `"1_000"` are integers, `"yes"` is true) and its error
 * types when the string cannot be read. Strings and unknown kinds pass through unchanged.
 *
 * @example
 * coerceString('integer', '42') // { ok: true, value: 42 }
 * coerceString('boolean', 'maybe') // { ok: false, error: { type: 'bool_parsing', ... } }
 */
export function coerceString(kind: ScalarKind, raw: string): CoerceResult {
  switch (kind) {
    case 'integer':
      return coerceInteger(raw)
    case 'number':
      return coerceNumber(raw)
    case 'boolean':
      return coerceBoolean(raw)
    case 'bigint':
      return coerceBigint(raw)
    case 'date':
      return coerceDate(raw)
    default:
      return { ok: true, value: raw }
  }
}
