import { reasonPhrase } from './status-phrases.js'

/** Headers an error carries onto its response. */
export type ErrorHeaders = Record<string, string>

/**
 * An error that becomes an HTTP response: `{"detail": detail}` with `status` and `headers`.
 * Thrown from handlers, dependencies or middleware; the router throws it for 404 and 405 too,
 * so a handler registered for `HTTPException` (or for a status) sees those as well.
 * A missing `detail` becomes the status's reason phrase, as in Starlette.
 *
 * @example
 * throw new HTTPException(404, 'Item not found', { headers: { 'X-Error': 'There goes my error' } })
 */
export class HTTPException extends Error {
  readonly status: number
  readonly detail: unknown
  readonly headers: ErrorHeaders | undefined

  constructor(status: number, detail?: unknown, options: { headers?: ErrorHeaders } = {}) {
    const resolved = detail === undefined ? reasonPhrase(status) : detail
    super(typeof resolved === 'string' ? resolved : JSON.stringify(resolved))
    this.name = 'HTTPException'
    this.status = status
    this.detail = resolved
    this.headers = options.headers
  }
}
