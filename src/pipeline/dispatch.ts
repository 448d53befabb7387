import { HTTPException } from '../errors/http-exception.js'
import type { Middleware, Next } from '../http/middleware.js'
import { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { RouteTable } from '../routing/route-table.js'
import type { ExceptionHandlers } from './exception-handlers.js'
import type { Logger } from './logger.js'
import { normalizeReply } from './normalize-reply.js'
import type { RoutePlan } from './route-plan.js'
import { serverErrorReply } from './server-error.js'

/** Everything the request path needs, built once from the app and rebuilt when routes change. */
export interface DispatchSettings {
  readonly table: RouteTable<RoutePlan>
  readonly middleware: readonly Middleware[]
  readonly handlers: ExceptionHandlers
  readonly rootPath: string
  readonly redirectSlashes: boolean
  readonly debug: boolean
  readonly logger: Logger
}

/** Called with every unhandled error; the test client uses it to rethrow server errors. */
export type ServerErrorHook = (error: unknown) => void

/**
 * The request path, in the order of FastAPI's middleware stack: server errors (outermost) → user
 * middleware → exception handlers → router → route plan. `handle` never throws: every error ends
 * as a reply, and a request that needs no async work is answered without a promise.
 */
export class Dispatcher {
  readonly #s: DispatchSettings
  readonly #innerBound: (ctx: RequestContext) => Reply | Promise<Reply>

  constructor(settings: DispatchSettings) {
    this.#s = settings
    this.#innerBound = (ctx) => this.#inner(ctx)
  }

  handle(ctx: RequestContext, onServerError?: ServerErrorHook): Reply | Promise<Reply> {
    // One reading of the path for middleware and router alike (SECURITY-NOTES §0.1): a guard that
    // checks `ctx.path` sees exactly what the router will match.
    try {
      ctx.path = routingPath(ctx.rawPath, this.#s.rootPath)
    } catch (error) {
      return this.#finish(ctx, this.#recover(ctx, error, onServerError), onServerError)
    }
    if (this.#s.middleware.length === 0) return this.#direct(ctx, onServerError)
    let result: Promise<Reply>
    try {
      result = runChain(this.#s.middleware, this.#innerBound, ctx)
    } catch (error) {
      return this.#serverError(ctx, error, onServerError)
    }
    return this.#finish(
      ctx,
      result.catch((error) => this.#serverError(ctx, error, onServerError)),
      onServerError,
    )
  }

  /**
   * The path without middleware: router, exception handlers and the server-error layer folded
   * into one `then`, so an async route costs a single extra promise hop.
   */
  #direct(ctx: RequestContext, hook: ServerErrorHook | undefined): Reply | Promise<Reply> {
    let result: Reply | Promise<Reply>
    try {
      result = this.#route(ctx)
    } catch (error) {
      return this.#finish(ctx, this.#recover(ctx, error, hook), hook)
    }
    if (result instanceof Promise) {
      return result.then(
        (reply) => (reply.deferred ? this.#prepareOrFail(ctx, reply, hook) : reply),
        (error) => this.#finish(ctx, this.#recover(ctx, error, hook), hook),
      )
    }
    return result.deferred ? this.#prepareOrFail(ctx, result, hook) : result
  }

  /**
   * Deferred replies (files) pick their final form here, at the outermost layer, whoever made
   * them: a route, an exception handler or a middleware.
   */
  #finish(
    ctx: RequestContext,
    result: Reply | Promise<Reply>,
    hook: ServerErrorHook | undefined,
  ): Reply | Promise<Reply> {
    if (result instanceof Promise) {
      return result.then((reply) => (reply.deferred ? this.#prepareOrFail(ctx, reply, hook) : reply))
    }
    return result.deferred ? this.#prepareOrFail(ctx, result, hook) : result
  }

  /** The exception handler's reply, or the 500 when no handler takes the error (or it throws). */
  #recover(ctx: RequestContext, error: unknown, hook: ServerErrorHook | undefined): Reply | Promise<Reply> {
    let handled: Reply | Promise<Reply>
    try {
      handled = this.#handled(ctx, error)
    } catch (unhandled) {
      return this.#serverError(ctx, unhandled, hook)
    }
    return handled instanceof Promise ? handled.catch((e) => this.#serverError(ctx, e, hook)) : handled
  }

  #prepareOrFail(ctx: RequestContext, reply: Reply, hook: ServerErrorHook | undefined): Promise<Reply> {
    return this.#prepare(ctx, reply).catch((error) => this.#serverError(ctx, error, hook))
  }

  /** Router, route and exception handlers: everything inside the user's middleware. */
  #inner(ctx: RequestContext): Reply | Promise<Reply> {
    let result: Reply | Promise<Reply>
    try {
      result = this.#route(ctx)
    } catch (error) {
      return this.#handled(ctx, error)
    }
    if (result instanceof Promise) return result.catch((error) => this.#handled(ctx, error))
    return result
  }

  #route(ctx: RequestContext): Reply | Promise<Reply> {
    const path = ctx.path
    const match = this.#s.table.match(ctx.method, path)
    if (match.kind === 'found') {
      ctx.params = match.params
      return match.value.run(ctx)
    }
    if (match.kind === 'method') {
      throw new HTTPException(405, 'Method Not Allowed', { headers: { allow: match.allow } })
    }
    const redirect = this.#s.redirectSlashes ? this.#slashRedirect(ctx, path) : undefined
    if (redirect !== undefined) return redirect
    throw new HTTPException(404, 'Not Found')
  }

  /**
   * FastAPI's `redirect_slashes`: when nothing matched, the path with its trailing slash toggled
   * is tried, and a match answers 307 keeping the query string. The Location is relative (an
   * improvement: FastAPI builds an absolute URL from Host and downgrades https behind proxies).
   */
  #slashRedirect(ctx: RequestContext, path: string): Reply | undefined {
    if (path === '/') return undefined
    const toggled = path.endsWith('/') ? path.slice(0, -1) : `${path}/`
    if (toggled === '' || this.#s.table.match(ctx.method, toggled).kind === 'none') return undefined
    const raw = ctx.rawPath.endsWith('/') ? ctx.rawPath.slice(0, -1) : `${ctx.rawPath}/`
    // Never emit a protocol-relative Location (fastify-static CVE-2021-22963).
    if (raw.startsWith('//') || raw.startsWith('/\\')) return undefined
    const location = raw + (ctx.search === '' ? '' : `?${ctx.search}`)
    return new Reply(null, 307, { location })
  }

  async #prepare(ctx: RequestContext, reply: Reply): Promise<Reply> {
    try {
      return await reply.prepare(ctx)
    } catch (error) {
      return this.#handled(ctx, error)
    }
  }

  /** Runs the exception handler for an error; rethrows errors no handler takes (→ 500). */
  #handled(ctx: RequestContext, error: unknown): Reply | Promise<Reply> {
    ctx.discardBackgroundTasks()
    const handler = this.#s.handlers.find(error)
    if (handler === undefined) throw error
    const result = handler(ctx, error)
    return result instanceof Promise ? result.then(normalizeReply) : normalizeReply(result)
  }

  async #serverError(ctx: RequestContext, error: unknown, hook: ServerErrorHook | undefined): Promise<Reply> {
    ctx.discardBackgroundTasks()
    this.#s.logger.error(
      { err: error, method: ctx.method, url: ctx.url },
      'Unhandled error while handling a request',
    )
    hook?.(error)
    const handler = this.#s.handlers.serverHandler
    if (handler !== undefined) {
      try {
        return normalizeReply(await handler(ctx, error))
      } catch (handlerError) {
        this.#s.logger.error({ err: handlerError }, 'The 500 exception handler failed')
      }
    }
    return serverErrorReply(error, this.#s.debug)
  }
}

/** The path routes are matched against: decoded once here and read by everything after. */
function routingPath(rawPath: string, rootPath: string): string {
  let path = rawPath
  if (path.includes('%')) {
    try {
      path = decodeURIComponent(path)
    } catch {
      throw new HTTPException(400, 'Invalid percent-encoding in the request path')
    }
  }
  if (
    rootPath !== '' &&
    path.startsWith(rootPath) &&
    (path.length === rootPath.length || path[rootPath.length] === '/')
  ) {
    path = path.slice(rootPath.length) || '/'
  }
  return path
}

/**
 * Runs the middleware chain outer to inner (registration order). One `next` function is made per
 * request and middleware layer, only when middleware exist; calling `next` twice is an error.
 */
function runChain(
  layers: readonly Middleware[],
  inner: (ctx: RequestContext) => Reply | Promise<Reply>,
  ctx: RequestContext,
): Promise<Reply> {
  const dispatch = async (index: number): Promise<Reply> => {
    if (index === layers.length) return inner(ctx)
    let called = false
    const next: Next = () => {
      if (called) return Promise.reject(new Error('next() called more than once in one middleware'))
      called = true
      return dispatch(index + 1)
    }
    return normalizeReply(await layers[index]!(ctx, next))
  }
  return dispatch(0)
}
