import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer, WebSocket as WsSocket } from 'ws'
import { CloseCode } from '../websocket/close-codes.js'
import type {
  AcceptOptions,
  TransportPeer,
  WebSocketMessage,
  WebSocketTransport,
} from '../websocket/transport.js'
import type { WebSocketSettings } from '../websocket/websocket-options.js'
import { writeRawResponse } from './raw-response.js'

/** What a transport needs from the server that made it. */
export interface TransportHub {
  /** The `ws` server that completes handshakes (loaded on first use). */
  server(): Promise<WebSocketServer>
  readonly settings: WebSocketSettings
  /** Whether the server is shutting down: a socket accepted now is closed with 1001 at once. */
  readonly closing: boolean
  /** The accept options for a handshake `ws` completes (its `headers` and `handleProtocols` read them). */
  readonly acceptOptions: WeakMap<IncomingMessage, AcceptOptions>
  opened(transport: NodeWsTransport): void
  ended(transport: NodeWsTransport): void
}

const IGNORE: TransportPeer = { message() {}, closed() {} }
const uncork = (transport: NodeWsTransport) => transport.flush()
const noop = () => {}
const EMPTY = Buffer.alloc(0)

/**
 * A WebSocket on Brisk's Node server: the handshake is completed by `ws` (`noServer`) only when
 * the handler accepts, so everything before it (parameters, dependencies, auth) can still refuse
 * with an HTTP response or a close code. `ws` does the framing, its limits and protocol errors
 * (1002, 1007, 1009); this adds the outgoing-backlog cap and the keep-alive.
 */
export class NodeWsTransport implements WebSocketTransport {
  readonly subprotocols: readonly string[]
  readonly #hub: TransportHub
  readonly #req: IncomingMessage
  readonly #socket: Duplex
  /** The bytes after the handshake's head; dropped once used (it may be a view of a larger buffer). */
  #head: Buffer
  #ws: WsSocket | undefined
  #peer: TransportPeer = IGNORE
  /** Denied or closed by the server: later calls do nothing. */
  #done = false
  /** Answered the last ping (or has had none yet). */
  #alive = true
  /** Sends of this tick are being gathered into one write. */
  #corked = false

  constructor(hub: TransportHub, req: IncomingMessage, socket: Duplex, head: Buffer, subprotocols: string[]) {
    this.#hub = hub
    this.#req = req
    this.#socket = socket
    this.#head = head
    this.subprotocols = subprotocols
  }

  get bufferedAmount(): number {
    return this.#ws?.bufferedAmount ?? 0
  }

  accept(options: AcceptOptions, peer: TransportPeer): Promise<void> {
    this.#peer = peer
    return this.#handshake(options).then(() => {
      if (this.#hub.closing) this.goAway()
    })
  }

  async #handshake(options: AcceptOptions): Promise<void> {
    const wss = await this.#hub.server()
    return new Promise((resolve) => {
      // A peer that left while the route's dependencies ran: there is nothing to upgrade.
      if (this.#socket.destroyed || !this.#socket.writable) {
        this.#peer.closed(CloseCode.abnormal, '')
        resolve()
        return
      }
      // A peer that leaves mid-handshake: `ws` gives up without calling back.
      const gone = () => {
        this.#peer.closed(CloseCode.abnormal, '')
        resolve()
      }
      this.#socket.once('close', gone)
      this.#hub.acceptOptions.set(this.#req, options)
      wss.handleUpgrade(this.#req, this.#socket, this.#head, (ws) => {
        this.#head = EMPTY
        this.#socket.off('close', gone)
        this.#ws = ws
        this.#listen(ws)
        this.#hub.opened(this)
        resolve()
      })
    })
  }

  #listen(ws: WsSocket): void {
    ws.on('message', (data, isBinary) => {
      const bytes = data as Buffer
      this.#peer.message(isBinary ? bytes : bytes.toString())
    })
    ws.on('close', (code, reason) => {
      this.#hub.ended(this)
      this.#peer.closed(code, reason.toString())
    })
    // Protocol errors are answered by `ws` itself (1002, 1007, 1009) and end in 'close'.
    ws.on('error', noop)
    ws.on('pong', () => {
      this.#alive = true
    })
  }

  deny(status: number, headers: Record<string, string>, body: string): void {
    if (this.#done || this.#ws !== undefined) return
    this.#done = true
    writeRawResponse(this.#socket, status, headers, body)
  }

  send(data: WebSocketMessage): boolean {
    const ws = this.#ws
    if (ws === undefined || this.#done) return false
    const size = typeof data === 'string' ? data.length : data.byteLength
    if (ws.bufferedAmount + size > this.#hub.settings.maxBufferedBytes) {
      // A reader this slow would make the server hold everything sent to it: it is let go.
      this.#closeWith(ws, CloseCode.tryAgainLater, 'Client is not reading')
      this.#peer.closed(CloseCode.tryAgainLater, 'Client is not reading')
      return false
    }
    // A handler answering a burst of messages sends in one go: corked until the end of the tick,
    // the frames leave in one writev instead of one syscall each (half the echo benchmark's CPU).
    if (!this.#corked) {
      this.#corked = true
      this.#socket.cork()
      process.nextTick(uncork, this)
    }
    ws.send(data)
    return true
  }

  /** Ends the tick's gathering of sends (see `send`). */
  flush(): void {
    this.#corked = false
    this.#socket.uncork()
  }

  close(code: number, reason: string): void {
    if (this.#done) return
    const ws = this.#ws
    if (ws !== undefined) {
      this.#closeWith(ws, code, reason)
      return
    }
    // Refused before accept: the handshake completes so the client sees the code, as FastAPI's
    // test client does (a browser cannot read an HTTP refusal's status).
    this.#done = true
    this.#peer = IGNORE
    void this.#handshake({}).then(() => {
      if (this.#ws !== undefined) this.#closeWith(this.#ws, code, reason)
    })
  }

  pause(): void {
    this.#ws?.pause()
  }

  resume(): void {
    this.#ws?.resume()
  }

  /** The keep-alive: a socket that did not answer the last ping is dropped, the others pinged. */
  heartbeat(): void {
    const ws = this.#ws
    if (ws === undefined) return
    if (!this.#alive) {
      ws.terminate()
      return
    }
    this.#alive = false
    ws.ping()
  }

  /** Shutdown: the socket is closed with 1001 (going away), its handler told. */
  goAway(): void {
    if (this.#ws === undefined) return
    this.close(CloseCode.goingAway, 'Server shutting down')
    this.#peer.closed(CloseCode.goingAway, 'Server shutting down')
  }

  /** Cuts the connection at once (the grace period is over). */
  terminate(): void {
    if (this.#ws !== undefined) this.#ws.terminate()
    else this.#socket.destroy()
  }

  #closeWith(ws: WsSocket, code: number, reason: string): void {
    this.#done = true
    // The socket only passes codes a close frame may carry (`WebSocket.close`).
    ws.close(code, reason)
    // `ws` waits for the peer's close frame; a peer that never reads would hold the socket.
    setTimeout(() => ws.terminate(), this.#hub.settings.closeTimeoutMs).unref()
  }
}
