import type { App } from '../app.js'
import { runtimeOf } from '../app-runtime.js'
import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { DEFAULT_ACCEPT_ENCODING, decodeContent } from './content-decoding.js'
import { encodeMultipart, type FilesInput } from './multipart-body.js'
import { TestResponse } from './test-response.js'
import { openTestWebSocket, type WebSocketConnectOptions } from './websocket-connect.js'
import type { WebSocketTestSession } from './websocket-test-session.js'

type QueryValue = string | number | boolean | bigint
type QueryInput = Record<string, QueryValue | QueryValue[] | undefined>

/** What one test request carries. */
export interface TestRequestOptions {
  query?: QueryInput
  headers?: Record<string, string>
  /** Cookies for this request only, on top of the client's jar. */
  cookies?: Record<string, string>
  /** A JSON body (sets `content-type: application/json`). */
  json?: unknown
  /** A form body: urlencoded, or multipart with `files` (FastAPI's test client's `data=`). */
  form?: Record<string, QueryValue | QueryValue[]>
  /**
   * Files sent as `multipart/form-data`, with `form` fields beside them (FastAPI's `files=`):
   * `{ file: ['a.txt', bytes, 'text/plain'] }`, `{ file: bytes }`, a list under one name, or pairs.
   *
   * @example
   * await client.post('/files/', { form: { token: 'foo' }, files: { file: ['a.txt', 'hello', 'text/plain'] } })
   */
  files?: FilesInput
  /** A raw body, sent as is. */
  content?: string | Uint8Array
  /** Overrides the client's `followRedirects` for this request. */
  followRedirects?: boolean
  /**
   * Aborting it is the client going away: the app's `ctx.signal` aborts, a streamed body is
   * cancelled (its generator's `finally` runs), and the call rejects with the signal's reason
   * once the request's teardown has run.
   */
  signal?: AbortSignal
}

/** Options of `new TestClient(app)`. */
export interface TestClientOptions {
  /** Default `http://testserver`, as Starlette's. */
  baseUrl?: string
  /** Rethrow errors the app did not handle instead of returning the 500 (default true). */
  raiseServerExceptions?: boolean
  /** Follow redirects (default true). */
  followRedirects?: boolean
  /** Headers sent with every request. */
  headers?: Record<string, string>
}

const TEST_CLIENT_OPTIONS = {
  baseUrl: true,
  raiseServerExceptions: true,
  followRedirects: true,
  headers: true,
} as const satisfies KnownOptions<TestClientOptions>

const MAX_REDIRECTS = 20

/**
 * Calls an app in-process through `app.fetch`, with Starlette's TestClient defaults: base URL
 * `http://testserver`, redirects followed, server errors rethrown, cookies kept between requests,
 * `Accept-Encoding: gzip, deflate` sent and compressed bodies decoded (headers left as sent).
 *
 * @example
 * const client = new TestClient(app)
 * const res = await client.get('/items/5', { query: { q: 'somequery' } })
 * assert.deepEqual(res.json(), { item_id: 5, q: 'somequery' })
 */
export class TestClient {
  readonly #app: App<any>
  readonly #baseUrl: string
  readonly #raise: boolean
  readonly #follow: boolean
  readonly #headers: Headers
  /** Cookies set by responses, sent back on later requests. */
  readonly cookies = new Map<string, string>()

  constructor(app: App<any>, options: TestClientOptions = {}) {
    checkOptions('new TestClient()', options, TEST_CLIENT_OPTIONS)
    this.#app = app
    this.#baseUrl = options.baseUrl ?? 'http://testserver'
    this.#raise = options.raiseServerExceptions ?? true
    this.#follow = options.followRedirects ?? true
    // httpx's defaults, as FastAPI's TestClient sends them (a test echoing the headers sees the
    // same ones). Set one by one, not spread: `User-Agent` must replace the default `user-agent`,
    // not join it.
    this.#headers = new Headers({
      accept: '*/*',
      'accept-encoding': DEFAULT_ACCEPT_ENCODING,
      connection: 'keep-alive',
      'user-agent': 'testclient',
    })
    for (const [name, value] of Object.entries(options.headers ?? {})) this.#headers.set(name, value)
  }

  /**
   * A client whose app's lifespan has started (FastAPI's `with TestClient(app) as client`); stop
   * it with `stop()`, or let `await using` do it.
   *
   * @example
   * await using client = await TestClient.start(app)
   */
  static async start(app: App<any>, options: TestClientOptions = {}): Promise<TestClient> {
    return new TestClient(app, options).start()
  }

  /** Runs the app's lifespan startup (its yielded state becomes every request's `state`). */
  async start(): Promise<this> {
    await runtimeOf(this.#app).startup()
    return this
  }

  /** Runs the app's lifespan shutdown. */
  async stop(): Promise<void> {
    await runtimeOf(this.#app).shutdown()
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }

  get(url: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('GET', url, options)
  }
  post(url: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('POST', url, options)
  }
  put(url: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('PUT', url, options)
  }
  patch(url: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('PATCH', url, options)
  }
  delete(url: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('DELETE', url, options)
  }
  head(url: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('HEAD', url, options)
  }
  options(url: string, options?: TestRequestOptions): Promise<TestResponse> {
    return this.request('OPTIONS', url, options)
  }

  /**
   * Opens a WebSocket to the app in-process (FastAPI's `client.websocket_connect`): the handshake
   * runs the route's parameters and dependencies, and the session resolves once the handler has
   * accepted. Rejects with `WebSocketDisconnect` when the app closes before accepting (1008 for
   * invalid parameters), with `WebSocketDenialResponse` when it refuses with an HTTP response.
   *
   * @example
   * await using ws = await client.websocket('/items/foo/ws', { query: { token: 'some-token' } })
   * await ws.sendText('Hello')
   * assert.equal(await ws.receiveText(), 'Session cookie or query token value is: some-token')
   */
  websocket(url: string, options: WebSocketConnectOptions = {}): Promise<WebSocketTestSession> {
    const target = withQuery(new URL(url, this.#baseUrl), options.query)
    const headers = new Headers(this.#headers)
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value)
    const cookies = new Map([...this.cookies, ...Object.entries(options.cookies ?? {})])
    if (cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    return openTestWebSocket(runtimeOf(this.#app), target, headers, options.subprotocols ?? [], this.#raise)
  }

  /** Sends one request; follows redirects unless told not to. */
  async request(method: string, url: string, options: TestRequestOptions = {}): Promise<TestResponse> {
    let target = withQuery(new URL(url, this.#baseUrl), options.query)
    let currentMethod = method.toUpperCase()
    let body = await encodeBody(options)
    const history: TestResponse[] = []
    for (let hop = 0; ; hop++) {
      const { response, finished } = await this.#send(currentMethod, target, options, body)
      // Reading the body first lets a streamed response finish; then background tasks and
      // request-scoped teardowns have run by the time the test looks, as with Starlette's client.
      const received = await read(response, `${currentMethod} ${target.href}`, options.signal)
      await finished
      options.signal?.throwIfAborted()
      const location = response.headers.get('location')
      const follow = options.followRedirects ?? this.#follow
      if (!follow || location === null || response.status < 300 || response.status >= 400) {
        return new TestResponse({ ...received, url: target.href, history })
      }
      if (hop >= MAX_REDIRECTS) throw new Error(`More than ${MAX_REDIRECTS} redirects starting at ${url}`)
      history.push(new TestResponse({ ...received, url: target.href, history: [] }))
      target = new URL(location, target)
      // 303, and 301/302 after POST, switch to GET without a body, as browsers and httpx do.
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && currentMethod === 'POST')
      ) {
        currentMethod = 'GET'
        body = undefined
      }
    }
  }

  async #send(
    method: string,
    url: URL,
    options: TestRequestOptions,
    body: EncodedBody | undefined,
  ): Promise<{ response: Response; finished: Promise<void> }> {
    const headers = new Headers(this.#headers)
    if (body?.contentType) headers.set('content-type', body.contentType)
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value)
    const cookies = new Map([...this.cookies, ...Object.entries(options.cookies ?? {})])
    if (cookies.size > 0 && !headers.has('cookie')) {
      headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    const request = new Request(url, {
      method,
      headers,
      body: (body?.data ?? null) as BodyInit | null,
      signal: options.signal,
    })
    let serverError: unknown
    let failed = false
    const { response, finished } = await runtimeOf(this.#app).fetchTracked(request, (error) => {
      failed = true
      serverError = error
    })
    if (failed && this.#raise) throw serverError
    this.#storeCookies(response.headers)
    return { response, finished }
  }

  #storeCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a))
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, pair.slice(eq + 1).trim())
    }
  }
}

interface EncodedBody {
  data: string | Uint8Array
  contentType?: string
}

async function encodeBody(options: TestRequestOptions): Promise<EncodedBody | undefined> {
  if (options.files !== undefined) return encodeMultipart(options.form, options.files)
  if (options.json !== undefined)
    return { data: JSON.stringify(options.json), contentType: 'application/json' }
  if (options.form !== undefined) {
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(options.form)) {
      for (const item of Array.isArray(value) ? value : [value]) params.append(name, String(item))
    }
    return { data: params.toString(), contentType: 'application/x-www-form-urlencoded' }
  }
  // A string becomes bytes so that fetch adds no `text/plain` Content-Type: raw content is sent
  // with the headers the test gives and no others, as httpx does (strict content-type tests).
  if (options.content !== undefined) {
    const data =
      typeof options.content === 'string' ? new TextEncoder().encode(options.content) : options.content
    return { data }
  }
  return undefined
}

function withQuery(url: URL, query: QueryInput | undefined): URL {
  if (query === undefined) return url
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item))
  }
  return url
}

/** The response read whole, its body decoded by `Content-Encoding` as httpx does (headers kept). */
async function read(
  response: Response,
  what: string,
  signal: AbortSignal | undefined,
): Promise<{ status: number; headers: Headers; content: Uint8Array }> {
  const raw =
    signal === undefined ? new Uint8Array(await response.arrayBuffer()) : await readUntil(response, signal)
  const content = decodeContent(raw, response.headers.get('content-encoding'), what)
  return { status: response.status, headers: response.headers, content }
}

/**
 * The body read until it ends or `signal` aborts. Aborting cancels the stream, as a client leaving
 * does, and waits for the cancellation, so the stream's source has closed when this returns.
 */
async function readUntil(response: Response, signal: AbortSignal): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array(0)
  const reader = response.body.getReader()
  let cancelled: Promise<void> | undefined
  const cancel = () => {
    cancelled = reader.cancel(signal.reason).catch(() => {})
  }
  if (signal.aborted) cancel()
  else signal.addEventListener('abort', cancel, { once: true })
  const chunks: Uint8Array[] = []
  try {
    for (let step = await reader.read(); !step.done; step = await reader.read()) chunks.push(step.value)
  } finally {
    signal.removeEventListener('abort', cancel)
  }
  await cancelled
  return Buffer.concat(chunks)
}
