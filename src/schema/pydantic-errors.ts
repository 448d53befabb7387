import { expectedList, jsonBound } from './python-repr.js'

/** Pydantic's error type, message and context for one issue; `loc` and `input` are added by the caller. */
export interface PydanticError {
  type: string
  msg: string
  ctx?: Record<string, unknown>
}

function plural(n: unknown): string {
  return n === 1 ? '' : 's'
}

/** Pydantic's `*_type` / `*_parsing` error for a value of the wrong type. */
export function typeError(expected: string, input: unknown, integer: boolean, atBodyRoot: boolean) {
  const isString = typeof input === 'string'
  switch (expected) {
    case 'string':
      return { type: 'string_type', msg: 'Input should be a valid string' }
    case 'int':
    case 'bigint':
      return intError(input)
    case 'number':
      if (integer) return intError(input)
      if (typeof input === 'number') return { type: 'finite_number', msg: 'Input should be a finite number' }
      return isString
        ? { type: 'float_parsing', msg: 'Input should be a valid number, unable to parse string as a number' }
        : { type: 'float_type', msg: 'Input should be a valid number' }
    case 'boolean':
      return isString
        ? { type: 'bool_parsing', msg: 'Input should be a valid boolean, unable to interpret input' }
        : { type: 'bool_type', msg: 'Input should be a valid boolean' }
    case 'array':
      return { type: 'list_type', msg: 'Input should be a valid list' }
    case 'set':
      return { type: 'set_type', msg: 'Input should be a valid set' }
    case 'tuple':
      return { type: 'tuple_type', msg: 'Input should be a valid tuple' }
    case 'object':
      // FastAPI validates a whole body model against the parsed body: Pydantic's model error there.
      return atBodyRoot
        ? {
            type: 'model_attributes_type',
            msg: 'Input should be a valid dictionary or object to extract fields from',
          }
        : { type: 'dict_type', msg: 'Input should be a valid dictionary' }
    case 'record':
    case 'map':
      return { type: 'dict_type', msg: 'Input should be a valid dictionary' }
    case 'date':
      return { type: 'datetime_type', msg: 'Input should be a valid datetime' }
    case 'null':
      return { type: 'none_required', msg: 'Input should be None' }
    default:
      return undefined
  }
}

function intError(input: unknown): PydanticError {
  if (typeof input === 'string') {
    return {
      type: 'int_parsing',
      msg: 'Input should be a valid integer, unable to parse string as an integer',
    }
  }
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { type: 'finite_number', msg: 'Input should be a finite number' }
    if (!Number.isInteger(input)) {
      return {
        type: 'int_from_float',
        msg: 'Input should be a valid integer, got a number with a fractional part',
      }
    }
  }
  return { type: 'int_type', msg: 'Input should be a valid integer' }
}

/** Pydantic's bound errors for zod's `too_small` / `too_big`, by what was measured. */
export function sizeError(
  small: boolean,
  origin: string,
  bound: unknown,
  inclusive: boolean,
  input: unknown,
): PydanticError | undefined {
  if (origin === 'string') {
    return small
      ? {
          type: 'string_too_short',
          msg: `String should have at least ${bound} character${plural(bound)}`,
          ctx: { min_length: bound },
        }
      : {
          type: 'string_too_long',
          msg: `String should have at most ${bound} character${plural(bound)}`,
          ctx: { max_length: bound },
        }
  }
  if (origin === 'array' || origin === 'set') {
    const fieldType = origin === 'array' ? 'List' : 'Set'
    const actual = Array.isArray(input) ? input.length : input instanceof Set ? input.size : 0
    return small
      ? {
          type: 'too_short',
          msg: `${fieldType} should have at least ${bound} item${plural(bound)} after validation, not ${actual}`,
          ctx: { field_type: fieldType, min_length: bound, actual_length: actual },
        }
      : {
          type: 'too_long',
          msg: `${fieldType} should have at most ${bound} item${plural(bound)} after validation, not ${actual}`,
          ctx: { field_type: fieldType, max_length: bound, actual_length: actual },
        }
  }
  if (origin === 'number' || origin === 'int' || origin === 'bigint' || origin === 'date') {
    const value = jsonBound(bound)
    if (small && inclusive)
      return {
        type: 'greater_than_equal',
        msg: `Input should be greater than or equal to ${value}`,
        ctx: { ge: value },
      }
    if (small)
      return { type: 'greater_than', msg: `Input should be greater than ${value}`, ctx: { gt: value } }
    if (inclusive)
      return {
        type: 'less_than_equal',
        msg: `Input should be less than or equal to ${value}`,
        ctx: { le: value },
      }
    return { type: 'less_than', msg: `Input should be less than ${value}`, ctx: { lt: value } }
  }
  return undefined
}

/** Pydantic's `enum` or `literal_error` for a value outside a fixed set. */
export function choiceError(values: readonly unknown[], isEnum: boolean): PydanticError {
  const expected = expectedList(values)
  return { type: isEnum ? 'enum' : 'literal_error', msg: `Input should be ${expected}`, ctx: { expected } }
}

/** Pydantic's error for a `ValueError` raised by a custom validator: the exception encodes to `{}`. */
export function valueError(message: string): PydanticError {
  return { type: 'value_error', msg: `Value error, ${message}`, ctx: { error: {} } }
}

/** Pydantic's error for a required value that is absent. */
export const MISSING: PydanticError = { type: 'missing', msg: 'Field required' }
