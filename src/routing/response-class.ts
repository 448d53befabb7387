import { nearestName } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { RouteOptions } from './route-options.js'

/**
 * What a route's success response is, FastAPI's `response_class`: JSON (the default), an HTML
 * page or plain text from a returned string, a redirect to a returned URL, or a file from a
 * returned path. It decides both what the handler's return value becomes and how OpenAPI
 * documents the response.
 */
export type ResponseClass = 'json' | 'html' | 'text' | 'redirect' | 'file'

/** Every response class with what it is, for the message that refuses an unknown one. */
const RESPONSE_CLASSES: Readonly<Record<ResponseClass, string>> = {
  json: 'JSON, JSONResponse; the default',
  html: 'a returned string as text/html, HTMLResponse',
  text: 'a returned string as text/plain, PlainTextResponse',
  redirect: 'a returned URL as a 307 redirect, RedirectResponse',
  file: 'a returned path as a file, FileResponse',
}

/** The status of a route that sets none: 307 for a redirect (RedirectResponse's), else 200. */
export function successStatusOf(responseClass: ResponseClass): number {
  return responseClass === 'redirect' ? 307 : 200
}

/** How an async iterable the handler returns is sent. */
export type StreamKind = 'jsonl' | 'sse'

const STREAM_KINDS: ReadonlySet<string> = new Set<StreamKind>(['jsonl', 'sse'])

/**
 * Refuses a `responseClass` (or a router's `defaultResponseClass`) that is not one of the
 * response classes, naming the nearest.
 *
 * @param option how the message names the option: `responseClass of route GET /`
 */
export function checkResponseClass(option: string, value: unknown): void {
  if (value === undefined || (typeof value === 'string' && Object.hasOwn(RESPONSE_CLASSES, value))) return
  const names = Object.keys(RESPONSE_CLASSES)
  const nearest = typeof value === 'string' ? nearestName(value, names) : undefined
  const hint = nearest === undefined ? '' : ` Did you mean "${nearest}"?`
  const list = Object.entries(RESPONSE_CLASSES)
    .map(([name, what]) => `"${name}" (${what})`)
    .join(', ')
  throw new ConfigError(`Unknown ${option}: ${JSON.stringify(value)}.${hint} The choices are ${list}.`)
}

/**
 * Refuses a route's response options that contradict each other: a `stream` kind that is not one,
 * a stream or a `response` schema on a route whose response is not JSON (a string sent as HTML has
 * no JSON to validate).
 */
export function checkResponseOptions(owner: string, options: RouteOptions): void {
  checkResponseClass(`responseClass of ${owner}`, options.responseClass)
  if (options.stream !== undefined && !STREAM_KINDS.has(options.stream)) {
    throw new ConfigError(
      `Unknown stream of ${owner}: ${JSON.stringify(options.stream)}. The choices are "jsonl" (JSON Lines) and "sse" (server-sent events).`,
    )
  }
  const responseClass = options.responseClass
  if (responseClass === undefined || responseClass === 'json') return
  if (options.stream !== undefined) {
    throw new ConfigError(
      `The ${owner} streams (stream: '${options.stream}') but its responseClass is '${responseClass}'; a stream is sent as JSON Lines or SSE: drop one of them.`,
    )
  }
  if (options.response !== undefined) {
    throw new ConfigError(
      `The ${owner} has responseClass '${responseClass}', whose body is not JSON, so its response schema would never be used: drop \`response\`, or document the body with \`responses\`.`,
    )
  }
}

// Read once: the constructor of every `async function*`, which has no global name.
const AsyncGeneratorFunction = Object.getPrototypeOf(async function* () {}).constructor as Function

/**
 * How a route's returned stream is sent: its `stream` option, else JSON Lines for an
 * `async function*` handler (what the wire does with the async iterable it returns, FastAPI's
 * generator endpoints), else undefined: a route that may return a stream from an ordinary
 * function says so with `stream`.
 */
export function streamKindOf(options: RouteOptions, handler: Function): StreamKind | undefined {
  if (options.stream !== undefined) return options.stream
  return handler instanceof AsyncGeneratorFunction ? 'jsonl' : undefined
}
