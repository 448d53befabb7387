import type { Reply } from './reply.js'
import { ResponseHeaders } from './response-headers.js'
import { type CookieOptions, expireCookie, serializeCookie } from './set-cookie.js'

/** Options of `ResponseParams#applyTo`. */
export interface ApplyOptions {
  /**
   * Whether `status` may replace the reply's status: true when the reply's status is the route's
   * default (the handler returned data), false when the handler built the reply and chose it.
   */
  overrideStatus: boolean
}

/**
 * What a handler sets on the response it does not build itself, like the `Response` FastAPI
 * injects into a path operation: a status, headers and cookies, applied to the final reply.
 *
 * @example
 * app.post('/login', ({ response }) => {
 *   response.status = 201
 *   response.headers.set('x-session', 'new')
 *   response.setCookie('session', token, { httpOnly: true, secure: true })
 *   return { ok: true }
 * })
 */
export class ResponseParams {
  /** The status to answer with; undefined keeps the route's. */
  status: number | undefined = undefined
  readonly #headers = new ResponseHeaders()

  /** Headers merged over the reply's; `set-cookie` lines are added, never replaced. */
  get headers(): ResponseHeaders {
    return this.#headers
  }

  /**
   * Adds a `Set-Cookie` line (see `serializeCookie`: `Path=/` and `SameSite=lax` by default).
   *
   * @example
   * response.setCookie('theme', 'dark', { maxAge: 60 * 60 * 24 * 365 })
   */
  setCookie(name: string, value: string, options?: CookieOptions): this {
    this.#headers.append('set-cookie', serializeCookie(name, value, options))
    return this
  }

  /**
   * Adds a `Set-Cookie` line that deletes the cookie; give the `path` and `domain` it was set with.
   *
   * @example
   * response.deleteCookie('session')
   */
  deleteCookie(name: string, options?: Parameters<typeof expireCookie>[1]): this {
    this.#headers.append('set-cookie', expireCookie(name, options))
    return this
  }

  /**
   * Copies status (when allowed), headers and cookies onto `reply` and returns it. A header set
   * here replaces the reply's header of that name (all of its lines); `set-cookie` lines are
   * appended after the reply's own.
   */
  applyTo(reply: Reply, options: ApplyOptions): Reply {
    if (this.status !== undefined && options.overrideStatus) reply.status = this.status
    const names = Object.keys(this.#headers.toObject())
    if (names.length === 0) return reply // leaves a header-less reply without a header object
    const target = reply.headers
    for (const name of names) {
      if (name !== 'set-cookie') target.delete(name)
    }
    for (const [name, value] of this.#headers.entries()) target.append(name, value)
    return reply
  }
}
