import type { ServerResponse } from 'node:http'

/** `ctx.signal.reason` when the client went away before its response was complete. */
export const clientGone = (): DOMException => new DOMException('The client disconnected', 'AbortError')

/** `ctx.signal.reason` when a graceful shutdown began while the request was in flight. */
export const shuttingDown = (): DOMException => new DOMException('The server is shutting down', 'AbortError')

/**
 * The disconnect and shutdown signals of one Node server's requests. A request's `AbortSignal`
 * is made only when something reads `ctx.signal` (an AbortController and a 'close' listener per
 * request would cost the plain JSON path measurable requests per second); one object per server
 * hands them out and aborts every live one when a graceful shutdown begins.
 */
export class RequestSignals {
  // What to run when shutdown begins: aborting each live signal, stopping each event stream.
  readonly #onShutdown = new Set<() => void>()
  #shuttingDown = false

  /** A request's signal, aborted when its client leaves before the response ends, or at shutdown. */
  readonly open = (res: ServerResponse): AbortSignal => {
    const controller = new AbortController()
    if (this.#shuttingDown) controller.abort(shuttingDown())
    else if (res.closed) {
      if (!res.writableEnded) controller.abort(clientGone())
    } else {
      const abort = () => controller.abort(shuttingDown())
      this.#onShutdown.add(abort)
      res.once('close', () => {
        this.#onShutdown.delete(abort)
        // 'close' also follows a response sent whole; only one cut short means the client left.
        if (!res.writableEnded) controller.abort(clientGone())
      })
    }
    return controller.signal
  }

  /** Runs `stop` when shutdown begins (at once if it has); the returned function cancels that. */
  onShutdown(stop: () => void): () => void {
    if (this.#shuttingDown) {
      stop()
      return () => {}
    }
    this.#onShutdown.add(stop)
    return () => this.#onShutdown.delete(stop)
  }

  /** Shutdown begins: every live signal aborts with the shutdown reason, event streams end. */
  shutdown(): void {
    if (this.#shuttingDown) return
    this.#shuttingDown = true
    for (const stop of this.#onShutdown) stop()
    this.#onShutdown.clear()
  }
}
