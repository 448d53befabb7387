import { BackgroundTasks } from './background-tasks.js'
import { type BodyReader, bodyTooLarge } from './body-source.js'
import { parseCookies } from './cookies.js'
import { readEncodedBody, streamEncodedBody } from './encoded-body.js'
import { isPlainHost } from './host.js'
import { parseQuery, type QueryValues } from './query.js'
import { isSafeRequestId } from './request-id.js'
import { ResponseParams } from './response-params.js'
import type { DeclaredState } from './state.js'
import type { UploadFile } from './upload-file.js'

/** Work that runs after the response has been sent (background tasks, request-scoped teardown). */
export type AfterResponse = () => unknown

/** Request headers as Node gives them: lowercase names; repeated lines joined, `set-cookie` kept apart. */
export type RequestHeaders = Record<string, string | string[] | undefined>

/**
 * Makes a request's `signal` from its `connection` the first time `ctx.signal` is read; one per
 * server, so a request that never reads its signal pays nothing for it.
 */
export type SignalOpener = (connection: any) => AbortSignal

/** Limits that apply while a request is read. */
export interface RequestLimits {
  /** Most query parameters accepted before a 400 (default 1000). */
  readonly queryParams: number
  /** The app's body limit in bytes, for bodies read through `request` (a route may raise it). */
  readonly body: number
  /** Most fields of an urlencoded form accepted before a 400 (default 1000). */
  readonly formFields: number
  /**
   * Request bodies with a gzip, deflate or brotli `Content-Encoding` are decoded, the body limit
   * counting decoded bytes (the app's `requestDecompression`); off, any coding is a 415.
   */
  readonly decompression?: boolean
}

/**
 * One request as the core sees it, whatever the adapter: method, the canonical decoded path that
 * routing and every middleware read (one reading of the path, SECURITY-NOTES §0.1), raw headers,
 * and lazily parsed query and cookies. Middleware and exception handlers receive it as `ctx`.
 */
export class RequestContext {
  /** Uppercase method, as sent. */
  readonly method: string
  /** The request target as sent: path and query string, percent-encoded. */
  readonly url: string
  /** The percent-decoded path the router matched (after `rootPath` was removed). */
  path: string
  /**
   * The prefix in front of `path` that this app does not route on (FastAPI's
   * `request.scope["root_path"]`): the app's `rootPath` (what a proxy strips), plus the prefix of
   * every mount the request went through. Links and docs pages put it in front of their URLs.
   */
  rootPath = ''
  /** The path as sent, still percent-encoded, without the query string. */
  readonly rawPath: string
  /** The query string without `?` (empty when none). */
  readonly search: string
  readonly headers: RequestHeaders
  /** Bytes the body may have when read through `request`: the app's limit, or the matched route's. */
  bodyLimit: number
  /** Raw path parameters of the matched route. */
  params: Record<string, string> = EMPTY
  /**
   * Per-request state (a copy of the lifespan's), shared by middleware, dependencies and the
   * handler; typed by the declared `State`.
   */
  readonly state: DeclaredState
  /**
   * The urlencoded form body, parsed once before validation on routes that read form fields
   * (their own `form` or a dependency's); undefined elsewhere.
   */
  form: QueryValues | undefined
  /**
   * The files of a multipart body by field name, read before validation on routes that declare
   * `files` or read form fields; undefined elsewhere. Removed from disk after the response.
   */
  files: ReadonlyMap<string, readonly UploadFile[]> | undefined

  readonly #source: unknown
  readonly #reader: BodyReader<unknown>
  #limits: RequestLimits
  #query: QueryValues | undefined
  #cookies: Record<string, string> | undefined
  #body: Promise<Uint8Array> | undefined
  #request: Request | undefined
  #origin: string | undefined
  #response: ResponseParams | undefined
  #background: BackgroundTasks | undefined
  #after: AfterResponse[] | undefined
  #id: string | undefined
  #signal: AbortSignal | SignalOpener | undefined
  readonly #connection: unknown

  constructor(init: {
    method: string
    url: string
    headers: RequestHeaders
    source: unknown
    reader: BodyReader<any>
    limits: RequestLimits
    origin?: string
    state?: Record<string, unknown>
    /** A ready signal (a web `Request`'s), or how to make one from `connection` when first read. */
    signal?: AbortSignal | SignalOpener
    connection?: unknown
  }) {
    // The lifespan's value was checked against the declared State where the app was made (its
    // type bound); here it is only passed along.
    this.state = (init.state ?? {}) as DeclaredState
    this.method = init.method
    this.url = init.url
    this.headers = init.headers
    this.#source = init.source
    this.#reader = init.reader
    this.#limits = init.limits
    this.bodyLimit = init.limits.body
    this.#origin = init.origin
    this.#signal = init.signal
    this.#connection = init.connection
    const q = init.url.indexOf('?')
    this.rawPath = q === -1 ? init.url : init.url.slice(0, q)
    this.search = q === -1 ? '' : init.url.slice(q + 1)
    this.path = this.rawPath
  }

  /**
   * An id for logs and error reports: the one the `requestId` middleware set, else the client's
   * `X-Request-ID` when it is safe to log (up to 128 letters, digits and `-_.:/+=`), else a
   * process-unique counter. Made on first use only.
   */
  get id(): string {
    if (this.#id === undefined) {
      const sent = this.header('x-request-id')
      this.#id = sent !== undefined && isSafeRequestId(sent) ? sent : `${process.pid}-${++requestCounter}`
    }
    return this.#id
  }

  /** Replaces the request's id (the `requestId` middleware does), for every later reader. */
  set id(id: string) {
    this.#id = id
  }

  /**
   * Aborted when the client goes away before its response is complete, and when a graceful
   * shutdown begins; pass it to `fetch` and database calls so their work stops with the request.
   * Its `reason` is a DOMException named `AbortError`: "The client disconnected" or "The server is
   * shutting down" from the Node server, the web `Request` signal's own reason through `app.fetch`.
   * Made on first read only.
   */
  get signal(): AbortSignal {
    if (!(this.#signal instanceof AbortSignal)) {
      this.#signal = this.#signal === undefined ? NEVER_ABORTED : this.#signal(this.#connection)
    }
    return this.#signal
  }

  /** `https` when the request came over TLS (as far as the adapter knows), else `http`. */
  get scheme(): 'http' | 'https' {
    return this.origin.startsWith('https:') ? 'https' : 'http'
  }

  /** The address of the peer that sent the request, when the adapter knows it (the Node server does). */
  get remoteAddress(): string | undefined {
    return this.#reader.remoteAddress?.(this.#source)
  }

  /**
   * The status, headers and cookies handlers and dependencies set on the response (FastAPI's
   * injected `Response`), shared by all of them; created on first use.
   */
  get response(): ResponseParams {
    this.#response ??= new ResponseParams()
    return this.#response
  }

  /** The response parameters if anything used them, without creating them. */
  get usedResponse(): ResponseParams | undefined {
    return this.#response
  }

  /** Tasks to run after the response has been sent, shared by the handler and dependencies. */
  get background(): BackgroundTasks {
    this.#background ??= new BackgroundTasks()
    return this.#background
  }

  /**
   * Drops the queued background tasks: they belong to the handler's response, and an error
   * response carries none (as in FastAPI). Creates nothing when no task was queued.
   */
  discardBackgroundTasks(): void {
    this.#background?.clear()
  }

  /** Registers work for after the response has been sent; runs after the background tasks. */
  afterResponse(task: AfterResponse): void {
    if (this.#after === undefined) this.#after = [task]
    else this.#after.push(task)
  }

  /** True when something must run after the response: adapters skip the bookkeeping otherwise. */
  get hasAfterWork(): boolean {
    return this.#after !== undefined || (this.#background !== undefined && this.#background.size > 0)
  }

  /**
   * Runs the background tasks, then the registered after-response work, each isolated; called
   * by the adapters once the response has been sent. `report` receives every failure.
   */
  async runAfterResponse(report: (error: unknown, what: string) => void): Promise<void> {
    if (this.#background !== undefined) {
      await this.#background.run((error, index) => report(error, `background task #${index + 1}`))
    }
    for (const task of this.#after ?? []) {
      try {
        await task()
      } catch (error) {
        report(error, 'teardown after the response')
      }
    }
  }

  /** The limits this request is read with: the app's, or the mounted app's it went into. */
  get limits(): RequestLimits {
    return this.#limits
  }

  /** Query parameters: a string per key, an array for repeated keys. Parsed on first use. */
  get query(): QueryValues {
    this.#query ??= parseQuery(this.search, this.#limits.queryParams)
    return this.#query
  }

  /** Cookies by name (the first of a repeated name wins). Parsed on first use. */
  get cookies(): Record<string, string> {
    this.#cookies ??= parseCookies(this.header('cookie'))
    return this.#cookies
  }

  /** One header's value; repeated lines are joined with ", " as Node does. */
  header(name: string): string | undefined {
    const value = this.headers[name.toLowerCase()]
    return Array.isArray(value) ? value.join(', ') : value
  }

  /** Every value of a header, splitting lines Node joined with ", ". */
  headerValues(name: string): string[] {
    const value = this.headers[name.toLowerCase()]
    if (value === undefined) return []
    if (Array.isArray(value)) return value
    return value.split(',').map((part) => part.trim())
  }

  /** The whole body, read once (later calls share it), bounded by `limit` bytes (413 past it). */
  body(limit: number): Promise<Uint8Array> {
    if (this.#body !== undefined) return this.#body
    const encoding = this.#contentEncoding()
    this.#body =
      encoding === undefined
        ? this.#reader.read(this.#source, limit)
        : readEncodedBody(this.#reader, this.#source, encoding, this.#limits, limit)
    return this.#body
  }

  /**
   * The body as a bounded stream of chunks (decoded like `body`); for uploads and proxies. A body
   * something already read whole (a middleware hashing it) is streamed from that read.
   */
  bodyStream(limit: number): AsyncIterable<Uint8Array> {
    if (this.#body !== undefined) return readChunks(this.#body, limit)
    const encoding = this.#contentEncoding()
    if (encoding === undefined) return this.#reader.stream(this.#source, limit)
    return streamEncodedBody(this.#reader, this.#source, encoding, this.#limits, limit)
  }

  /**
   * The origin used to build absolute URLs: scheme and Host header (`http://testserver`). A Host
   * that is not a plain `host[:port]` is ignored (Starlette 1.0.1): `x/public?` or `user@evil`
   * would otherwise change the URL's path or fail to build it.
   */
  get origin(): string {
    if (this.#origin === undefined) {
      const host = this.header('host')
      this.#origin = `http://${host !== undefined && isPlainHost(host) ? host : 'localhost'}`
    }
    return this.#origin
  }

  /**
   * The request as a web `Request`, built on first access only (handlers rarely need it). Its
   * body is the same read as the route's (`ctx.body`), made only when the `Request`'s body is
   * read, so building it never takes the body from the route, and reading both is fine.
   */
  get request(): Request {
    this.#request ??= this.#webRequest(this.url, () => lazyStream(() => this.body(this.bodyLimit)))
    return this.#request
  }

  /** The request's Content-Encoding: one property read when it has none, the common case. */
  #contentEncoding(): string | undefined {
    return this.headers['content-encoding'] === undefined ? undefined : this.header('content-encoding')
  }

  /**
   * The request as a web `Request` for another target (the `/rest?query` a mounted fetch handler
   * is sent): same method and headers, the body streamed as it arrives and bounded by
   * `bodyLimit` (or the body already read, if something read it). A body past the limit errors
   * the stream; `onBodyError` hears why.
   */
  forwarded(target: string, onBodyError: (error: unknown) => void): Request {
    return this.#webRequest(target, () =>
      this.#body === undefined
        ? pulledStream(this.bodyStream(this.bodyLimit), onBodyError)
        : lazyStream(() => this.body(this.bodyLimit)),
    )
  }

  /**
   * Moves the request into a mounted app: the app's limits apply from here on, and its lifespan
   * state joins the request's (what the parent's middleware set stays, as Starlette's request
   * state is shared by every app the request passes through).
   */
  enterMount(limits: RequestLimits, state: Record<string, unknown> | undefined): void {
    this.#limits = limits
    this.bodyLimit = limits.body
    if (state !== undefined) Object.assign(this.state, state)
  }

  #webRequest(target: string, body: () => ReadableStream<Uint8Array>): Request {
    const headers = new Headers()
    for (const name in this.headers) {
      const value = this.headers[name]
      if (Array.isArray(value)) for (const line of value) headers.append(name, line)
      else if (value !== undefined) headers.set(name, value)
    }
    // The fetch standard refuses to build a TRACE, TRACK or CONNECT request; such a request (which
    // carries no content, RFC 9110 §9.3.8) is built as a GET whose `method` still tells the truth.
    const forbidden = FORBIDDEN_METHODS.has(this.method)
    const hasBody = !forbidden && this.method !== 'GET' && this.method !== 'HEAD'
    const request = new Request(absoluteUrl(this.origin, target), {
      method: forbidden ? 'GET' : this.method,
      headers,
      body: hasBody ? body() : null,
      signal: this.signal,
      duplex: 'half',
    } as RequestInit)
    if (forbidden) Object.defineProperty(request, 'method', { value: this.method })
    return request
  }
}

const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

let requestCounter = 0

/** The signal of a request that nothing can abort (one built without an adapter's). */
const NEVER_ABORTED = new AbortController().signal

const EMPTY: Record<string, string> = Object.freeze(Object.create(null))

/**
 * A web stream of the body read once `read` is first pulled: a high-water mark of 0 keeps the
 * stream from pulling before anyone reads it.
 */
function lazyStream(read: () => Promise<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const bytes = await read()
        if (bytes.length > 0) controller.enqueue(bytes)
        controller.close()
      },
    },
    { highWaterMark: 0 },
  )
}

/** A body already read whole, as a stream of one chunk, held to the stream's own limit. */
async function* readChunks(body: Promise<Uint8Array>, limit: number): AsyncGenerator<Uint8Array> {
  const bytes = await body
  if (bytes.length > limit) throw bodyTooLarge(limit)
  if (bytes.length > 0) yield bytes
}

/** A web stream pulling `chunks` one at a time as its reader asks, so nothing is read ahead. */
function pulledStream(
  chunks: AsyncIterable<Uint8Array>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const step = await iterator.next()
          if (step.done) controller.close()
          else controller.enqueue(step.value)
        } catch (error) {
          onError(error)
          controller.error(error)
        }
      },
      async cancel() {
        await iterator.return?.()
      },
    },
    { highWaterMark: 0 },
  )
}

// Concatenating keeps a target such as `//evil.example/x` a path on this host; resolving it with
// `new URL(target, base)` would make it another host. A malformed Host falls back to localhost.
function absoluteUrl(origin: string, target: string): URL {
  try {
    return new URL(origin + target)
  } catch {
    return new URL(`http://localhost${target.startsWith('/') ? target : '/'}`)
  }
}
