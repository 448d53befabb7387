import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { isJsonMediaType, parseMediaType } from '../http/content-type.js'
import type { QueryValues } from '../http/query.js'
import type { RequestContext } from '../http/request-context.js'
import { parseJson } from './json.js'
import { readMultipart } from './multipart.js'
import { malformedMultipart } from './multipart-errors.js'
import type { MultipartLimits } from './multipart-limits.js'
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
  /** How a form route reads a `multipart/form-data` body; JSON routes leave it out. */
  readonly multipart?: MultipartParsing
}

/** The limits a form route reads a multipart body with. */
export interface MultipartParsing {
  readonly limits: MultipartLimits
  /** The largest file a field takes: its `upload({ maxSize })`, else the route's `maxFileSize`. */
  readonly maxFileSize: (field: string) => number
  /** The most files a field takes: its `upload.list({ maxCount })`, else no more than the body's. */
  readonly maxFileCount: (field: string) => number
}

const EMPTY: ParsedBody = Object.freeze({ kind: 'empty' })

/** Reads the whole body within the route's limit and parses it as the route expects. */
export function readBody(ctx: RequestContext, parsing: BodyParsing): Promise<ParsedBody> {
  return ctx.body(parsing.limit).then((bytes) => parseBody(bytes, ctx, parsing))
}

/**
 * Receives the body of a route that reads it before anything else (form fields, files, a
 * dependency's body fields). A multipart body on a form route is streamed through the multipart
 * reader, which sets `ctx.files` and has every upload removed once the response has been sent
 * (or at once, when reading fails); any other body is read whole and parsed by `parseBody`.
 */
export function receiveBody(ctx: RequestContext, parsing: BodyParsing): Promise<ParsedBody> {
  const multipart = parsing.multipart
  const contentType = ctx.header('content-type')
  if (multipart === undefined || contentType === undefined) return readBody(ctx, parsing)
  const mediaType = parseMediaType(contentType)
  if (mediaType === null && contentType.trimStart().toLowerCase().startsWith(MULTIPART)) {
    // A multipart Content-Type that does not parse (an unterminated quoted boundary): its
    // body cannot be split, and reading it as an empty form would run the handler.
    return Promise.reject(malformedMultipart('Invalid multipart Content-Type.'))
  }
  if (mediaType?.essence !== MULTIPART) return readBody(ctx, parsing)
  const chunks = ctx.bodyStream(multipart.limits.maxTotalSize)
  const reading = { boundary: mediaType.params.boundary, ...multipart }
  return readMultipart(chunks, reading).then((form) => {
    ctx.files = form.files
    if (form.files.size > 0) ctx.afterResponse(() => closeUploads(form.files))
    return { kind: 'form', fields: form.fields }
  })
}

function closeUploads(files: ReadonlyMap<string, readonly { close(): Promise<void> }[]>): Promise<unknown> {
  return Promise.all([...files.values()].flat().map((file) => file.close()))
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
const MULTIPART = 'multipart/form-data'
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
