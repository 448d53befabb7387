// HS256/384/512 verification on fast-jwt. jose verifies through WebCrypto, which finishes every
// call on the libuv thread pool: 30–140 µs a token on a busy machine, against ~15 µs for
// fast-jwt's synchronous node:crypto HMAC (bench/jwt-verify.mjs). Signing, and every asymmetric
// algorithm, stay on jose.
//
// fast-jwt decides whether a token is accepted; what follows it makes the answer the jose path's,
// reason for reason. Where the two libraries read a token differently (listed at each check),
// the jose reading wins, except where fast-jwt is the stricter: those tokens stay refused.
import { isUtf8 } from 'node:buffer'
import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto'
import { TOKEN_ERROR_CODES as CODES, createVerifier } from 'fast-jwt'
import type { InvalidTokenError } from './invalid-token-error.js'
import { type ClaimRules, findClaimRefusal } from './jwt-claims.js'
import type { HmacAlgorithm, JwtPayload } from './jwt-options.js'
import {
  badSignature,
  expired,
  malformed,
  notYetValid,
  unsupportedHeader,
  wrongAlgorithm,
} from './jwt-refusals.js'

/** What {@link createHmacVerifier} needs: the pinned algorithm, the checked secret, the claim rules. */
export interface HmacVerifierOptions {
  algorithm: HmacAlgorithm
  secret: Uint8Array
  rules: ClaimRules
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

// What the refusal mapping needs besides the token: the HMAC to recheck a signature, the rules.
interface HmacKey {
  hash: string
  key: KeyObject
  rules: ClaimRules
}

/**
 * Returns a synchronous function that verifies a token that already passed `checkCompactJws`
 * (three base64url segments, a signature, a JSON header naming `algorithm`, no key-bearing
 * header) and returns its payload, or throws InvalidTokenError.
 */
export function createHmacVerifier({
  algorithm,
  secret,
  rules,
}: HmacVerifierOptions): (token: string) => JwtPayload {
  const verifyWithFastJwt = createVerifier({
    key: Buffer.from(secret),
    algorithms: [algorithm],
    // Off: fast-jwt's cache answered with the claims of a different token (GHSA-rp9m-7r4c-75qg),
    // and a cached answer would outlive a key rotation.
    cache: false,
    complete: false,
    clockTolerance: rules.tolerance * 1000,
    // `iss` and `aud` included: fast-jwt skips its iss/aud checks when the claim is absent.
    requiredClaims: [...rules.present],
    ...(rules.issuer !== undefined && { allowedIss: rules.issuer }),
    ...(rules.audience !== undefined && { allowedAud: [...rules.audience] }),
  })
  const hmac: HmacKey = { hash: `sha${algorithm.slice(2)}`, key: createSecretKey(secret), rules }

  return function verifyHmac(token: string): JwtPayload {
    const headerLength = token.indexOf('.')
    const signatureLength = token.length - token.lastIndexOf('.') - 1
    // jose decodes with atob, which refuses 4n+1 base64 characters (the last one holds no whole
    // byte); Buffer, in fast-jwt, drops that character. jose decodes the header and the
    // signature before checking it, so either is malformed whatever the signature.
    if (headerLength % 4 === 1 || signatureLength % 4 === 1) {
      throw malformed('The token is not base64url-encoded.')
    }
    let payload: JwtPayload
    try {
      payload = verifyWithFastJwt(token)
    } catch (error) {
      throw toRefusal(error, token, hmac)
    }
    // The signature matched, but fast-jwt read the payload more leniently than jose (see
    // payloadRefusal) and its claim rules differ from jose's in places: `iat` is not checked at
    // all, a required claim may be inherited (`in`, not Object.hasOwn), `exp` is compared in
    // milliseconds. jose's rules, and Brisk's `iat` rule, run on what it accepted.
    const segment = token.slice(headerLength + 1, token.length - signatureLength - 1)
    const refusal = payloadRefusal(segment) ?? findClaimRefusal(payload, rules)
    if (refusal) throw refusal
    return payload
  }
}

function toRefusal(error: unknown, token: string, hmac: HmacKey): InvalidTokenError {
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case CODES.invalidSignature:
      return badSignature()
    case CODES.malformed:
    case CODES.invalidPayload:
      // fast-jwt parses the payload before it checks the signature; jose after. A forged token
      // whose payload is not a JSON object is bad_signature on the jose path, so here too.
      return signatureMatches(token, hmac)
        ? malformed('The token payload is not a JSON object.')
        : badSignature()
    case CODES.missingRequiredClaim:
    case CODES.expired:
    case CODES.inactive:
    case CODES.invalidClaimType:
    case CODES.invalidClaimValue:
      // The signature matched (fast-jwt checks it first). fast-jwt checks nbf and exp before iss
      // and aud, jose after: asking jose's rules gives a token failing several checks the same
      // reason on both paths. They accept only what fast-jwt is stricter about: a fractional exp
      // or nbf within the second (fast-jwt counts milliseconds, jose seconds), an aud list with a
      // member that is not a string.
      return claimsRefusal(token, hmac.rules) ?? stricterRefusal(code)
    // checkCompactJws has refused these already; kept so that no path ends in a generic reason.
    case CODES.invalidAlgorithm:
      return wrongAlgorithm()
    case CODES.invalidCritHeader:
      return unsupportedHeader()
  }
  return malformed()
}

// Only on refusals that fast-jwt reports before it has looked at the signature.
function signatureMatches(token: string, { hash, key }: HmacKey): boolean {
  const dot = token.lastIndexOf('.')
  const expected = createHmac(hash, key).update(token.slice(0, dot)).digest()
  const actual = Buffer.from(token.slice(dot + 1), 'base64url')
  // Comparing lengths first leaks only the length of a forged signature, which its sender knows.
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

// Once the signature is known to match: jose's reading of the payload and its claims.
function claimsRefusal(token: string, rules: ClaimRules): InvalidTokenError | undefined {
  const segment = token.slice(token.indexOf('.') + 1, token.lastIndexOf('.'))
  const unreadable = payloadRefusal(segment)
  if (unreadable) return unreadable
  let payload: JwtPayload
  try {
    // fast-jwt parsed these same characters before refusing a claim, so this does not throw;
    // if it somehow did, no SyntaxError may leave verify().
    payload = JSON.parse(utf8.decode(Buffer.from(segment, 'base64url')))
  } catch {
    return malformed()
  }
  return findClaimRefusal(payload, rules)
}

// jose reads the payload with atob and a fatal UTF-8 decoder; fast-jwt with Buffer, which drops
// a dangling 4n+1th character and turns invalid UTF-8 into U+FFFD. Run only once the signature
// matched, since jose decodes the payload after checking it.
function payloadRefusal(segment: string): InvalidTokenError | undefined {
  if (segment.length % 4 === 1 || !isUtf8(Buffer.from(segment, 'base64url'))) {
    return malformed('The token payload is not base64url-encoded UTF-8.')
  }
  return undefined
}

// The refusals fast-jwt makes where jose's rules accept; see toRefusal. A missing claim or an
// iss/aud value fast-jwt refuses, jose's rules refuse too, so they never get here.
function stricterRefusal(code: unknown): InvalidTokenError {
  if (code === CODES.expired) return expired()
  if (code === CODES.inactive) return notYetValid()
  return malformed('A token claim has the wrong type.')
}
