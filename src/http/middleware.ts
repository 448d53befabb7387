import type { Reply } from './reply.js'
import type { RequestContext } from './request-context.js'

/** Runs the rest of the chain (inner middleware, then the route) and resolves to its reply. */
export type Next = () => Promise<Reply>

/**
 * A middleware: sees every request before the route and every reply after it, including the
 * replies of handled errors (404, 422, `HTTPException`). It may answer early without calling
 * `next`, change the reply it gets back (headers, status, a wrapped streaming body), or return
 * a different one. Unhandled errors pass through it as exceptions.
 *
 * @example
 * app.use(async (ctx, next) => {
 *   const started = performance.now()
 *   const reply = await next()
 *   reply.headers.set('x-process-time', String(performance.now() - started))
 *   return reply
 * })
 */
export type Middleware = (ctx: RequestContext, next: Next) => Reply | Response | Promise<Reply | Response>
