import { bodyTooLarge } from '../http/body-source.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { MountTarget } from './dispatch.js'
import { normalizeReply } from './normalize-reply.js'

/**
 * A web-standard request handler: a Hono app's `app.fetch`, an itty-router's `handle`, a Deno or
 * Bun style `fetch` export, or any function of a `Request` that answers a `Response`.
 */
export type FetchHandler = (request: Request) => Response | Promise<Response>

// Read once: in Node the `Response` global is a lazy getter, too slow to touch per request.
const WebResponse = globalThis.Response

/**
 * Serves a mount with a fetch handler. The handler is sent the request with the mount's prefix
 * taken off its URL (`/hono/hello?x=1` reaches it as `/hello?x=1`), as Hono's own `app.mount`
 * does, so an app written for the root works unchanged under any prefix. The rest keeps the
 * client's percent-encoding: nothing is decoded and encoded again on the way.
 *
 * The body streams to the handler as it arrives, bounded by the app's `bodyLimit`: a body that
 * declares or reaches more is answered 413, whatever the handler made of its failed read.
 */
export function fetchHandlerMount(handler: FetchHandler, prefix: string): MountTarget {
  return {
    async serve(ctx: RequestContext): Promise<Reply> {
      const declared = ctx.header('content-length')
      if (declared !== undefined && Number(declared) > ctx.bodyLimit) throw bodyTooLarge(ctx.bodyLimit)
      let bodyError: unknown
      const target = rawRest(ctx) + (ctx.search === '' ? '' : `?${ctx.search}`)
      const request = ctx.forwarded(target, (error) => {
        bodyError = error
      })
      let response: unknown
      try {
        response = await handler(request)
      } catch (error) {
        throw bodyError ?? error
      }
      if (bodyError !== undefined) throw bodyError
      if (!(response instanceof WebResponse)) {
        throw new TypeError(
          `The fetch handler mounted at "${prefix}" returned ${describe(response)}, not a Response.`,
        )
      }
      return normalizeReply(response)
    },
  }
}

/**
 * The request path below the mount as the client wrote it: the end of `rawPath` whose decoding
 * is `ctx.path`. Decoding turns each `%XX` into one byte and leaves every other character as its
 * UTF-8 bytes, so walking back from the end and counting decoded bytes finds where it starts.
 */
export function rawRest(ctx: Pick<RequestContext, 'rawPath' | 'path'>): string {
  const raw = ctx.rawPath
  // Undecoded (no "%"), the routing path is a plain suffix of the raw one.
  if (!raw.includes('%')) return raw.slice(raw.length - ctx.path.length)
  let bytes = Buffer.byteLength(ctx.path)
  let at = raw.length
  while (bytes > 0 && at > 0) {
    if (at >= 3 && raw.charCodeAt(at - 3) === PERCENT) {
      at -= 3
      bytes -= 1
      continue
    }
    const code = raw.charCodeAt(at - 1)
    const pair = code >= 0xdc00 && code <= 0xdfff && at >= 2
    at -= pair ? 2 : 1
    bytes -= pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3
  }
  return raw.slice(at)
}

const PERCENT = 37

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'no class'})`
  return typeof value
}
