import type { ServerResponse } from 'node:http'
import { drainOrClose } from '../http/drain-or-close.js'
import type { Reply } from '../http/reply.js'
import { noBodyStatus } from '../http/responses.js'
import type { Logger } from '../pipeline/logger.js'
import type { RequestSignals } from './request-signals.js'

/**
 * Writes a reply to a Node response. Whole bodies get a Content-Length; streamed bodies are
 * written chunk by chunk waiting for 'drain' (backpressure, Fastify CVE-2026-25224), stop when
 * the client goes away (the source's `return()` runs its `finally`), and on a mid-stream error
 * the socket is destroyed so the client sees a truncated response, never a clean end. When a
 * graceful shutdown begins, event streams (SSE, JSON Lines) end between two items, a normal end
 * for their client; other streams (downloads) may finish within the grace period.
 * Returns a promise for streamed bodies, settled once the stream is done; undefined otherwise.
 */
export function writeReply(
  res: ServerResponse,
  reply: Reply,
  logger: Logger,
  signals: RequestSignals,
): Promise<void> | undefined {
  try {
    return write(res, reply, logger, signals)
  } catch (error) {
    // Node refuses a header value with CR/LF or a character past U+00FF, or a status outside
    // 100–999, by throwing from writeHead: answer a plain 500 instead of crashing the process.
    logger.error({ err: error }, 'The response could not be written (an invalid header or status)')
    if (res.headersSent) res.destroy()
    else {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', 'content-length': '21' })
      res.end('Internal Server Error')
    }
    return undefined
  }
}

function write(
  res: ServerResponse,
  reply: Reply,
  logger: Logger,
  signals: RequestSignals,
): Promise<void> | undefined {
  const body = reply.body
  const bareType = reply.bareContentType
  if (typeof body === 'string' && bareType !== undefined) {
    // The common JSON answer: one flat header list, no header object.
    res.writeHead(reply.status, ['content-type', bareType, 'content-length', String(Buffer.byteLength(body))])
    res.end(body)
    return undefined
  }
  const headers =
    reply.hasHeaders || bareType === undefined ? reply.headers.toObject() : { 'content-type': bareType }
  if (body === null) {
    if (!noBodyStatus(reply.status) && headers['content-length'] === undefined)
      headers['content-length'] = '0'
    res.writeHead(reply.status, headers)
    res.end()
  } else if (typeof body === 'string' || body instanceof Uint8Array) {
    if (!noBodyStatus(reply.status)) headers['content-length'] = String(Buffer.byteLength(body))
    res.writeHead(reply.status, headers)
    res.end(body)
  } else {
    res.writeHead(reply.status, headers)
    if (res.req.method === 'HEAD') {
      res.end()
      return cancel(body)
    }
    const endAtShutdown = isEventStream(headers['content-type'], headers['content-encoding'])
    return pump(res, body, logger, endAtShutdown ? signals : undefined)
  }
  return undefined
}

/**
 * Streams whose end between two chunks is a normal end for the client: SSE and JSON Lines, one
 * event or item per chunk. A compressed one is not: cutting it would lose the coding's trailer.
 */
function isEventStream(contentType: unknown, contentEncoding: unknown): boolean {
  if (contentEncoding !== undefined || typeof contentType !== 'string') return false
  return /^\s*(?:text\/event-stream|application\/jsonl|application\/x-ndjson)\s*(?:;|$)/i.test(contentType)
}

async function pump(
  res: ServerResponse,
  body: AsyncIterable<Uint8Array | string>,
  logger: Logger,
  shutdown: RequestSignals | undefined,
): Promise<void> {
  const iterator = body[Symbol.asyncIterator]()
  // Each step waits for the source's next chunk or for the client to go away (or, for an event
  // stream, shutdown to begin), so an idle source (a generator waiting for its next item) does
  // not keep the pump, and the after-response work behind it, waiting forever. Not a
  // Promise.race against one long-lived "stopped" promise: every race leaves a reaction on it
  // that holds the race's result, so a stream would keep every chunk it ever sent until it ended
  // (a 256 MiB download held 256 MiB; an SSE stream open for a day, a day of events).
  let stopped = false
  let wake: ((step: typeof STOPPED) => void) | undefined
  const stop = () => {
    stopped = true
    wake?.(STOPPED)
  }
  res.on('close', stop)
  const stopWatching = shutdown?.onShutdown(stop)
  try {
    while (!stopped) {
      const step = await new Promise<IteratorResult<Uint8Array | string> | typeof STOPPED>(
        (resolve, reject) => {
          wake = resolve
          iterator.next().then(resolve, reject)
        },
      )
      wake = undefined
      if (step === STOPPED || stopped) break
      if (step.done) break
      if (!res.write(step.value)) await drainOrClose(res)
    }
    if (stopped) {
      // Not awaited: an async generator queues `return()` behind a pending `next()`; its
      // `finally` runs as soon as that wakes up.
      iterator.return?.()?.catch((error: unknown) => logger.error({ err: error }, 'A stream failed to close'))
    }
    // After a shutdown stop the client is still there: the stream ends normally.
    if (!res.closed) res.end()
  } catch (error) {
    logger.error({ err: error }, 'Error while streaming a response body; the connection was aborted')
    res.destroy(error as Error)
  } finally {
    res.off('close', stop)
    stopWatching?.()
  }
}

const STOPPED: unique symbol = Symbol('client gone or shutdown')

async function cancel(body: AsyncIterable<unknown>): Promise<void> {
  try {
    await body[Symbol.asyncIterator]().return?.()
  } catch {
    // The body was never started; a failing cleanup has nothing left to affect.
  }
}
