import { stringifyJson } from './json.js'
import { withTextCharset } from './mime-types.js'
import { Reply } from './reply.js'
import type { HeadersInput } from './response-headers.js'
import { ResponseHeaders } from './response-headers.js'
import { formatServerSentEvent } from './server-sent-event.js'

export { ServerSentEvent, type ServerSentEventFields } from './server-sent-event.js'

/** Status and extra headers for a response helper; `headers` win over the helper's defaults. */
export interface ReplyInit {
  status?: number
  headers?: HeadersInput
}

/** Options of `stream`. */
export interface StreamOptions extends ReplyInit {
  /** `content-type` of the stream; `text/*` types get `; charset=utf-8` as in Starlette. */
  contentType?: string
}

/** Options of `jsonLines` and `sse`. */
export interface ItemStreamOptions extends ReplyInit {
  /** Turns one item into text; JSON (`stringifyJson`) by default. */
  encodeItem?: (item: unknown) => string
}

/** Options of `sse`. */
export interface SseOptions extends ItemStreamOptions {
  /** Idle time before a `: ping` comment keeps proxies from closing the stream; 15 000 by default. */
  pingIntervalMs?: number
}

/**
 * True for statuses that never carry a body (RFC 9110 §6.4.1, §15.3.5, §15.3.6, §15.4.5):
 * 1xx, 204, 205 and 304. FastAPI sends these with an empty body and no `content-length`.
 *
 * @example
 * noBodyStatus(204) // true
 */
export function noBodyStatus(status: number): boolean {
  return (status >= 100 && status < 200) || status === 204 || status === 205 || status === 304
}

/**
 * A JSON response like FastAPI's `JSONResponse`: compact, UTF-8, `application/json`, with dates,
 * bigints, sets and the like converted as `jsonable_encoder` does.
 *
 * @example
 * return json({ id: 1, name: 'Foo' }, { status: 201, headers: { 'x-request-id': 'abc' } })
 */
export function json(data: unknown, init: ReplyInit = {}): Reply {
  const status = init.status ?? 200
  return typedReply(
    noBodyStatus(status) ? null : stringifyJson(data),
    status,
    'application/json',
    init.headers,
  )
}

/**
 * An HTML response (`text/html; charset=utf-8`), like `HTMLResponse`.
 *
 * @example
 * return html('<h1>Hello</h1>')
 */
export function html(text: string, init: ReplyInit = {}): Reply {
  return textReply(text, 'text/html; charset=utf-8', init)
}

/**
 * A plain-text response (`text/plain; charset=utf-8`), like `PlainTextResponse`.
 *
 * @example
 * return text('pong')
 */
export function text(text: string, init: ReplyInit = {}): Reply {
  return textReply(text, 'text/plain; charset=utf-8', init)
}

/**
 * A redirect with an empty body, 307 by default as `RedirectResponse`. The URL is percent-encoded
 * like Starlette's `quote(url, safe=":/%#?=@[]!$&'()*+,;")`, so spaces and non-ASCII are escaped
 * and existing escapes kept.
 *
 * @throws TypeError for a URL starting with two slashes or backslashes in any mix (`//evil.com`,
 *   `/\evil.com`): browsers read it as another host, the open redirect of fastify-static
 *   CVE-2021-22963. Write the scheme (`https://other.example/`) to redirect off-site on purpose.
 * @example
 * return redirect('/items/42', 303)
 */
export function redirect(url: string, status = 307, init: ReplyInit = {}): Reply {
  if (isSlash(url.charCodeAt(0)) && isSlash(url.charCodeAt(1))) {
    throw new TypeError(`Redirect location ${JSON.stringify(url)} would leave the site; give a full URL`)
  }
  const headers = new ResponseHeaders(init.headers)
  headers.set('location', quoteUrl(url))
  return new Reply(null, init.status ?? status, headers)
}

/**
 * Streams a web `ReadableStream` or an async iterable of strings and bytes as it is produced, like
 * `StreamingResponse`. Backpressure is the adapter's: the next chunk is pulled when the socket
 * drains.
 *
 * @example
 * return stream(fs.createReadStream('big.csv'), { contentType: 'text/csv' })
 */
export function stream(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
  init: StreamOptions = {},
): Reply {
  const contentType = init.contentType === undefined ? undefined : withTextCharset(init.contentType)
  return new Reply(source, init.status ?? 200, buildHeaders(contentType, init.headers))
}

/**
 * JSON Lines (`application/jsonl`), FastAPI's default for generator endpoints: each item is
 * encoded and followed by `\n`. Stopping early (client gone) closes `source`, so its `finally`
 * runs.
 *
 * @example
 * return jsonLines(async function* () { for await (const row of db.cursor()) yield row }())
 */
export function jsonLines(source: AsyncIterable<unknown>, init: ItemStreamOptions = {}): Reply {
  const encodeItem = init.encodeItem ?? stringifyJson
  async function* lines(): AsyncGenerator<string> {
    for await (const item of source) yield `${encodeItem(item)}\n`
  }
  return new Reply(lines(), init.status ?? 200, buildHeaders('application/jsonl', init.headers))
}

/**
 * Server-Sent Events like FastAPI's `EventSourceResponse`: each plain item becomes
 * `data: <json>\n\n`, a `ServerSentEvent` sets its own fields, and `: ping` is sent after
 * `pingIntervalMs` without an item so proxies keep the connection. `cache-control: no-cache` and
 * `x-accel-buffering: no` stop caches and nginx from holding events back.
 *
 * @example
 * return sse(async function* () { yield new ServerSentEvent({ event: 'tick', data: { n: 1 } }) }())
 */
export function sse(source: AsyncIterable<unknown>, init: SseOptions = {}): Reply {
  const headers = buildHeaders('text/event-stream; charset=utf-8', undefined)
  headers.set('cache-control', 'no-cache').set('x-accel-buffering', 'no')
  if (init.headers !== undefined) headers.merge(init.headers)
  const events = sseEvents(source, init.encodeItem ?? stringifyJson, init.pingIntervalMs ?? 15_000)
  return new Reply(events, init.status ?? 200, headers)
}

const PING = Symbol('ping')

async function* sseEvents(
  source: AsyncIterable<unknown>,
  encodeItem: (item: unknown) => string,
  pingIntervalMs: number,
): AsyncGenerator<string> {
  const iterator = source[Symbol.asyncIterator]()
  let pending: Promise<IteratorResult<unknown>> | undefined
  try {
    while (true) {
      pending ??= iterator.next()
      const result = pingIntervalMs > 0 ? await withPing(pending, pingIntervalMs) : await pending
      if (result === PING) {
        yield ': ping\n\n'
        continue
      }
      pending = undefined
      if (result.done) return
      yield formatServerSentEvent(result.value, encodeItem)
    }
  } finally {
    if (pending === undefined) {
      await iterator.return?.()
    } else {
      // The source is suspended in an `await` (a ping was being sent when the consumer left). An
      // async generator queues `return()` behind that `next()`, so waiting here could hang on a
      // source that never produces again; its `finally` runs as soon as it wakes instead.
      pending.catch(() => {})
      iterator.return?.()?.catch(() => {})
    }
  }
}

/** Resolves with the next item, or with PING if none arrives within `ms`. */
function withPing<T>(next: Promise<T>, ms: number): Promise<T | typeof PING> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(PING), ms)
    next.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })
}

function textReply(body: string, contentType: string, init: ReplyInit): Reply {
  const status = init.status ?? 200
  return typedReply(noBodyStatus(status) ? null : body, status, contentType, init.headers)
}

/** Without extra headers, `Reply.typed` defers the header object until something asks for it. */
function typedReply(
  body: string | null,
  status: number,
  contentType: string,
  extra: HeadersInput | undefined,
): Reply {
  if (extra === undefined) return Reply.typed(body, status, contentType)
  return new Reply(body, status, buildHeaders(contentType, extra))
}

function buildHeaders(contentType: string | undefined, extra: HeadersInput | undefined): ResponseHeaders {
  const headers = new ResponseHeaders()
  if (contentType !== undefined) headers.set('content-type', contentType)
  if (extra !== undefined) headers.merge(extra)
  return headers
}

const isSlash = (code: number): boolean => code === 0x2f || code === 0x5c

// Python's `quote` never escapes letters, digits and `_.-~`; Starlette adds this safe set.
const URL_SAFE = /^[A-Za-z0-9_.\-~:/%#?=@[\]!$&'()*+,;]*$/

function quoteUrl(url: string): string {
  if (URL_SAFE.test(url)) return url
  let out = ''
  for (const char of url) {
    if (URL_SAFE.test(char)) out += char
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}
