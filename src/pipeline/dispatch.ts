import { HTTPException } from '../errors/http-exception.js'
import type { Middleware, Next } from '../http/middleware.js'
import { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { FlatRoute } from '../routing/flatten.js'
import type { RouteTable } from '../routing/route-table.js'
import { describeServerError } from './describe-server-error.js'
import { type ExceptionHandlers, httpExceptionHandler } from './exception-handlers.js'
import type { Logger } from './logger.js'
import { normalizeReply } from './normalize-reply.js'
import type { RoutePlan } from './route-plan.js'
import { serverErrorReply } from './server-error.js'

/**
 * What a mount entry of the route table serves: an app below this one (its `Dispatcher.serve`), a
 * static directory, or any handler of requests whose path is already read.
 */
export interface MountTarget {
  serve(ctx: RequestContext): Reply | Promise<Reply>
}

/** Everything the request path needs, built once from the app and rebuilt when routes change. */
export interface DispatchSettings {
  readonly table: RouteTable<RoutePlan | MountTarget>
  readonly middleware: readonly Middleware[]
  readonly handlers: ExceptionHandlers
  /** The prefix a proxy strips before forwarding (the app's `rootPath`). */
  readonly rootPath: string
  readonly redirectSlashes: boolean
  readonly debug: boolean
  readonly logger: Logger
}

/** Called with every unhandled error; the test client uses it to rethrow server errors. */
export type ServerErrorHook = (error: unknown) => void

// Kept beside the request rather than on it: only the server-error layer ever reads it.
const serverErrorHooks = new WeakMap<RequestContext, ServerErrorHook>()

const NOT_FOUND_BODY = JSON.stringify({ detail: 'Not Found' })
const METHOD_NOT_ALLOWED_BODY = JSON.stringify({ detail: 'Method Not Allowed' })

/**
 * The request path, in the order of FastAPI's middleware stack: server errors (outermost) → user
 * middleware → exception handlers → router → route plan. `handle` never throws: every error ends
 * as a reply, and a request that needs no async work is answered without a promise.
 *
 * `handle` is the outermost app's entry: it decodes the path once and sets the request's root
 * path. `serve` is everything from the middleware inward, for a request whose path is already
 * read: a parent app that mounts this one calls it with `ctx.path` and `ctx.rootPath` shifted, as
 * Starlette's `Mount` passes a child scope.
 */
export class Dispatcher {
  readonly #s: DispatchSettings
  readonly #innerBound: (ctx: RequestContext) => Reply | Promise<Reply>
  /** No handler replaces the default for 404 and 405: they are answered without an exception. */
  readonly #plainErrors: boolean

  constructor(settings: DispatchSettings) {
    this.#s = settings
    this.#innerBound = (ctx) => this.#inner(ctx)
    this.#plainErrors =
      settings.handlers.find(new HTTPException(404)) === httpExceptionHandler &&
      settings.handlers.find(new HTTPException(405)) === httpExceptionHandler
  }

  handle(ctx: RequestContext, onServerError?: ServerErrorHook): Reply | Promise<Reply> {
    if (onServerError !== undefined) serverErrorHooks.set(ctx, onServerError)
    ctx.rootPath = this.#s.rootPath
    // One reading of the path for middleware and router alike (SECURITY-NOTES §0.1): a guard that
    // checks `ctx.path` sees exactly what the router will match.
    try {
      ctx.path = routingPath(ctx.rawPath, this.#s.rootPath)
    } catch (error) {
      return this.#finish(ctx, this.#recover(ctx, error))
    }
    return this.serve(ctx)
  }

  serve(ctx: RequestContext): Reply | Promise<Reply> {
    if (this.#s.middleware.length === 0) return this.#direct(ctx)
    let result: Promise<Reply>
    try {
      result = runChain(this.#s.middleware, this.#innerBound, ctx)
    } catch (error) {
      return this.#serverError(ctx, error)
    }
    return this.#finish(
      ctx,
      result.catch((error) => this.#serverError(ctx, error)),
    )
  }

  /**
   * The path without middleware: router, exception handlers and the server-error layer folded
   * into one `then`, so an async route costs a single extra promise hop.
   */
  #direct(ctx: RequestContext): Reply | Promise<Reply> {
    let result: Reply | Promise<Reply>
    try {
      result = this.#route(ctx)
    } catch (error) {
      return this.#finish(ctx, this.#recover(ctx, error))
    }
    if (result instanceof Promise) {
      return result.then(
        (reply) => (reply.deferred ? this.#prepareOrFail(ctx, reply) : reply),
        (error) => this.#finish(ctx, this.#recover(ctx, error)),
      )
    }
    return result.deferred ? this.#prepareOrFail(ctx, result) : result
  }

  /**
   * Deferred replies (files) made by a middleware pick their final form here, at the outermost
   * layer; those of routes and exception handlers already did, before any middleware saw them.
   */
  #finish(ctx: RequestContext, result: Reply | Promise<Reply>): Reply | Promise<Reply> {
    if (result instanceof Promise) {
      return result.then((reply) => (reply.deferred ? this.#prepareOrFail(ctx, reply) : reply))
    }
    return result.deferred ? this.#prepareOrFail(ctx, result) : result
  }

  /** The exception handler's reply, or the 500 when no handler takes the error (or it throws). */
  #recover(ctx: RequestContext, error: unknown): Reply | Promise<Reply> {
    let handled: Reply | Promise<Reply>
    try {
      handled = this.#handled(ctx, error)
    } catch (unhandled) {
      return this.#serverError(ctx, unhandled)
    }
    return handled instanceof Promise ? handled.catch((e) => this.#serverError(ctx, e)) : handled
  }

  #prepareOrFail(ctx: RequestContext, reply: Reply): Promise<Reply> {
    return this.#prepare(ctx, reply).catch((error) => this.#serverError(ctx, error))
  }

  /**
   * Router, route and exception handlers: everything inside the user's middleware. Replies leave
   * it in their final form (a file has picked its range, 304 or whole body), so a middleware that
   * compresses or measures a body sees the bytes that will be sent.
   */
  #inner(ctx: RequestContext): Reply | Promise<Reply> {
    let result: Reply | Promise<Reply>
    try {
      result = this.#route(ctx)
    } catch (error) {
      return this.#prepared(ctx, this.#handled(ctx, error))
    }
    if (result instanceof Promise) {
      return result.then(
        (reply) => (reply.deferred ? this.#prepare(ctx, reply) : reply),
        (error) => this.#prepared(ctx, this.#handled(ctx, error)),
      )
    }
    return result.deferred ? this.#prepare(ctx, result) : result
  }

  #prepared(ctx: RequestContext, result: Reply | Promise<Reply>): Reply | Promise<Reply> {
    if (result instanceof Promise) {
      return result.then((reply) => (reply.deferred ? this.#prepare(ctx, reply) : reply))
    }
    return result.deferred ? this.#prepare(ctx, result) : result
  }

  #route(ctx: RequestContext): Reply | Promise<Reply> {
    const path = ctx.path
    const match = this.#s.table.match(ctx.method, path)
    if (match.kind === 'found') {
      ctx.params = match.params
      return (match.value as RoutePlan).run(ctx)
    }
    if (match.kind === 'mount') {
      // The app below routes on what follows the prefix, which joins its root path (Starlette's
      // child scope); the prefix's own parameters are kept for it.
      ctx.rootPath += match.matched
      ctx.path = match.rest
      ctx.params = match.params
      return (match.value as MountTarget).serve(ctx)
    }
    if (match.kind === 'method') {
      if (this.#plainErrors) return new Reply(METHOD_NOT_ALLOWED_BODY, 405, allowHeaders(match.allow))
      throw new HTTPException(405, 'Method Not Allowed', { headers: { allow: match.allow } })
    }
    const redirect = this.#s.redirectSlashes ? this.#slashRedirect(ctx, path) : undefined
    if (redirect !== undefined) return redirect
    // The common 404 costs no exception (a stack capture per request) unless a handler wants one.
    if (this.#plainErrors) return Reply.typed(NOT_FOUND_BODY, 404, 'application/json')
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

  /** The route a request matched, found again: only the error log needs it, so nothing keeps it. */
  #matchedRoute(ctx: RequestContext): FlatRoute | undefined {
    const match = this.#s.table.match(ctx.method, ctx.path)
    return match.kind === 'found' ? (match.value as RoutePlan).route : undefined
  }

  async #serverError(ctx: RequestContext, error: unknown): Promise<Reply> {
    ctx.discardBackgroundTasks()
    const report = describeServerError(ctx, error, this.#matchedRoute(ctx))
    this.#s.logger.error({ err: error, ...report.details }, report.message)
    serverErrorHooks.get(ctx)?.(error)
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

function allowHeaders(allow: string): Record<string, string> {
  return { 'content-type': 'application/json', allow }
}

/**
 * The path routes are matched against: decoded once here and read by everything after (the
 * WebSocket handshake's too).
 */
export function routingPath(rawPath: string, rootPath: string): string {
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
