import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'

/**
 * An app's WebSocket limits (`new App({ websocket: { ... } })`), each with a safe default
 * (SECURITY-NOTES §1.5: `ws` itself allows 100 MiB messages).
 */
export interface WebSocketOptions {
  /** Largest incoming message in bytes; a bigger one closes the socket with 1009 (default 1 MiB). */
  maxMessageSize?: number
  /**
   * Which pages may open the app's WebSockets, by their `Origin` (cross-site WebSocket hijacking:
   * a browser sends the user's cookies with any page's handshake). `'same-origin'` (default): an
   * Origin must name the request's Host; a list: exactly those origins (`https://app.example`);
   * `'*'`: any. A refused handshake gets 403 before the upgrade. Clients that send no Origin
   * (not browsers) are not affected.
   */
  allowedOrigins?: 'same-origin' | '*' | readonly string[]
  /** Offer per-message deflate (RFC 7692) to clients that ask (default false: CPU and memory per socket). */
  perMessageDeflate?: boolean
  /**
   * How often each open socket is pinged; one that has not answered the previous ping by then is
   * dropped (default 20 000 ms, uvicorn's).
   */
  pingIntervalMs?: number
  /**
   * Most bytes sent to one socket and not yet written to the network; a reader that slow is closed
   * with 1013 (try again later) rather than letting the backlog grow (default 4 MiB).
   */
  maxBufferedBytes?: number
  /** How long a closing handshake may take before the connection is cut (default 5 000 ms). */
  closeTimeoutMs?: number
}

/** The options with their defaults filled in. */
export type WebSocketSettings = Required<WebSocketOptions>

const KNOWN = {
  maxMessageSize: true,
  allowedOrigins: true,
  perMessageDeflate: true,
  pingIntervalMs: true,
  maxBufferedBytes: true,
  closeTimeoutMs: true,
} as const satisfies KnownOptions<WebSocketOptions>

const MIB = 1024 * 1024

/** Fills in the defaults and refuses values that would silently turn a limit off. */
export function resolveWebSocketOptions(options: WebSocketOptions = {}): WebSocketSettings {
  checkOptions('the websocket option of new App()', options, KNOWN)
  const settings: WebSocketSettings = {
    maxMessageSize: options.maxMessageSize ?? MIB,
    allowedOrigins: options.allowedOrigins ?? 'same-origin',
    perMessageDeflate: options.perMessageDeflate ?? false,
    pingIntervalMs: options.pingIntervalMs ?? 20_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * MIB,
    closeTimeoutMs: options.closeTimeoutMs ?? 5_000,
  }
  for (const key of ['maxMessageSize', 'pingIntervalMs', 'maxBufferedBytes', 'closeTimeoutMs'] as const) {
    const value = settings[key]
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new ConfigError(`websocket.${key} must be a positive whole number, got ${String(value)}.`)
    }
  }
  if (typeof settings.perMessageDeflate !== 'boolean') {
    throw new ConfigError('websocket.perMessageDeflate must be true or false.')
  }
  checkOrigins(settings.allowedOrigins)
  return settings
}

function checkOrigins(allowed: unknown): void {
  if (allowed === 'same-origin' || allowed === '*') return
  if (Array.isArray(allowed) && allowed.every((origin) => typeof origin === 'string' && isOrigin(origin)))
    return
  throw new ConfigError(
    "websocket.allowedOrigins must be 'same-origin', '*' or a list of origins such as ['https://app.example'] (scheme, host and port only).",
  )
}

function isOrigin(origin: string): boolean {
  try {
    return new URL(origin).origin === origin.toLowerCase()
  } catch {
    return false
  }
}
