import { ConfigError } from '../errors/config-error.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { compileEmit, type Emitter, FAIL } from './compile-emit.js'
import type { Schema } from './standard.js'
import { type ValidateOptions, validate } from './validate.js'

/** A response body as JSON text, or the errors that make it a 500 (`ResponseValidationError`). */
export type SerializeResult = { ok: true; json: string } | { ok: false; errors: ValidationErrorItem[] }

// Shared by every call: validate only reads it.
const RESPONSE: ValidateOptions = { loc: ['response'], missingInput: 'parent' }

// Values on which any JSON encoder that agrees with JSON.stringify must give the same text.
const PROBE = {
  s: 'a"\u2028é',
  n: -1.5,
  i: 0,
  b: true,
  z: null,
  u: undefined,
  a: [1, 'x', null],
  d: new Date(0),
  o: {},
}

/**
 * Whether `encode` writes plain data exactly as `JSON.stringify` does, which the fast path's JSON
 * writer mirrors. When it does not (say it writes `undefined` as `null`, or dates another way), every
 * value takes the validator and `encode`, so both paths can never give different bytes.
 */
function agreesWithJson(encode: (value: unknown) => string): boolean {
  try {
    return encode(PROBE) === JSON.stringify(PROBE)
  } catch {
    return false
  }
}

function slowPath(schema: Schema, encode: (value: unknown) => string): (value: unknown) => SerializeResult {
  return (value) => {
    const result = validate(schema, value, RESPONSE)
    if (result instanceof Promise) {
      throw new ConfigError(
        'A response schema validated asynchronously (an async refine or transform). Response schemas ' +
          'must be synchronous: move async work into the handler.',
      )
    }
    return result.ok ? { ok: true, json: encode(result.value) } : result
  }
}

/**
 * Compiles a route's response serializer once, at registration. It validates and filters the
 * handler's return value (undeclared keys dropped, defaults applied) and returns JSON text,
 * exactly as `validate(schema, value, { loc: ['response'], missingInput: 'parent' })` followed by
 * `encode` would. Schemas in zod's common subset get a fast path of JavaScript generated for the
 * schema (see compileEmit) that checks the value and writes JSON for its declared keys directly;
 * any value that fails it, and any schema outside the subset, goes to the validator so that errors
 * and outputs are the validator's own.
 *
 * @example
 * const serialize = compileSerializer(z.object({ id: z.int() }), JSON.stringify)
 * serialize({ id: 1, password: 'x' }) // { ok: true, json: '{"id":1}' }
 */
export function compileSerializer(
  schema: Schema,
  encode: (value: unknown) => string,
): (value: unknown) => SerializeResult {
  const slow = slowPath(schema, encode)
  const emit: Emitter | undefined = agreesWithJson(encode) ? compileEmit(schema, encode) : undefined
  if (emit === undefined) return slow
  return function serialize(value) {
    const json = emit(value)
    // undefined: an optional response schema given nothing, which only the validator can phrase.
    return json === FAIL || json === undefined ? slow(value) : { ok: true, json }
  }
}
