import { createRequire } from 'node:module'
import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { Middleware } from '../http/middleware.js'
import type { RequestContext } from '../http/request-context.js'

/** What `accessLog` writes to: pino's `logger.info(object, message)`, so a pino logger fits as is. */
export interface AccessLogger {
  info(line: AccessLogLine, message: string): void
}

/** Options of `accessLog()`. */
export interface AccessLogOptions {
  /**
   * The logger (a pino logger, or a child of one, or anything with pino's `info(object,
   * message)`). Default: `pino()` from the app's own `pino` package, one JSON line on stdout.
   */
  logger?: AccessLogger
}

const ACCESS_LOG_OPTIONS = { logger: true } as const satisfies KnownOptions<AccessLogOptions>

const WHERE = 'accessLog()'

/** The fields of one access-log line. */
export interface AccessLogLine {
  method: string
  /** The path as sent, still percent-encoded, without the query (which may carry secrets). */
  path: string
  status: number
  /** Milliseconds from this middleware seeing the request to the reply being ready. */
  durationMs: number
  /** `ctx.id`: the `requestId` middleware's id when it is registered, else Brisk's own. */
  requestId: string
  /** The client's address, when the server knows it (absent in the test client). */
  remoteAddress?: string
}

/**
 * Writes one structured line per request, `request completed` with method, path, status,
 * duration, request id and client address, as pino JSON. The line is written when the reply is
 * ready (as uvicorn logs at the start of the response), before a streamed body is sent, so the
 * duration is the time to the response's head. An unhandled error is logged as status 500 and
 * passes on. Register it first to time and see everything, early answers of other middleware
 * included.
 *
 * @throws ConfigError for an unknown option, or when no logger is given and pino is not installed.
 * @example
 * import pino from 'pino'
 * app.use(accessLog({ logger: pino({ level: 'info' }) }))
 */
export function accessLog(options: AccessLogOptions = {}): Middleware {
  checkOptions(WHERE, options, ACCESS_LOG_OPTIONS)
  const logger = options.logger ?? defaultLogger()
  if (typeof logger?.info !== 'function') {
    throw new ConfigError(`logger of ${WHERE} must have pino's info(object, message), such as a pino logger.`)
  }

  return async function accessLog(ctx, next) {
    const started = performance.now()
    try {
      const reply = await next()
      logger.info(line(ctx, reply.status, started), 'request completed')
      return reply
    } catch (error) {
      logger.info(line(ctx, 500, started), 'request completed')
      throw error
    }
  }
}

function line(ctx: RequestContext, status: number, started: number): AccessLogLine {
  const fields: AccessLogLine = {
    method: ctx.method,
    path: ctx.rawPath,
    status,
    durationMs: Math.round((performance.now() - started) * 1000) / 1000,
    requestId: ctx.id,
  }
  const remoteAddress = ctx.remoteAddress
  if (remoteAddress !== undefined) fields.remoteAddress = remoteAddress
  return fields
}

/**
 * `pino()` from the app's dependencies, loaded only here: pino is an optional peer dependency, so
 * an app that passes its own logger, or logs no access at all, never loads it.
 */
function defaultLogger(): AccessLogger {
  let pino: (options?: object) => AccessLogger
  try {
    pino = createRequire(import.meta.url)('pino') as typeof pino
  } catch {
    throw new ConfigError(
      `${WHERE} without a logger uses pino, which is not installed: run npm install pino, or pass { logger }.`,
    )
  }
  return pino()
}
