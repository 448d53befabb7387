/** The fields of one Server-Sent Event, as FastAPI's `ServerSentEvent` names them. */
export interface ServerSentEventFields {
  /** Serialised with the stream's item encoder (JSON by default). */
  data?: unknown
  /** Sent as-is, for text that is not JSON; exclusive with `data`. */
  rawData?: string
  event?: string
  id?: string
  /** Reconnection delay in milliseconds, a non-negative integer. */
  retry?: number
  comment?: string
}

/**
 * One event of an `sse()` stream with control over its fields, like FastAPI's
 * `fastapi.sse.ServerSentEvent`. Items that are not a `ServerSentEvent` are sent as `data` only.
 * Invalid fields throw a TypeError when the event is built, not when it is half-written.
 *
 * @example
 * yield new ServerSentEvent({ event: 'price', id: '42', data: { symbol: 'ACME', price: 12.5 } })
 * // event: price\ndata: {"symbol":"ACME","price":12.5}\nid: 42\n\n
 */
export class ServerSentEvent {
  readonly data: unknown
  readonly rawData: string | undefined
  readonly event: string | undefined
  readonly id: string | undefined
  readonly retry: number | undefined
  readonly comment: string | undefined

  constructor(fields: ServerSentEventFields) {
    if (fields.data !== undefined && fields.rawData !== undefined) {
      throw new TypeError('A ServerSentEvent takes data or rawData, not both')
    }
    // WHATWG HTML §9.2.6: a line break would end the field early and start another, letting the
    // value forge fields; a client ignores an `id` holding NUL.
    checkSingleLine('event', fields.event)
    checkSingleLine('id', fields.id)
    if (fields.id?.includes('\0')) throw new TypeError('ServerSentEvent id must not contain NUL')
    if (fields.retry !== undefined && !(Number.isSafeInteger(fields.retry) && fields.retry >= 0)) {
      throw new TypeError('ServerSentEvent retry must be a non-negative integer of milliseconds')
    }
    this.data = fields.data
    this.rawData = fields.rawData
    this.event = fields.event
    this.id = fields.id
    this.retry = fields.retry
    this.comment = fields.comment
  }
}

/**
 * Writes one event in FastAPI's field order (comment, event, data, id, retry) and ends it with a
 * blank line. Multi-line data and comments become one line per field, which the client joins with
 * `\n` again (WHATWG HTML §9.2.6).
 */
export function formatServerSentEvent(item: unknown, encodeItem: (item: unknown) => string): string {
  if (!(item instanceof ServerSentEvent)) return `${prefixLines('data: ', encodeItem(item))}\n`
  let out = ''
  if (item.comment !== undefined) out += prefixLines(': ', item.comment)
  if (item.event !== undefined) out += `event: ${item.event}\n`
  if (item.rawData !== undefined) out += prefixLines('data: ', item.rawData)
  else if (item.data !== undefined) out += prefixLines('data: ', encodeItem(item.data))
  if (item.id !== undefined) out += `id: ${item.id}\n`
  if (item.retry !== undefined) out += `retry: ${item.retry}\n`
  return `${out}\n`
}

function prefixLines(prefix: string, text: string): string {
  let out = ''
  for (const line of text.split(/\r\n|\r|\n/)) out += `${prefix}${line}\n`
  return out
}

function checkSingleLine(field: string, value: string | undefined): void {
  if (value !== undefined && /[\r\n]/.test(value)) {
    throw new TypeError(`ServerSentEvent ${field} must not contain CR or LF`)
  }
}
