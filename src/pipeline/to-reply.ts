import type { CallArgs } from '../di/call-args.js'
import { ResponseValidationError } from '../errors/response-validation-error.js'
import { stringifyJson } from '../http/json.js'
import { Reply } from '../http/reply.js'
import { jsonLines, noBodyStatus, sse } from '../http/responses.js'
import type { SerializeResult } from '../schema/serializer.js'

// Read once: in Node the `Response` global is a lazy getter, too slow to touch per request.
const WebResponse = globalThis.Response

/** How a route turns its handler's return value into a reply; compiled once per route. */
export interface ReplyPlan {
  readonly status: number
  /** Validates, filters and encodes through the `response` schema; absent without one. */
  readonly serialize: ((value: unknown) => SerializeResult) | undefined
  readonly stream: 'jsonl' | 'sse'
}

const JSON_TYPE = 'application/json'

/**
 * Turns what a handler returned into a `Reply`: a `Reply` or web `Response` passes through, an
 * async iterable streams (JSON Lines or SSE), anything else is validated and filtered through the
 * response schema (or encoded like FastAPI's `jsonable_encoder` without one) and sent as JSON.
 */
export function toReply(value: unknown, plan: ReplyPlan, args: CallArgs): Reply {
  const params = args.usedResponse
  let reply = passThrough(value)
  if (reply === undefined) {
    const status = params?.status ?? plan.status
    if (isStream(value)) reply = streamReply(plan, value, status)
    else
      reply = noBodyStatus(status)
        ? new Reply(null, status)
        : Reply.typed(encode(plan, value), status, JSON_TYPE)
  }
  return params === undefined ? reply : params.applyTo(reply, { overrideStatus: false })
}

/** A returned `Reply` as it is, or a web `Response` as a `Reply`; undefined for anything else. */
export function passThrough(value: unknown): Reply | undefined {
  if (value instanceof Reply) return value
  if (value instanceof WebResponse) return new Reply(value.body, value.status, value.headers)
  return undefined
}

function encode(plan: ReplyPlan, value: unknown): string {
  if (plan.serialize === undefined) return value === undefined ? 'null' : stringifyJson(value)
  const result = plan.serialize(value)
  if (!result.ok) throw new ResponseValidationError(result.errors, value)
  return result.json
}

function streamReply(plan: ReplyPlan, source: AsyncIterable<unknown>, status: number): Reply {
  const encodeItem = plan.serialize === undefined ? undefined : (item: unknown) => encode(plan, item)
  const init = { status, ...(encodeItem ? { encodeItem } : {}) }
  return plan.stream === 'sse' ? sse(source, init) : jsonLines(source, init)
}

function isStream(value: unknown): value is AsyncIterable<unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  )
}
