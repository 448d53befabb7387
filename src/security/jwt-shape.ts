// The checks every token passes before any key is touched, whichever library then verifies it:
// the size (before parsing, so a huge header costs nothing), the compact JWS shape (so JWE and
// five-part tokens never reach a decrypting code path), the pinned algorithm, and the header
// parameters that would let the token choose its key.
import { InvalidTokenError } from './invalid-token-error.js'
import type { JwtAlgorithm } from './jwt-options.js'

// Header parameters that name or carry a key (RFC 7515 §4.1.2–4.1.6) or demand extensions we do
// not implement (`crit`, §4.1.11). The codec never uses them; a token carrying one was made for a
// verifier that trusts it, which this one is not, so it is refused rather than silently ignored.
const REFUSED_HEADERS = ['crit', 'jku', 'jwk', 'x5u', 'x5c'] as const
// Linear (no nested quantifiers): three base64url segments, the signature may be empty so that
// `alg: none` is reported as the algorithm it is rather than as a shape error.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Throws {@link InvalidTokenError} unless `token` is a compact JWS of `algorithm` with a safe header. */
export function checkCompactJws(token: string, algorithm: JwtAlgorithm, maxLength: number): void {
  if (typeof token !== 'string') throw new InvalidTokenError('malformed', 'The token is not a string.')
  if (token.length > maxLength) {
    throw new InvalidTokenError('too_large', `The token is longer than ${maxLength} characters.`)
  }
  if (!COMPACT_JWS.test(token)) {
    const encrypted = token.split('.', 6).length === 5
    throw new InvalidTokenError(
      'malformed',
      encrypted ? 'Encrypted tokens (JWE) are not accepted.' : 'The token is not a compact JWS.',
    )
  }
  checkHeader(token.slice(0, token.indexOf('.')), algorithm)
  if (token.endsWith('.')) throw new InvalidTokenError('malformed', 'The token has no signature.')
}

// An issuer sends the same header on every token: the last header that passed (for the algorithm
// it passed for) is remembered, so the verifier behind does not have its decoding repeated here
// per request. The check is a pure function of these two strings.
let lastSafeHeader = ''
let lastSafeAlgorithm = ''

function checkHeader(segment: string, algorithm: JwtAlgorithm): void {
  if (segment === lastSafeHeader && algorithm === lastSafeAlgorithm) return
  const header = decodeHeader(segment)
  if (header.alg !== algorithm) {
    throw new InvalidTokenError('wrong_algorithm', `Only ${algorithm} tokens are accepted.`)
  }
  for (const name of REFUSED_HEADERS) {
    if (Object.hasOwn(header, name)) {
      throw new InvalidTokenError('unsupported_header', `The "${name}" header parameter is not accepted.`)
    }
  }
  lastSafeHeader = segment
  lastSafeAlgorithm = algorithm
}

function decodeHeader(segment: string): Record<string, unknown> {
  let header: unknown
  try {
    // Strict on both layers so that this reading and jose's agree on every byte: the segment
    // is already known to be base64url, and a fatal decoder refuses invalid UTF-8 as jose does.
    header = JSON.parse(utf8.decode(Buffer.from(segment, 'base64url')))
  } catch {
    throw new InvalidTokenError('malformed', 'The token header is not base64url-encoded JSON.')
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new InvalidTokenError('malformed', 'The token header is not a JSON object.')
  }
  return header as Record<string, unknown>
}
