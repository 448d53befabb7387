import { randomUUID } from 'node:crypto'
import {
  DEFAULT_SIGNATURE_HEADERS,
  type HmacSecret,
  type SignatureHeaders,
  signatureOf,
} from './hmac-canonical.js'

/** What `signRequest` signs. */
export interface SignRequestOptions {
  /** The secret shared with the server. */
  secret: HmacSecret
  /** The method (any case; signed in capitals). */
  method: string
  /**
   * Where the request goes: a full URL or a path with its query, percent-encoded as it will be
   * sent (`/orders?dry_run=1`). Only the path and query are signed.
   */
  url: string | URL
  /** The body exactly as it will be sent: a string (sent as UTF-8) or bytes; none for no body. */
  body?: string | Uint8Array
  /** The key id, for a server that holds several secrets (`secrets` of `HmacSignature`). */
  keyId?: string
  /** Unix time in seconds (default: now). */
  timestamp?: number
  /** A value never used before (default: a random UUID). */
  nonce?: string
  /** Header names, when the server uses others than the defaults. */
  headers?: Partial<SignatureHeaders>
}

/**
 * The headers that sign a request for `HmacSignature`: signature, timestamp, nonce and, when
 * given, key id. Merge them into the request's own headers, and send the body exactly as signed
 * (the server hashes the bytes it receives).
 *
 * @example
 * ```ts
 * import { signRequest } from 'brisk/security'
 *
 * const body = JSON.stringify({ order: 1042, status: 'paid' })
 * const headers = signRequest({ secret: process.env.WEBHOOK_SECRET!, method: 'POST', url: '/webhooks/orders', body })
 * await fetch('https://api.example.com/webhooks/orders', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', ...headers },
 *   body,
 * })
 * ```
 */
export function signRequest(options: SignRequestOptions): Record<string, string> {
  const names = { ...DEFAULT_SIGNATURE_HEADERS, ...options.headers }
  const timestamp = String(Math.floor(options.timestamp ?? Date.now() / 1000))
  const nonce = options.nonce ?? randomUUID()
  const target = requestTarget(options.url)
  const body = options.body ?? ''
  const signature = signatureOf(options.secret, {
    method: options.method.toUpperCase(),
    target,
    timestamp,
    nonce,
    body,
  })
  const headers: Record<string, string> = {
    [names.signature]: signature.toString('hex'),
    [names.timestamp]: timestamp,
    [names.nonce]: nonce,
  }
  if (options.keyId !== undefined) headers[names.keyId] = options.keyId
  return headers
}

/** The path and query of a URL as they go on the request line. */
function requestTarget(url: string | URL): string {
  if (typeof url === 'string' && url.startsWith('/')) return url
  const parsed = new URL(url)
  return parsed.pathname + parsed.search
}
