import { WebSocketDisconnect } from '../errors/websocket-disconnect.js'
import { CloseCode, fitCloseReason, isSendableCloseCode } from './close-codes.js'
import { type CheckedMessage, type MessageCheck, parseJsonMessage } from './message-check.js'
import type { AcceptOptions, TransportPeer, WebSocketMessage, WebSocketTransport } from './transport.js'

/** Where a socket is: before `accept()`, open, or closed (by either side). */
export type WebSocketState = 'connecting' | 'connected' | 'disconnected'

/** How a socket treats incoming messages; from its route's options. */
export interface IncomingSettings {
  /** The route's `message` schema, compiled; none: JSON is only parsed. */
  readonly check: MessageCheck | undefined
  /** An invalid message is answered with `{"detail": [...]}` and skipped, or closes with 1008. */
  readonly invalidMessage: 'reply' | 'close'
}

// Unread messages at which reading from the peer pauses, and resumes: a handler that stops
// reading holds at most this many messages (each bounded by the size limit), not a growing queue.
const PAUSE_AT = 64
const RESUME_AT = 16
const DONE = Promise.resolve()

/** A reader waiting for the next message: `receive()`, or the iterator (for which a close is the end). */
type Waiter = { deliver(data: WebSocketMessage): void; end(disconnect: WebSocketDisconnect): void }

const END: IteratorResult<never> = Object.freeze({ done: true, value: undefined })

/**
 * One WebSocket connection, as its handler sees it (Starlette's `WebSocket`): accept it, then
 * send and receive messages until either side closes. `Item` is what iterating yields: messages
 * validated by the route's `message` schema, or raw messages when it declares none.
 *
 * @example
 * app.websocket('/ws', {}, async ({ websocket }) => {
 *   await websocket.accept()
 *   for await (const message of websocket) await websocket.send(`Message text was: ${message}`)
 * })
 */
export class WebSocket<Item = WebSocketMessage, Json = unknown> implements AsyncIterable<Item> {
  #state: WebSocketState = 'connecting'
  #subprotocol: string | undefined
  #closeCode: number | undefined
  #closeReason = ''
  readonly #transport: WebSocketTransport
  readonly #settings: IncomingSettings
  readonly #queue: WebSocketMessage[] = []
  #paused = false
  #waiting: Waiter | undefined
  readonly #closeListeners = new Set<(code: number, reason: string) => void>()
  readonly #peer: TransportPeer = {
    message: (data) => this.#received(data),
    closed: (code, reason) => this.#ended(code, reason),
  }

  constructor(transport: WebSocketTransport, settings: IncomingSettings) {
    this.#transport = transport
    this.#settings = settings
  }

  get state(): WebSocketState {
    return this.#state
  }

  /** The subprotocols the client offered (`Sec-WebSocket-Protocol`), in its order. */
  get subprotocols(): readonly string[] {
    return this.#transport.subprotocols
  }

  /** The subprotocol `accept()` chose, if any. */
  get subprotocol(): string | undefined {
    return this.#subprotocol
  }

  /** The close code once closed (the peer's, or the one the server sent). */
  get closeCode(): number | undefined {
    return this.#closeCode
  }

  get closeReason(): string {
    return this.#closeReason
  }

  /** Bytes sent but not yet written to the network: a slow reader's backlog. */
  get bufferedAmount(): number {
    return this.#transport.bufferedAmount
  }

  /**
   * Completes the handshake. A subprotocol must be one the client offered (RFC 6455 §4.2.2).
   *
   * @throws Error when called twice, after a close, or with a subprotocol the client did not offer
   */
  async accept(options: AcceptOptions = {}): Promise<void> {
    if (this.#state !== 'connecting') throw new Error(`accept() on a WebSocket that is ${this.#state}.`)
    const { subprotocol } = options
    if (subprotocol !== undefined && !this.subprotocols.includes(subprotocol)) {
      throw new Error(
        `accept({ subprotocol: ${JSON.stringify(subprotocol)} }): the client offered ${JSON.stringify(this.subprotocols)}; choose one of those.`,
      )
    }
    this.#state = 'connected'
    this.#subprotocol = subprotocol
    await this.#transport.accept(options, this.#peer)
  }

  /** Sends a text message (a string) or a binary one (bytes). */
  send(data: WebSocketMessage): Promise<void> {
    if (this.#state !== 'connected') return Promise.reject(this.#notOpen('send'))
    if (!this.#transport.send(data)) return Promise.reject(this.#gone())
    return DONE
  }

  sendText(text: string): Promise<void> {
    return this.send(text)
  }

  sendBytes(bytes: Uint8Array): Promise<void> {
    return this.send(bytes)
  }

  /** Sends a value as JSON in a text message. */
  sendJson(value: unknown): Promise<void> {
    return this.send(JSON.stringify(value))
  }

  /**
   * The next message: a string for a text frame, bytes for a binary one.
   *
   * @throws WebSocketDisconnect once the socket is closed
   */
  receive(): Promise<WebSocketMessage> {
    const queued = this.#dequeue()
    if (queued !== undefined) return Promise.resolve(queued)
    if (this.#state !== 'connected') return Promise.reject(this.#notOpen('receive'))
    if (this.#waiting !== undefined)
      return Promise.reject(new Error('receive() is already waiting for a message.'))
    return new Promise((resolve, reject) => {
      this.#waiting = { deliver: resolve, end: reject }
    })
  }

  /** The next message as text; a binary message closes the socket with 1003 (unsupported data). */
  async receiveText(): Promise<string> {
    const data = await this.receive()
    if (typeof data === 'string') return data
    throw this.#refuse(CloseCode.unsupportedData, 'Expected a text message')
  }

  /** The next message as bytes; a text message closes the socket with 1003 (unsupported data). */
  async receiveBytes(): Promise<Uint8Array> {
    const data = await this.receive()
    if (typeof data !== 'string') return data
    throw this.#refuse(CloseCode.unsupportedData, 'Expected a binary message')
  }

  /**
   * The next message's JSON, validated by the route's `message` schema when it declares one. An
   * invalid message is answered with `{"detail": [...]}` (the 422 body's items, located at
   * `["message", ...]`) and skipped, or closes with 1008 when the route says
   * `invalidMessage: 'close'`. Without a schema, text that is not JSON closes with 1007.
   */
  async receiveJson(): Promise<Json> {
    for (;;) {
      const data = await this.receive()
      const check = this.#settings.check
      const pending: CheckedMessage | Promise<CheckedMessage> =
        check === undefined ? parseJsonMessage(data) : check(data)
      const checked = pending instanceof Promise ? await pending : pending
      if (checked.ok) return checked.value as Json
      if (check === undefined) throw this.#refuse(CloseCode.invalidPayload, 'Invalid JSON')
      if (this.#settings.invalidMessage === 'close') {
        throw this.#refuse(CloseCode.policyViolation, 'Invalid message')
      }
      await this.sendJson({ detail: checked.errors })
    }
  }

  /**
   * Closes the socket (default 1000). Before `accept()` this refuses the connection with the code,
   * as FastAPI's `websocket.close()` does. Closing a closed socket does nothing. A code a close
   * frame may not carry (RFC 6455 §7.4: 1005, 1006, 1015, below 1000, 1016–2999, from 5000) is
   * sent as 1011, the same through the test client as over a socket.
   */
  close(code: number = CloseCode.normal, reason = ''): Promise<void> {
    if (this.#state === 'disconnected') return DONE
    if (!isSendableCloseCode(code)) code = CloseCode.internalError
    const fitted = fitCloseReason(reason)
    this.#transport.close(code, fitted)
    this.#ended(code, fitted)
    return DONE
  }

  /** Calls `listener` once, when the socket closes (at once if it is closed); returns a remover. */
  onClose(listener: (code: number, reason: string) => void): () => void {
    if (this.#state === 'disconnected') {
      listener(this.#closeCode ?? CloseCode.normal, this.#closeReason)
      return () => {}
    }
    this.#closeListeners.add(listener)
    return () => this.#closeListeners.delete(listener)
  }

  /** Incoming messages (validated ones, with a `message` schema) until the socket closes; then the loop just ends. */
  [Symbol.asyncIterator](): AsyncIterator<Item> {
    if (this.#settings.check !== undefined) return this.#validated() as AsyncIterator<Item>
    // Raw messages skip an async generator's extra promises: one promise per message, resolved
    // straight from the transport's event (the echo benchmark's hot path).
    return {
      next: () => this.#nextRaw() as Promise<IteratorResult<Item>>,
      return: () => Promise.resolve(END),
    }
  }

  async *#validated(): AsyncGenerator<Json> {
    try {
      for (;;) yield await this.receiveJson()
    } catch (error) {
      if (!(error instanceof WebSocketDisconnect)) throw error
    }
  }

  #nextRaw(): Promise<IteratorResult<WebSocketMessage>> {
    const queued = this.#dequeue()
    if (queued !== undefined) return Promise.resolve({ done: false, value: queued })
    if (this.#state === 'disconnected') return Promise.resolve(END)
    if (this.#state === 'connecting') return Promise.reject(this.#notOpen('receive'))
    if (this.#waiting !== undefined) return Promise.reject(new Error('Already waiting for a message.'))
    return new Promise((resolve) => {
      this.#waiting = { deliver: (value) => resolve({ done: false, value }), end: () => resolve(END) }
    })
  }

  #dequeue(): WebSocketMessage | undefined {
    if (this.#queue.length === 0) return undefined
    const queued = this.#queue.shift()
    if (this.#paused && this.#queue.length <= RESUME_AT) {
      this.#paused = false
      this.#transport.resume?.()
    }
    return queued
  }

  #received(data: WebSocketMessage): void {
    const waiting = this.#waiting
    if (waiting !== undefined) {
      this.#waiting = undefined
      waiting.deliver(data)
      return
    }
    this.#queue.push(data)
    if (!this.#paused && this.#queue.length >= PAUSE_AT) {
      this.#paused = true
      this.#transport.pause?.()
    }
  }

  #ended(code: number, reason: string): void {
    if (this.#state === 'disconnected') return
    this.#state = 'disconnected'
    this.#closeCode = code
    this.#closeReason = reason
    const waiting = this.#waiting
    this.#waiting = undefined
    waiting?.end(this.#gone())
    for (const listener of this.#closeListeners) listener(code, reason)
    this.#closeListeners.clear()
  }

  /** Closes with `code` and returns the disconnect the caller throws. */
  #refuse(code: number, reason: string): WebSocketDisconnect {
    void this.close(code, reason)
    return this.#gone()
  }

  #gone(): WebSocketDisconnect {
    return new WebSocketDisconnect(this.#closeCode ?? CloseCode.abnormal, this.#closeReason)
  }

  #notOpen(what: string): Error {
    if (this.#state === 'disconnected') return this.#gone()
    return new Error(`${what}() before accept(): accept the WebSocket first.`)
  }
}
