import { randomUUID } from 'node:crypto'
import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { Middleware } from '../http/middleware.js'
import { isSafeRequestId, REQUEST_ID_MAX_LENGTH } from '../http/request-id.js'
import { isHeaderName, wholeNumber } from './option-values.js'

/** Options of `requestId()`. */
export interface RequestIdOptions {
  /** The header read from the request and set on the response (default `x-request-id`). */
  header?: string
  /** Makes an id when the request brings none, or an unsafe one (default `crypto.randomUUID`). */
  generate?: () => string
  /** The longest incoming id kept (default 128 characters); a longer one is replaced. */
  maxLength?: number
}

const REQUEST_ID_OPTIONS = {
  header: true,
  generate: true,
  maxLength: true,
} as const satisfies KnownOptions<RequestIdOptions>

const WHERE = 'requestId()'

/**
 * Gives every request an id: the client's (or proxy's) `X-Request-ID` when it is safe to log
 * (1 to `maxLength` letters, digits and `-_.:/+=`), else a new UUID. The id is `ctx.id` for
 * every later middleware, dependency and handler (and the id Brisk's own error logs carry), and
 * is echoed on the response, including the replies of handled errors and early answers of inner
 * middleware. An unsafe incoming id (CR/LF, quotes, escapes, 10 kB) is replaced, never cleaned:
 * a client cannot write into another request's log lines.
 *
 * @example
 * app.use(requestId())
 * app.get('/whoami', ({ ctx }) => ({ requestId: ctx.id }))
 */
export function requestId(options: RequestIdOptions = {}): Middleware {
  checkOptions(WHERE, options, REQUEST_ID_OPTIONS)
  const header = options.header ?? 'x-request-id'
  if (typeof header !== 'string' || !isHeaderName(header)) {
    throw new ConfigError(
      `header of ${WHERE} must be a header name such as 'x-request-id', got ${JSON.stringify(header)}.`,
    )
  }
  const generate = options.generate ?? randomUUID
  if (typeof generate !== 'function')
    throw new ConfigError(`generate of ${WHERE} must be a function returning an id.`)
  const maxLength = wholeNumber(WHERE, 'maxLength', options.maxLength, REQUEST_ID_MAX_LENGTH, {
    min: 1,
    max: 1024,
  })
  const name = header.toLowerCase()

  return function requestId(ctx, next) {
    const sent = ctx.header(name)
    const id = sent !== undefined && isSafeRequestId(sent, maxLength) ? sent : generated(generate)
    ctx.id = id
    return next().then((reply) => {
      reply.headers.set(name, id)
      return reply
    })
  }
}

/** A generated id, held to the same rule as incoming ones: it goes into headers and logs too. */
function generated(generate: () => string): string {
  const id = generate()
  if (typeof id !== 'string' || !isSafeRequestId(id, 1024)) {
    throw new TypeError(
      `requestId()'s generate returned ${JSON.stringify(id)}: an id must be 1 to 1024 letters, digits and -_.:/+=`,
    )
  }
  return id
}
