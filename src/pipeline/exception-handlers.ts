import { HTTPException } from '../errors/http-exception.js'
import { RequestValidationError } from '../errors/request-validation-error.js'
import { stringifyJson } from '../http/json.js'
import { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import { noBodyStatus } from '../http/responses.js'

/** Turns an error into a response. May return a `Reply` or a web `Response`, sync or async. */
export type ExceptionHandler<E = any> = (
  ctx: RequestContext,
  error: E,
) => Reply | Response | Promise<Reply | Response>

type ErrorClass = abstract new (...args: any[]) => unknown

/**
 * FastAPI's default `HTTPException` handler: `{"detail": detail}` with the error's status and
 * headers, or an empty body for statuses that allow none (204, 304).
 */
export function httpExceptionHandler(_ctx: RequestContext, error: HTTPException): Reply {
  if (noBodyStatus(error.status)) return new Reply(null, error.status, error.headers)
  const reply = Reply.typed(stringifyJson({ detail: error.detail }), error.status, 'application/json')
  if (error.headers !== undefined) reply.headers.merge(error.headers)
  return reply
}

/** FastAPI's default validation handler: 422 `{"detail": [...errors]}`. */
export function requestValidationExceptionHandler(
  _ctx: RequestContext,
  error: RequestValidationError,
): Reply {
  return Reply.typed(stringifyJson({ detail: error.errors }), 422, 'application/json')
}

/**
 * Exception handlers by error class and by status, looked up as Starlette does: an
 * `HTTPException` first by its status, then every error by the nearest registered class along its
 * prototype chain. `HTTPException` and `RequestValidationError` have defaults.
 */
export class ExceptionHandlers {
  readonly #byClass = new Map<unknown, ExceptionHandler>([
    [HTTPException, httpExceptionHandler],
    [RequestValidationError, requestValidationExceptionHandler],
  ])
  readonly #byStatus = new Map<number, ExceptionHandler>()

  add(key: ErrorClass | number, handler: ExceptionHandler): void {
    if (typeof key === 'number') this.#byStatus.set(key, handler)
    else this.#byClass.set(key, handler)
  }

  /** The handler for an error, or undefined when it is unhandled (a 500). */
  find(error: unknown): ExceptionHandler | undefined {
    // A 500 handler is the server-level one (see serverHandler); an HTTPException(500) raised on
    // purpose still gets the JSON answer, as in Starlette, where 500 handlers live outside.
    if (error instanceof HTTPException && error.status !== 500) {
      const byStatus = this.#byStatus.get(error.status)
      if (byStatus !== undefined) return byStatus
    }
    if (error === null || typeof error !== 'object') return undefined
    for (let proto = Object.getPrototypeOf(error); proto !== null; proto = Object.getPrototypeOf(proto)) {
      const handler = this.#byClass.get(proto.constructor)
      if (handler !== undefined && !isServerLevel(proto.constructor)) return handler
    }
    return undefined
  }

  /**
   * The handler for unhandled errors: one registered for status 500 or for `Error` itself, which
   * FastAPI runs in its outermost layer (ServerErrorMiddleware), outside user middleware.
   */
  get serverHandler(): ExceptionHandler | undefined {
    return this.#byStatus.get(500) ?? this.#byClass.get(Error)
  }
}

function isServerLevel(errorClass: unknown): boolean {
  return errorClass === Error
}
