import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { isJsonMediaType, parseMediaType } from '../http/content-type.js'
import type { QueryValues } from '../http/query.js'
import type { RequestContext } from '../http/request-context.js'
import { parseJson } from './json.js'
import { parseUrlencoded } from './urlencoded.js'
import { decodeUtf8 } from './utf8.js'

/**
 * A request body as read for a route: the one place a parser is picked from the Content-Type.
 * - `empty`: no bytes (FastAPI: the body is missing);
 * - `json`: parsed JSON (possibly `null`);
 * - `malformed`: JSON that does not parse, as FastAPI's `json_invalid` error;
 * - `text`: a body of a media type the route does not parse, kept as text (FastAPI validates a
 *   JSON route's model against it and fails with `model_attributes_type`);
 * - `form`: the fields of an urlencoded form.
 */
export type ParsedBody =
  | { readonly kind: 'empty' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'malformed'; readonly error: ValidationErrorItem }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'form'; readonly fields: QueryValues }

/** How a route reads its body; compiled once per route. */
export interface BodyParsing {
  /** What the route declares: a JSON body, or form fields. */
  readonly accepts: 'json' | 'form'
  /** Bytes accepted before a 413. */
  readonly limit: number
  /** Parse JSON only when the Content-Type says so (FastAPI's `strict_content_type`, default on). */
  readonly strictContentType: boolean
}

const EMPTY: ParsedBody = Object.freeze({ kind: 'empty' })

/** Reads the whole body within the route's limit and parses it as the route expects. */
export function readBody(ctx: RequestContext, parsing: BodyParsing): Promise<ParsedBody> {
  return ctx.body(parsing.limit).then((bytes) => parseBody(bytes, ctx, parsing))
}

/**
 * Picks the parser: a JSON route parses JSON when the media type is JSON (or absent, with strict
 * content types off) and keeps anything else as text; a form route parses an urlencoded body and
 * reads any other body as an empty form, so every required field is reported missing, as FastAPI
 * does for a JSON body sent to a form route.
 */
export function parseBody(bytes: Uint8Array, ctx: RequestContext, parsing: BodyParsing): ParsedBody {
  const contentType = ctx.header('content-type')
  if (parsing.accepts === 'form') {
    const urlencoded = contentType !== undefined && essenceOf(contentType) === URLENCODED
    return { kind: 'form', fields: parseUrlencoded(urlencoded ? bytes : EMPTY_BYTES, ctx.limits.formFields) }
  }
  if (bytes.length === 0) return EMPTY
  const json = isJson(contentType) || (contentType === undefined && !parsing.strictContentType)
  const text = decodeUtf8(bytes)
  if (!json) return { kind: 'text', text }
  const parsed = parseJson(text)
  return parsed.ok ? { kind: 'json', value: parsed.value } : { kind: 'malformed', error: parsed.error }
}

const URLENCODED = 'application/x-www-form-urlencoded'
const EMPTY_BYTES = new Uint8Array(0)

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

function essenceOf(contentType: string): string | undefined {
  return parseMediaType(contentType)?.essence
}
