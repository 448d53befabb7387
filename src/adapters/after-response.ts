import type { RequestContext } from '../http/request-context.js'
import type { Logger } from '../pipeline/logger.js'

/**
 * Runs a request's after-response work (background tasks, then request-scoped teardowns) once
 * the response has been sent, logging each failure with the request id; the client already has
 * its answer, so failures change nothing for it.
 */
export function runAfterResponse(ctx: RequestContext, logger: Logger): Promise<void> {
  return ctx.runAfterResponse((error, what) => {
    logger.error(
      { err: error, requestId: ctx.id, method: ctx.method, url: ctx.url },
      `Failed after the response: ${what}`,
    )
  })
}
