import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http'
import type { App } from '../index.js'

/**
 * Logs one line per answered request through the app's logger, as uvicorn's access log does:
 * `127.0.0.1:54321 - "GET /items?q=a HTTP/1.1" 200 OK`. The line is the whole message (no
 * details), so the default console logger prints it as uvicorn does. A listener of the server's `request` event that only watches the
 * response's `finish`: it answers nothing, so Brisk's own handling stays as it is.
 */
export function logAccess(server: Server, logger: App['logger']): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.once('finish', () => {
      const client = `${req.socket.remoteAddress ?? '-'}:${req.socket.remotePort ?? '-'}`
      const status = res.statusCode
      const line = `${req.method} ${req.url} HTTP/${req.httpVersion}`
      const phrase = STATUS_CODES[status] ?? ''
      logger.info({}, `${client} - "${line}" ${status}${phrase === '' ? '' : ` ${phrase}`}`)
    })
  })
}
