import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { laxInput } from './lax.js'
import { type MapContext, mapIssues } from './map-issues.js'
import type { Schema } from './standard.js'
import { zodDef } from './zod-def.js'

/** The validated (and transformed) value, or FastAPI's error items. */
export type ValidateResult = { ok: true; value: unknown } | { ok: false; errors: ValidationErrorItem[] }

/** Where the validated value sits in the request, and how Pydantic would have read it. */
export interface ValidateOptions {
  /** The `loc` prefix of every error: `['query', 'limit']`, `['body']`, `['response']`. */
  loc: (string | number)[]
  /**
   * What `input` is for a value missing at the TOP level of the validated value: 'null' (a
   * parameter or an embedded-body field: FastAPI sets input null) or 'parent' (a field of a body
   * model: the enclosing object). Deeper missing fields always use the enclosing object. A wholly
   * missing value (the validated value itself undefined) always has input null.
   */
  missingInput: 'null' | 'parent'
  /** Body mode: Pydantic's lax coercion inside JSON, where `"50.5"` is a valid number (zod only). */
  lax?: boolean
  /**
   * The value as the client sent it, when `value` is a coerced copy (a query string `"150"` read
   * as `150`): errors echo it as their `input`, as FastAPI's do.
   */
  rawInput?: unknown
}

type Outcome = StandardSchemaV1.Result<unknown>

/**
 * Validates `value` against any Standard Schema and reports failures as FastAPI's 422 error items.
 * Synchronous whenever the schema is (no Promise on the hot path); a valid value costs one call to
 * the validator and one result object.
 *
 * @example
 * validate(z.object({ price: z.number() }), { price: 'x' }, { loc: ['body'], missingInput: 'parent' })
 * // { ok: false, errors: [{ type: 'float_parsing', loc: ['body', 'price'], ... }] }
 */
export function validate(
  schema: Schema,
  value: unknown,
  options: ValidateOptions,
): ValidateResult | Promise<ValidateResult> {
  const outcome = schema['~standard'].validate(value)
  if (outcome instanceof Promise) return outcome.then((settled) => settle(schema, value, options, settled))
  if (outcome.issues === undefined) return { ok: true, value: outcome.value }
  return settle(schema, value, options, outcome)
}

/**
 * Finishes a validation whose outcome the caller already has (it called the validator itself on
 * its hot path): maps issues to error items and applies lax coercion. Never validates twice for a
 * successful outcome.
 */
export function validateOutcome(
  schema: Schema,
  value: unknown,
  options: ValidateOptions,
  outcome: Outcome | Promise<Outcome>,
): ValidateResult | Promise<ValidateResult> {
  if (outcome instanceof Promise) return outcome.then((settled) => settle(schema, value, options, settled))
  return settle(schema, value, options, outcome)
}

function settle(
  schema: Schema,
  value: unknown,
  options: ValidateOptions,
  outcome: Outcome,
): ValidateResult | Promise<ValidateResult> {
  if (outcome.issues === undefined) return { ok: true, value: outcome.value }
  const zod = zodDef(schema) !== undefined
  const input = options.rawInput === undefined ? value : options.rawInput
  const ctx: MapContext = { schema, input, loc: options.loc, missingInput: options.missingInput, zod }
  if (options.lax === true && zod) {
    const fixed = laxInput(schema, value, outcome.issues)
    if (fixed !== undefined) {
      const retry = schema['~standard'].validate(fixed.value)
      if (retry instanceof Promise) return retry.then((settled) => report(settled, ctx))
      return report(retry, ctx)
    }
  }
  return { ok: false, errors: mapIssues(outcome.issues, ctx) }
}

/** The result of the retry after lax coercion; errors still show the client's original input. */
function report(outcome: Outcome, ctx: MapContext): ValidateResult {
  if (outcome.issues === undefined) return { ok: true, value: outcome.value }
  return { ok: false, errors: mapIssues(outcome.issues, ctx) }
}
