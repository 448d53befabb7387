/** One WebSocket message: a text frame as a string, a binary frame as bytes. */
export type WebSocketMessage = string | Uint8Array

/** What `websocket.accept()` may send with the handshake's 101 response. */
export interface AcceptOptions {
  /** The subprotocol chosen among those the client offered (`Sec-WebSocket-Protocol`). */
  subprotocol?: string
  /** Extra response headers (a `Set-Cookie`, say). */
  headers?: Record<string, string>
}

/** What a transport tells the socket it carries. */
export interface TransportPeer {
  /** A message arrived. */
  message(data: WebSocketMessage): void
  /** The connection ended: the peer's close frame, a lost connection (1006), a limit. */
  closed(code: number, reason: string): void
}

/**
 * The wire under a `WebSocket`: a `ws` socket on Brisk's Node server, or the test client's
 * in-memory peer. The socket keeps the state machine; a transport only moves frames. Once the
 * connection is answered (denied) or closed, later `deny` and `close` calls do nothing.
 */
export interface WebSocketTransport {
  /** The subprotocols the client offered, in its order. */
  readonly subprotocols: readonly string[]
  /** Completes the handshake; from then on messages and the close reach `peer`. */
  accept(options: AcceptOptions, peer: TransportPeer): Promise<void>
  /** Refuses the handshake with an HTTP response; only before `accept`. */
  deny(status: number, headers: Record<string, string>, body: string): void
  /**
   * Sends one message. Returns false when the outgoing buffer is over its cap: the transport has
   * then closed the connection (1013) and told the peer.
   */
  send(data: WebSocketMessage): boolean
  /** Sends a close frame (completing the handshake first if it was never accepted). */
  close(code: number, reason: string): void
  /** Bytes queued for sending and not yet written (a slow reader's backlog). */
  readonly bufferedAmount: number
  /** Stops reading from the peer while the handler has a backlog of unread messages. */
  pause?(): void
  resume?(): void
}
