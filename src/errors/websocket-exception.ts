/**
 * Closes a WebSocket with `code` and `reason` (FastAPI's `WebSocketException`). Thrown from a
 * WebSocket route's dependency or handler: before `accept()` it refuses the connection (the
 * handshake completes and the close frame follows, so a browser sees the code), after it closes
 * the open socket. 1008 (policy violation) is the usual code for a refused credential.
 *
 * @example
 * const session = depends({ cookies: { session: z.string().optional() } }, ({ cookies }) => {
 *   if (cookies.session === undefined) throw new WebSocketException(1008, 'No session')
 *   return cookies.session
 * })
 */
export class WebSocketException extends Error {
  readonly code: number
  readonly reason: string

  constructor(code: number, reason = '') {
    super(reason === '' ? `WebSocket closed with ${code}` : reason)
    this.name = 'WebSocketException'
    this.code = code
    this.reason = reason
  }
}
