// Constant-time string comparison for secrets: API keys, HTTP Basic passwords, CSRF tokens.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

// A per-process random key: the digests compared below are then unpredictable to an attacker,
// so even a leak in the comparison itself could not be steered byte by byte.
const KEY = randomBytes(32)

/**
 * `a === b`, in time that does not depend on where the strings differ. Both sides are reduced
 * to HMAC-SHA-256 digests of the same length before `crypto.timingSafeEqual`, so strings of
 * different lengths return `false` without the early return (or the `RangeError`) that would
 * reveal the secret's length; only the hashing time grows with the length, in 64-byte blocks.
 * Never throws: a non-string argument is simply not equal.
 *
 * Code units are compared exactly (hashed as UTF-16), as `===` does: UTF-8 would map every lone
 * surrogate to U+FFFD and make `'\uD800'` equal `'\uDBFF'`. Unicode normalization is not applied
 * (`'é'` and `'e\u0301'` differ); normalize both sides first if your secrets need it.
 *
 * @example
 * ```ts
 * const isCorrectUsername = safeEqual(credentials.username, 'stanleyjobson')
 * const isCorrectPassword = safeEqual(credentials.password, 'swordfish')
 * if (!(isCorrectUsername && isCorrectPassword)) throw new HTTPException(401, 'Incorrect username or password')
 * ```
 */
export function safeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false
  return timingSafeEqual(digest(a), digest(b))
}

function digest(value: string): Buffer {
  return createHmac('sha256', KEY).update(value, 'utf16le').digest()
}
