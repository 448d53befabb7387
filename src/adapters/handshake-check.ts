import type { IncomingMessage } from 'node:http'

/** Why a handshake is refused before any of the app runs: an HTTP status, body and headers. */
export interface HandshakeRefusal {
  readonly status: number
  readonly detail: string
  readonly headers?: Record<string, string>
}

// RFC 6455 §4.2.1: a key is 16 random bytes in base64.
const KEY = /^[+/0-9A-Za-z]{22}==$/
// RFC 7230 §3.2.6 `token`, which a subprotocol name is (RFC 6455 §4.1).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const SUPPORTED_VERSIONS = new Set(['13', '8'])

/**
 * Checks what `ws` would (method, `Upgrade`, key, version) before the route runs, so a malformed
 * handshake never reaches a dependency, and reads the offered subprotocols with a linear split
 * (no regex over the whole header: ws CVE-2021-32640). Returns the subprotocols, or the refusal.
 */
export function checkHandshake(req: IncomingMessage): string[] | HandshakeRefusal {
  if (req.method !== 'GET') {
    return { status: 405, detail: 'A WebSocket handshake is a GET request', headers: { allow: 'GET' } }
  }
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
    return { status: 400, detail: 'Expected the header Upgrade: websocket' }
  }
  const key = req.headers['sec-websocket-key']
  if (key === undefined || !KEY.test(key.trim())) {
    return { status: 400, detail: 'Missing or invalid Sec-WebSocket-Key header' }
  }
  const version = req.headers['sec-websocket-version']
  if (version === undefined || !SUPPORTED_VERSIONS.has(version.trim())) {
    // RFC 6455 §4.4: the versions the server speaks go back in the refusal.
    return {
      status: 426,
      detail: 'Unsupported Sec-WebSocket-Version',
      headers: { 'sec-websocket-version': '13, 8' },
    }
  }
  return offeredSubprotocols(req.headers['sec-websocket-protocol'])
}

function offeredSubprotocols(header: string | undefined): string[] | HandshakeRefusal {
  if (header === undefined) return []
  const offered: string[] = []
  for (const part of header.split(',')) {
    const name = part.trim()
    if (!TOKEN.test(name) || offered.includes(name)) {
      return { status: 400, detail: 'Invalid Sec-WebSocket-Protocol header' }
    }
    offered.push(name)
  }
  return offered
}
