import type { CallArgs } from '../di/call-args.js'
import { file } from '../http/file-reply.js'
import type { Reply } from '../http/reply.js'
import { html, redirect, text } from '../http/responses.js'
import type { ResponseClass } from '../routing/response-class.js'
import { passThrough } from './to-reply.js'

/** Turns a returned string into the reply of one response class. */
type FromString = (value: string, status: number) => Reply

const FROM_STRING: Readonly<Record<Exclude<ResponseClass, 'json'>, FromString>> = {
  html: (value, status) => html(value, { status }),
  text: (value, status) => text(value, { status }),
  redirect: (value, status) => redirect(value, status),
  file: (value, status) => file(value, { status }),
}

/**
 * The last step of a route whose `responseClass` is not JSON, chosen when the route is compiled
 * so a JSON route pays nothing for it: a returned string becomes the class's reply (FastAPI wraps
 * the return value in `response_class`), a `Reply` or web `Response` is sent as it is.
 *
 * @throws TypeError for any other value: the handler broke its declared contract, a server fault.
 */
export function classReplyStep(
  responseClass: Exclude<ResponseClass, 'json'>,
  routeStatus: number,
): (value: unknown, args: CallArgs) => Reply {
  const fromString = FROM_STRING[responseClass]
  return (value, args) => {
    const params = args.usedResponse
    let reply = passThrough(value)
    if (reply === undefined) {
      if (typeof value !== 'string') {
        throw new TypeError(
          `A route with responseClass '${responseClass}' must return a string, a Reply or a Response; it returned ${typeof value}.`,
        )
      }
      reply = fromString(value, params?.status ?? routeStatus)
    }
    return params === undefined ? reply : params.applyTo(reply, { overrideStatus: false })
  }
}
