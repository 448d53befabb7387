import type { WebSocketSettings } from './websocket-options.js'

/**
 * Whether a handshake's `Origin` may open a socket (RFC 6455 §10.2). A handshake without one
 * comes from a client that is not a browser, which cross-site WebSocket hijacking needs, so it
 * passes; `same-origin` compares the Origin's host and port with the Host header.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: WebSocketSettings['allowedOrigins'],
): boolean {
  if (origin === undefined || allowed === '*') return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (allowed === 'same-origin') return host !== undefined && url.host === host.toLowerCase()
  return allowed.includes(url.origin)
}
