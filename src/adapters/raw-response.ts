import type { Duplex } from 'node:stream'
import { reasonPhrase } from '../errors/status-phrases.js'

/**
 * Answers an upgrade request that will not be upgraded with a whole HTTP response written on the
 * raw socket (Node hands upgrades over before any `ServerResponse` exists), then closes it.
 * Header lines with CR or LF are dropped: they would split the response.
 */
export function writeRawResponse(
  socket: Duplex,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const lines = [
    `HTTP/1.1 ${status} ${reasonPhrase(status)}`,
    'connection: close',
    `content-length: ${Buffer.byteLength(body)}`,
  ]
  for (const [name, value] of Object.entries(headers)) {
    if (!/[\r\n]/.test(name + value)) lines.push(`${name}: ${value}`)
  }
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy())
}
