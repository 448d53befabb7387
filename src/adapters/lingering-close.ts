import type { IncomingMessage } from 'node:http'
import type { Socket } from 'node:net'

/** How long the rest of an unread request body is read and dropped before the socket closes. */
const LINGER_MS = 2_000

/**
 * Makes an answer sent before the request body was all read (a 413 for a body over a limit, a 400
 * for malformed multipart) readable by the client when the connection closes after it. Node would
 * close the socket with the rest of the body unread, and the kernel then resets the connection,
 * which can discard the answer before the client reads it (the client sees ECONNRESET instead of
 * the 413). As nginx's lingering close does, the socket is half-closed once the answer is written,
 * and what the client still sends is read and dropped until it stops or `LINGER_MS` pass.
 * Requests whose body was read, or that have none, are left alone. test/body/uploads-over-socket
 * (a 100 MB upload refused with 413) lost its answer about one run in five without this.
 */
export function lingerIfBodyUnread(req: IncomingMessage): void {
  if (req.complete || !hasBody(req)) return
  const socket = req.socket as Socket & { destroySoon?: () => void }
  socket.destroySoon = function lingeringClose(this: Socket) {
    if (this.writable) this.end()
    const timer = setTimeout(() => this.destroy(), LINGER_MS)
    timer.unref()
    this.once('close', () => clearTimeout(timer))
    this.once('end', () => this.destroy())
    this.resume()
  }
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}
