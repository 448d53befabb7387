import { Reply } from '../http/reply.js'

// Read once: in Node the `Response` global is a lazy getter, too slow to touch per request.
const WebResponse = globalThis.Response

/** A web `Response` (from a handler, middleware or exception handler) as a `Reply`. */
export function normalizeReply(value: Reply | Response): Reply {
  if (value instanceof Reply) return value
  if (value instanceof WebResponse) return new Reply(value.body, value.status, value.headers)
  throw new TypeError(`Expected a Reply or a Response, got ${typeof value}.`)
}
