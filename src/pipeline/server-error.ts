import { Reply } from '../http/reply.js'

/**
 * The answer to an unhandled error: a plain-text 500 with no details, as Starlette's
 * ServerErrorMiddleware sends; in debug mode the stack trace, for the developer's own machine.
 */
export function serverErrorReply(error: unknown, debug: boolean): Reply {
  const body = debug ? debugText(error) : 'Internal Server Error'
  return Reply.typed(body, 500, 'text/plain; charset=utf-8')
}

function debugText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`
  return `Non-error thrown: ${String(error)}`
}
