import { type BodyReader, bodyTooLarge } from '../http/body-source.js'
import type { Reply } from '../http/reply.js'
import { RequestContext, type RequestHeaders, type RequestLimits } from '../http/request-context.js'
import { noBodyStatus } from '../http/responses.js'
import type { Dispatcher, ServerErrorHook } from '../pipeline/dispatch.js'
import type { Logger } from '../pipeline/logger.js'
import { runAfterResponse } from './after-response.js'

/** What the fetch adapter needs from an app. */
export interface FetchApp {
  dispatcher(): Dispatcher
  readonly limits: RequestLimits
  /** A fresh copy of the lifespan's state for one request. */
  requestState(): Record<string, unknown>
  readonly logger: Logger
}

/** A response and the promise of the work that follows it (background tasks, teardowns). */
export interface FetchResult {
  response: Response
  /** Settles once the body has been consumed (or cancelled) and the after-response work is done. */
  finished: Promise<void>
}

/**
 * Runs a web `Request` through the same core as the Node adapter and answers a web `Response`:
 * for runtimes that speak fetch (Bun, Deno, edge platforms).
 */
export async function handleFetch(app: FetchApp, request: Request): Promise<Response> {
  return (await handleFetchTracked(app, request)).response
}

/**
 * `handleFetch`, also telling when the request is completely over: the test client waits for
 * that, so background tasks and request-scoped teardowns have run when a test looks.
 */
export async function handleFetchTracked(
  app: FetchApp,
  request: Request,
  onServerError?: ServerErrorHook,
): Promise<FetchResult> {
  const url = new URL(request.url)
  const headers: RequestHeaders = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  // fetch never exposes a Host header, but every HTTP/1.1 request has one (Starlette's TestClient
  // sends `host: testserver`); handlers and header models read it.
  headers.host ??= url.host
  const ctx = new RequestContext({
    method: request.method,
    url: url.pathname + url.search,
    headers,
    source: request,
    reader: webBodyReader,
    limits: app.limits,
    state: app.requestState(),
    origin: url.origin,
    signal: request.signal,
  })
  const reply = await app.dispatcher().handle(ctx, onServerError)
  const head = request.method === 'HEAD'
  try {
    if (!ctx.hasAfterWork) return { response: toWebResponse(reply, head), finished: DONE }
    let sent!: () => void
    const bodySent = new Promise<void>((resolve) => {
      sent = resolve
    })
    const response = toWebResponse(reply, head, sent)
    return { response, finished: bodySent.then(() => runAfterResponse(ctx, app.logger)) }
  } catch (error) {
    // A header value a Response refuses (CR/LF, past U+00FF) or a status outside 200–599: the same
    // plain 500 the Node adapter sends, reported like any unhandled error.
    app.logger.error({ err: error }, 'The response could not be built (an invalid header or status)')
    onServerError?.(error)
    const response = new Response('Internal Server Error', {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    })
    return { response, finished: ctx.hasAfterWork ? runAfterResponse(ctx, app.logger) : DONE }
  }
}

const DONE = Promise.resolve()

/**
 * A `Reply` as a web `Response`; streamed bodies stay streamed, with cancellation passed on.
 * `onSent` is called once the body has been handed over whole, or the stream ended or was cancelled.
 */
export function toWebResponse(reply: Reply, head: boolean, onSent?: () => void): Response {
  const headers = reply.headers.toWebHeaders()
  const noBody = head || noBodyStatus(reply.status)
  const body = reply.body
  if (noBody || body === null) {
    if (!noBody && !headers.has('content-length')) headers.set('content-length', '0')
    // A HEAD answer carries the length the GET body would have, as the Node adapter and Starlette send.
    if (head && !noBodyStatus(reply.status) && (typeof body === 'string' || body instanceof Uint8Array)) {
      headers.set('content-length', String(Buffer.byteLength(body)))
    }
    if (head && body !== null && typeof body === 'object' && Symbol.asyncIterator in body) {
      void (body as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.()
    }
    onSent?.()
    return new Response(null, { status: reply.status, headers })
  }
  if (typeof body === 'string' || body instanceof Uint8Array) {
    headers.set('content-length', String(Buffer.byteLength(body)))
    onSent?.()
    return new Response(body as BodyInit, { status: reply.status, headers })
  }
  return new Response(toReadableStream(body, onSent), { status: reply.status, headers })
}

function toReadableStream(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
  onSent?: () => void,
): ReadableStream {
  if (body instanceof ReadableStream && onSent === undefined) return body
  const iterator = (body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]()
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let step: IteratorResult<Uint8Array | string>
      try {
        step = await iterator.next()
      } catch (error) {
        onSent?.()
        throw error
      }
      if (step.done) {
        controller.close()
        onSent?.()
      } else controller.enqueue(typeof step.value === 'string' ? encoder.encode(step.value) : step.value)
    },
    async cancel() {
      try {
        await iterator.return?.()
      } finally {
        onSent?.()
      }
    },
  })
}

/** Reads a web request body with the same limit rules as the Node reader. */
const webBodyReader: BodyReader<Request> = {
  async read(request, limit) {
    const declared = request.headers.get('content-length')
    if (declared !== null && Number(declared) > limit) throw bodyTooLarge(limit)
    if (request.body === null) return new Uint8Array(0)
    const chunks: Uint8Array[] = []
    let received = 0
    for await (const chunk of webBodyReader.stream(request, limit)) {
      received += chunk.length
      chunks.push(chunk)
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)
  },

  async *stream(request, limit) {
    if (request.body === null) return
    let received = 0
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.length
      if (received > limit) throw bodyTooLarge(limit)
      yield chunk
    }
  },
}
