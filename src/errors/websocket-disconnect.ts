/**
 * The WebSocket is closed: the peer closed it, went away, or the server closed it (a limit, the
 * shutdown). `receive*()` and `send*()` throw it once the socket is gone, as FastAPI's
 * `WebSocketDisconnect`; iterating over the messages just ends instead. The test session throws
 * it too when the app closes the socket.
 *
 * @example
 * try {
 *   for (;;) await websocket.sendText(`You wrote: ${await websocket.receiveText()}`)
 * } catch (error) {
 *   if (!(error instanceof WebSocketDisconnect)) throw error
 *   console.log(`client left with ${error.code}`)
 * }
 */
export class WebSocketDisconnect extends Error {
  readonly code: number
  readonly reason: string

  constructor(code = 1000, reason = '') {
    super(`WebSocket closed with ${code}${reason === '' ? '' : `: ${reason}`}`)
    this.name = 'WebSocketDisconnect'
    this.code = code
    this.reason = reason
  }
}
