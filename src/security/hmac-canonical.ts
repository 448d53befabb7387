// The canonical string of a signed request, shared by the verifying scheme (`HmacSignature`) and
// the client helper (`signRequest`), so both sides build it from one definition.
import { createHash, createHmac } from 'node:crypto'

/** A secret for HMAC-SHA-256: text (taken as UTF-8) or raw bytes. */
export type HmacSecret = string | Uint8Array

/** The parts of a request that its signature covers. */
export interface SignedParts {
  /** The method in capitals (`POST`). */
  readonly method: string
  /** The request target as sent: path and query string, percent-encoded (`/orders?dry_run=1`). */
  readonly target: string
  /** Unix time in whole seconds, as sent in the timestamp header. */
  readonly timestamp: string
  /** A value used once, as sent in the nonce header. */
  readonly nonce: string
  /** The body's bytes (empty when there is none). */
  readonly body: Uint8Array | string
}

/** The header names of a signed request, lowercase. */
export interface SignatureHeaders {
  readonly signature: string
  readonly timestamp: string
  readonly nonce: string
  readonly keyId: string
}

export const DEFAULT_SIGNATURE_HEADERS: SignatureHeaders = Object.freeze({
  signature: 'x-signature',
  timestamp: 'x-signature-timestamp',
  nonce: 'x-signature-nonce',
  keyId: 'x-key-id',
})

/**
 * `METHOD \n target \n timestamp \n nonce \n hex(SHA-256(body))`, joined by line feeds with no
 * trailing one. Hashing the body keeps the string small and free of the body's own line feeds.
 */
export function canonicalString(parts: SignedParts): string {
  const bodyHash = createHash('sha256').update(parts.body).digest('hex')
  return `${parts.method}\n${parts.target}\n${parts.timestamp}\n${parts.nonce}\n${bodyHash}`
}

/** HMAC-SHA-256 of the canonical string, as bytes. */
export function signatureOf(secret: HmacSecret, parts: SignedParts): Buffer {
  return createHmac('sha256', secret).update(canonicalString(parts), 'utf8').digest()
}

/** The OpenAPI description of the scheme: exactly what a client must sign. */
export function describeSignature(headers: SignatureHeaders, keyIds: boolean): string {
  const keyId = keyIds ? ` The \`${headers.keyId}\` header names the secret used.` : ''
  return (
    `HMAC-SHA256 request signature, lowercase hex, in the \`${headers.signature}\` header, over the ` +
    'canonical string `METHOD\\nPATH_AND_QUERY\\nTIMESTAMP\\nNONCE\\nHEX_SHA256_OF_BODY` ' +
    '(lines joined by \\n, no trailing newline; the path and query exactly as sent; the SHA-256 ' +
    `of an empty body for a request without one). \`${headers.timestamp}\` is the Unix time in ` +
    `seconds and \`${headers.nonce}\` a value never used before (1 to 128 letters, digits and ` +
    `-_.:/+=).${keyId}`
  )
}
