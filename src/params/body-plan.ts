import type { ParsedBody } from '../body/parse-body.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { compileParse, type Parser } from '../schema/compile-parse.js'
import { FAIL } from '../schema/emit-scope.js'
import { isSchema, type Schema } from '../schema/standard.js'
import { type ValidateOptions, validate } from '../schema/validate.js'
import type { BodySpec } from './param-spec.js'
import { type Pending, settle } from './pending.js'

/** Validates a route's parsed JSON body; compiled once per route. */
export interface BodyPlan {
  /** Pushes every issue into `errors`; the value is undefined when there were any. */
  validate(
    parsed: ParsedBody,
    errors: ValidationErrorItem[],
    pending: Pending,
  ): BodyResult | Promise<BodyResult>
}

export interface BodyResult {
  value: unknown
  /** What was received, for `RequestValidationError.body`. */
  raw: unknown
}

const WHOLE_OPTIONS: ValidateOptions = { loc: ['body'], missingInput: 'parent', lax: true }

/**
 * Compiles a body declaration: one schema is the whole body; an object of schemas is an embedded
 * body whose keys are validated separately (`loc: ["body", key, ...]`), as FastAPI does with
 * several body parameters or `Body(embed=True)`.
 */
export function compileBody(spec: BodySpec): BodyPlan {
  if (isSchema(spec)) {
    const parse = compileParse(spec)
    return { validate: (parsed, errors, pending) => validateWhole(spec, parse, parsed, errors, pending) }
  }
  const fields = Object.entries(spec)
  return {
    validate(parsed, errors, pending) {
      if (parsed.kind === 'malformed') return malformed(parsed.error, errors)
      const value = validateEmbedded(fields, embeddedInput(parsed), errors, pending)
      const finish = () => ({ value, raw: rawOf(parsed) })
      return pending.empty ? finish() : pending.settle().then(finish)
    },
  }
}

function validateWhole(
  schema: Schema,
  parse: Parser | undefined,
  parsed: ParsedBody,
  errors: ValidationErrorItem[],
  pending: Pending,
): BodyResult | Promise<BodyResult> {
  if (parsed.kind === 'malformed') return malformed(parsed.error, errors)
  // FastAPI validates a whole-body model against text that is not JSON (it fails with
  // `model_attributes_type`); a JSON `null` body counts as missing.
  const input =
    parsed.kind === 'json' ? (parsed.value ?? undefined) : parsed.kind === 'text' ? parsed.text : undefined
  // The generated parser answers for valid bodies of the common subset; zod decides the rest.
  if (parse !== undefined && input !== undefined) {
    const value = parse(input)
    if (value !== FAIL) return { value, raw: input }
  }
  let value: unknown
  settle(validate(schema, input, WHOLE_OPTIONS), errors, pending, (v) => {
    value = v
  })
  const finish = () => ({ value, raw: input })
  return pending.empty ? finish() : pending.settle().then(finish)
}

function malformed(error: ValidationErrorItem, errors: ValidationErrorItem[]): BodyResult {
  errors.push(error)
  return { value: undefined, raw: undefined }
}

/** The body as received, for the 422's `body`: the JSON value (even `null`) or the raw text. */
export function rawOf(parsed: ParsedBody): unknown {
  if (parsed.kind === 'json') return parsed.value
  if (parsed.kind === 'text') return parsed.text
  return undefined
}

/**
 * What embedded fields are taken from: the parsed JSON, or undefined when the body is empty,
 * `null`, not JSON or malformed (FastAPI reads no embedded field out of them: each is absent).
 */
export function embeddedInput(parsed: ParsedBody): unknown {
  return parsed.kind === 'json' && parsed.value !== null ? parsed.value : undefined
}

/**
 * Validates each embedded field out of a received body (the route's, or a dependency's fields);
 * async validators fill the returned object before `pending` settles.
 */
export function validateEmbedded(
  fields: readonly (readonly [string, Schema])[],
  input: unknown,
  errors: ValidationErrorItem[],
  pending: Pending,
): Record<string, unknown> | undefined {
  if (input !== undefined && (typeof input !== 'object' || Array.isArray(input))) {
    // JSON that is not an object (a list, a string, a number): FastAPI's `.get()` on it fails and
    // it reports every field missing, defaults or not (`request_body_to_args`).
    for (const [key] of fields)
      errors.push({ type: 'missing', loc: ['body', key], msg: 'Field required', input: null })
    return undefined
  }
  const source = (input ?? {}) as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const [key, schema] of fields) {
    const value = Object.hasOwn(source, key) ? source[key] : undefined
    settle(
      validate(schema, value, { loc: ['body', key], missingInput: 'parent', lax: true }),
      errors,
      pending,
      (v) => {
        if (v !== undefined) out[key] = v
      },
    )
  }
  return out
}
