import { Reply } from '../http/reply.js'

/** A web `Response` (from a handler, middleware or exception handler) as a `Reply`. */
export function normalizeReply(value: Reply | Response): Reply {
  if (value instanceof Reply) return value
  if (value instanceof Response) return new Reply(value.body, value.status, value.headers)
  throw new TypeError(`Expected a Reply or a Response, got ${typeof value}.`)
}
