import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { isJsonMediaType, parseMediaType } from '../http/content-type.js'
import type { RequestContext } from '../http/request-context.js'
import type { BodySpec } from '../routing/route-types.js'
import { isSchema, type Schema } from '../schema/standard.js'
import { type ValidateOptions, validate } from '../schema/validate.js'
import { decodeUtf8 } from './decode-body.js'
import { parseJsonBody } from './json-body.js'
import { type Pending, settle } from './pending.js'

/** Settings that decide how a body is read. */
export interface BodySettings {
  /** Bytes accepted before a 413. */
  readonly limit: number
  /** Only parse JSON when the Content-Type says so (FastAPI's `strict_content_type`, default on). */
  readonly strictContentType: boolean
}

/** Reads and validates a route's body; compiled once per route. */
export interface BodyPlan {
  /** Resolves to the validated body (undefined when errors were pushed) and the raw input. */
  read(ctx: RequestContext, errors: ValidationErrorItem[], pending: Pending): Promise<BodyResult>
  /**
   * Reads and parses the body without validating it, for embedded fields that dependencies read:
   * `input` is what embedded fields are taken from, `error` a malformed-JSON error.
   */
  receive(ctx: RequestContext): Promise<ReceivedBody>
  /** `read` for a body `receive` already parsed, so it is not parsed twice. */
  validate(
    received: ReceivedBody,
    errors: ValidationErrorItem[],
    pending: Pending,
  ): BodyResult | Promise<BodyResult>
}

/** A body read and parsed but not yet validated. */
export interface ReceivedBody {
  /** What embedded fields are taken from (undefined when empty, null, or not JSON). */
  readonly input: unknown
  readonly raw: unknown
  /** Malformed JSON. */
  readonly error?: ValidationErrorItem
  /** The parse result as `read` needs it. */
  readonly parsed: unknown
}

export interface BodyResult {
  value: unknown
  /** What was received, for `RequestValidationError.body`. */
  raw: unknown
}

/**
 * Compiles a body declaration: one schema is the whole body; an object of schemas is an embedded
 * body whose keys are validated separately (`loc: ["body", key, ...]`), as FastAPI does with
 * several body parameters or `Body(embed=True)`.
 */
export function compileBody(spec: BodySpec, settings: BodySettings): BodyPlan {
  const embedded = isSchema(spec) ? undefined : Object.entries(spec)
  const whole = isSchema(spec) ? spec : undefined
  return {
    // One promise hop for the body bytes; parsing and validation then run synchronously unless a
    // validator is async, which keeps the POST path short (S3 in bench/).
    read(ctx, errors, pending) {
      return ctx.body(settings.limit).then((bytes) => check(interpret(bytes, ctx, settings), errors, pending))
    },
    receive(ctx) {
      return ctx.body(settings.limit).then((bytes) => {
        const parsed = interpret(bytes, ctx, settings)
        if (parsed instanceof JsonError)
          return { input: undefined, raw: undefined, error: parsed.item, parsed }
        if (parsed instanceof RawText) return { input: undefined, raw: parsed.text, parsed }
        return { input: parsed === null ? undefined : parsed, raw: parsed, parsed }
      })
    },
    validate(received, errors, pending) {
      return check(received.parsed, errors, pending)
    },
  }

  function check(
    received: unknown,
    errors: ValidationErrorItem[],
    pending: Pending,
  ): BodyResult | Promise<BodyResult> {
    if (received instanceof JsonError) {
      errors.push(received.item)
      return { value: undefined, raw: undefined }
    }
    // FastAPI validates a whole-body model against text that is not JSON (it fails with
    // `model_attributes_type`), but reads no embedded fields out of it: each one is absent.
    const raw = received instanceof RawText ? received.text : received
    // A JSON `null` body counts as missing, as in FastAPI.
    const input = received === null || (received instanceof RawText && whole === undefined) ? undefined : raw
    let value: unknown
    if (whole !== undefined) {
      const options: ValidateOptions = { loc: ['body'], missingInput: 'parent', lax: true }
      settle(validate(whole, input, options), errors, pending, (v) => {
        value = v
      })
    } else value = readEmbedded(embedded!, input, errors, pending)
    const finish = () => ({ value, raw: whole !== undefined ? input : raw })
    return pending.empty ? finish() : pending.settle().then(finish)
  }
}

/** Validates embedded body fields out of an already received body (a dependency's fields). */
export function validateEmbedded(
  fields: readonly (readonly [string, Schema])[],
  input: unknown,
  errors: ValidationErrorItem[],
  pending: Pending,
): Record<string, unknown> | undefined {
  return readEmbedded(fields, input, errors, pending)
}

/** Validates each embedded field; async validators fill the returned object before `pending` settles. */
function readEmbedded(
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

/** A body that was not parsed as JSON (its media type is not JSON), kept apart from a JSON string. */
class RawText {
  constructor(readonly text: string) {}
}

/** Malformed JSON, carried back as a value so it joins the other validation errors. */
class JsonError {
  constructor(readonly item: ValidationErrorItem) {}
}

/**
 * The body as the validator should see it: undefined when empty (FastAPI: "missing"), parsed
 * JSON when the media type is JSON (or absent, with strict content types off), else the raw text,
 * which fails an object schema with `model_attributes_type` as FastAPI's does.
 */
function interpret(bytes: Uint8Array, ctx: RequestContext, settings: BodySettings): unknown {
  if (bytes.length === 0) return undefined
  const contentType = ctx.header('content-type')
  const json = isJson(contentType) || (contentType === undefined && !settings.strictContentType)
  const text = decodeUtf8(bytes)
  if (!json) return new RawText(text)
  const parsed = parseJsonBody(text)
  return parsed.ok ? parsed.value : new JsonError(parsed.error)
}

// Clients send the same Content-Type on every request, so the last answer is remembered: the
// strict parse runs once per distinct header value instead of once per request.
let lastContentType: string | undefined
let lastIsJson = false

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false
  if (contentType !== lastContentType) {
    lastIsJson = isJsonMediaType(parseMediaType(contentType))
    lastContentType = contentType
  }
  return lastIsJson
}
