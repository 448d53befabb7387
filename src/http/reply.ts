import { type HeadersInput, ResponseHeaders } from './response-headers.js'

/**
 * What a response body can be. Strings and bytes are sent whole; streams and async iterables
 * are sent chunk by chunk with backpressure (a Node `Readable` is an async iterable).
 */
export type ReplyBody =
  | null
  | string
  | Uint8Array
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>

/** The request facts a deferred reply (a file, say) needs before it can choose its answer. */
export interface ReplyRequest {
  readonly method: string
  header(name: string): string | undefined
}

/**
 * Brisk's response: status, headers and body, written by the Node adapter straight to the socket
 * or turned into a web `Response` by the fetch adapter. Response helpers (`json`, `html`, `file`,
 * ...) return one; middleware receives one from `next()` and may change it or return another.
 */
export class Reply {
  status: number
  body: ReplyBody
  #headers: ResponseHeaders | undefined
  #contentType: string | undefined

  constructor(body: ReplyBody = null, status = 200, headers?: HeadersInput | ResponseHeaders) {
    this.body = body
    this.status = status
    if (headers !== undefined) {
      this.#headers = headers instanceof ResponseHeaders ? headers : new ResponseHeaders(headers)
    }
  }

  /**
   * A reply whose only header is its content type. The common JSON answer is built this way so
   * that no header object exists unless something (a middleware, the writer) asks for it.
   */
  static typed(body: ReplyBody, status: number, contentType: string): Reply {
    const reply = new Reply(body, status)
    reply.#contentType = contentType
    return reply
  }

  /** The headers, created on first use so bodies without extra headers allocate none. */
  get headers(): ResponseHeaders {
    if (this.#headers === undefined) {
      this.#headers = new ResponseHeaders()
      if (this.#contentType !== undefined) this.#headers.set('content-type', this.#contentType)
    }
    return this.#headers
  }

  /** True when headers were ever touched; lets the writers skip an empty header object. */
  get hasHeaders(): boolean {
    return this.#headers !== undefined
  }

  /** The content type given to `Reply.typed`, while no header object exists yet. */
  get bareContentType(): string | undefined {
    return this.#headers === undefined ? this.#contentType : undefined
  }

  /**
   * Deferred replies (files, for Range and conditional requests) override this to pick their
   * final form once the request is known. The pipeline calls it before writing.
   */
  prepare(_request: ReplyRequest): Reply | Promise<Reply> {
    return this
  }

  /** True for subclasses that override `prepare`; plain replies skip the call. */
  get deferred(): boolean {
    return false
  }
}
