import { WebSocketDisconnect } from '../errors/websocket-disconnect.js'
import type {
  AcceptOptions,
  TransportPeer,
  WebSocketMessage,
  WebSocketTransport,
} from '../websocket/transport.js'
import { WebSocketDenialResponse } from './websocket-denial.js'

type Waiter = { resolve(data: WebSocketMessage): void; reject(error: unknown): void }

/** How a test session's handshake ended: accepted, or refused one of two ways. */
type Opening =
  | { kind: 'accepted'; options: AcceptOptions }
  | { kind: 'denied'; error: WebSocketDenialResponse }
  | { kind: 'closed'; error: WebSocketDisconnect }

/**
 * The client end of an in-process WebSocket (FastAPI's `client.websocket_connect(...)` session):
 * what the app sends arrives here without a socket or a frame; what the test sends reaches the
 * handler's `receive*()`. When the app closes the socket, `receive*()` throws `WebSocketDisconnect`
 * with its code; iterating just ends.
 *
 * @example
 * await using ws = await client.websocket('/ws')
 * await ws.sendText('hello')
 * assert.equal(await ws.receiveText(), 'Message text was: hello')
 */
export class WebSocketTestSession implements AsyncIterable<WebSocketMessage> {
  readonly #incoming: WebSocketMessage[] = []
  #waiting: Waiter | undefined
  #closed: WebSocketDisconnect | undefined
  #peer: TransportPeer | undefined
  #accepted: AcceptOptions = {}
  /** The app's handling of the socket, done (handler returned, teardowns run). */
  #finished: Promise<void> = Promise.resolve()
  /** An error the app did not handle, rethrown by the next `receive*()` (Starlette's client does). */
  #serverError: { error: unknown } | undefined
  readonly #maxMessageSize: number
  readonly #raiseServerExceptions: boolean
  #opened!: (opening: Opening) => void
  readonly opening = new Promise<Opening>((resolve) => {
    this.#opened = resolve
  })

  /** @internal made by `TestClient.websocket` */
  constructor(maxMessageSize: number, raiseServerExceptions: boolean) {
    this.#maxMessageSize = maxMessageSize
    this.#raiseServerExceptions = raiseServerExceptions
  }

  /** The subprotocol the app accepted, if any. */
  get subprotocol(): string | undefined {
    return this.#accepted.subprotocol
  }

  /** Extra headers the app sent with its acceptance. */
  get acceptHeaders(): Readonly<Record<string, string>> {
    return this.#accepted.headers ?? {}
  }

  /** The app's close code, once it closed the socket. */
  get closeCode(): number | undefined {
    return this.#closed?.code
  }

  /** @internal the app's handling of the socket, and the errors it did not handle */
  serve(finished: Promise<void>): void {
    this.#finished = finished
  }

  /** @internal */
  noteServerError(error: unknown): void {
    if (this.#raiseServerExceptions) this.#serverError = { error }
  }

  /** The app's end of the connection. */
  transport(subprotocols: readonly string[], url: string): WebSocketTransport {
    return {
      subprotocols,
      bufferedAmount: 0,
      accept: (options, peer) => {
        this.#peer = peer
        this.#accepted = options
        this.#opened({ kind: 'accepted', options })
        return Promise.resolve()
      },
      deny: (status, headers, body) => {
        if (this.#closed !== undefined) return
        this.#closed = new WebSocketDisconnect(1006, 'refused')
        this.#opened({ kind: 'denied', error: new WebSocketDenialResponse(url, status, headers, body) })
      },
      send: (data) => {
        if (this.#closed !== undefined) return false
        // Copied, as a real socket's bytes would be: the app may reuse its buffer.
        this.#deliver(typeof data === 'string' ? data : data.slice())
        return true
      },
      close: (code, reason) => {
        if (this.#closed !== undefined) return
        this.#end(new WebSocketDisconnect(code, reason))
      },
    }
  }

  send(data: WebSocketMessage): Promise<void> {
    if (this.#closed !== undefined) return Promise.reject(this.#closed)
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength
    // What `ws` does on the Node server for a message past the limit.
    if (size > this.#maxMessageSize) {
      this.#end(new WebSocketDisconnect(1009, 'Message too big'))
      this.#peer?.closed(1009, 'Message too big')
      return Promise.resolve()
    }
    this.#peer?.message(typeof data === 'string' ? data : data.slice())
    return Promise.resolve()
  }

  sendText(text: string): Promise<void> {
    return this.send(text)
  }

  sendBytes(bytes: Uint8Array): Promise<void> {
    return this.send(bytes)
  }

  sendJson(value: unknown): Promise<void> {
    return this.send(JSON.stringify(value))
  }

  /**
   * The app's next message: a string for text, bytes for binary.
   *
   * @throws WebSocketDisconnect once the app has closed the socket (or the test did)
   * @throws the app's unhandled error, when it had one
   */
  receive(): Promise<WebSocketMessage> {
    const queued = this.#incoming.shift()
    if (queued !== undefined) return Promise.resolve(queued)
    if (this.#closed !== undefined) return this.#finished.then(() => this.#rejection())
    if (this.#waiting !== undefined) return Promise.reject(new Error('receive() is already waiting.'))
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject }
    })
  }

  async receiveText(): Promise<string> {
    const data = await this.receive()
    if (typeof data !== 'string') throw new TypeError('Expected a text message, got a binary one.')
    return data
  }

  async receiveBytes(): Promise<Uint8Array> {
    const data = await this.receive()
    if (typeof data === 'string') throw new TypeError('Expected a binary message, got a text one.')
    return data
  }

  /** The next message parsed as JSON; the type is what the test expects, not checked. */
  async receiveJson<T = unknown>(): Promise<T> {
    const data = await this.receive()
    return JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data)) as T
  }

  /**
   * Closes the socket from the client's side (default 1000) and waits until the app has finished
   * with it: its handler returned and its dependencies' teardowns ran.
   */
  async close(code = 1000, reason = ''): Promise<void> {
    if (this.#closed === undefined) {
      this.#end(new WebSocketDisconnect(code, reason))
      this.#peer?.closed(code, reason)
    }
    await this.#finished
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close()
  }

  /** The app's messages until it closes the socket. */
  async *[Symbol.asyncIterator](): AsyncIterator<WebSocketMessage> {
    try {
      for (;;) yield await this.receive()
    } catch (error) {
      if (!(error instanceof WebSocketDisconnect)) throw error
    }
  }

  #deliver(data: WebSocketMessage): void {
    const waiting = this.#waiting
    if (waiting === undefined) {
      this.#incoming.push(data)
      return
    }
    this.#waiting = undefined
    waiting.resolve(data)
  }

  #end(disconnect: WebSocketDisconnect): void {
    this.#closed = disconnect
    this.#opened({ kind: 'closed', error: disconnect })
    const waiting = this.#waiting
    this.#waiting = undefined
    if (waiting !== undefined) void this.#finished.then(() => this.#rejection()).catch(waiting.reject)
  }

  #rejection(): never {
    if (this.#serverError !== undefined) throw this.#serverError.error
    throw this.#closed
  }
}
