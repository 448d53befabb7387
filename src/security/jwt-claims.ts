// The claim checks of `JwtCodec.verify`. The jose path lets jose check the claims and adds only
// the `iat` rule; the fast-jwt (HS*) path runs `findClaimRefusal` as well, so that a token gets
// the same reason on either path.
import type { InvalidTokenError } from './invalid-token-error.js'
import type { JwtPayload } from './jwt-options.js'
import {
  expired,
  issuedInFuture,
  missingClaim,
  notANumber,
  notYetValid,
  wrongAudience,
  wrongIssuer,
} from './jwt-refusals.js'

/** What a codec expects of a token's claims, resolved once when the codec is built. */
export interface ClaimRules {
  readonly issuer: string | undefined
  readonly audience: readonly string[] | undefined
  /** The `requiredClaims` option, as given (jose adds `iss` and `aud` itself). */
  readonly requiredClaims: readonly string[]
  /** Every claim that must be present, `iss` and `aud` included, in the order jose checks them. */
  readonly present: readonly string[]
  /** Seconds of clock skew allowed on `exp`, `nbf` and `iat`. */
  readonly tolerance: number
}

/** Resolves the codec's claim options into {@link ClaimRules}. */
export function createClaimRules(options: {
  issuer: string | undefined
  audience: string | string[] | undefined
  requiredClaims: readonly string[]
  tolerance: number
}): ClaimRules {
  const { issuer, audience, requiredClaims, tolerance } = options
  const present = [...requiredClaims]
  if (audience !== undefined) present.push('aud')
  if (issuer !== undefined) present.push('iss')
  return {
    issuer,
    audience: audience === undefined ? undefined : typeof audience === 'string' ? [audience] : [...audience],
    requiredClaims: [...requiredClaims],
    // jose walks this list backwards, keeping the first of duplicates; the same order here makes
    // both paths name the same missing claim.
    present: [...new Set(present.reverse())],
    tolerance,
  }
}

/**
 * The first check `payload` fails, or `undefined`: the rules and the order of jose's
 * `validateClaimsSet` (jose 6, lib/jwt_claims_set.js: presence, `iss`, `aud`, then the types and
 * values of `iat`, `nbf`, `exp`), then {@link findIssuedAtRefusal}.
 */
export function findClaimRefusal(payload: JwtPayload, rules: ClaimRules): InvalidTokenError | undefined {
  for (const claim of rules.present) {
    // Own properties only, as jose: a claim named like an Object.prototype member is not present
    // because every object inherits it.
    if (!Object.hasOwn(payload, claim)) return missingClaim(claim)
  }
  if (rules.issuer !== undefined && payload.iss !== rules.issuer) return wrongIssuer()
  if (rules.audience !== undefined && !namesAudience(payload.aud, rules.audience)) return wrongAudience()
  const nowMs = Date.now()
  // jose compares with the time in whole seconds.
  const now = Math.floor(nowMs / 1000)
  const { iat, nbf, exp } = payload
  if (iat !== undefined && typeof iat !== 'number') return notANumber('iat')
  if (nbf !== undefined) {
    if (typeof nbf !== 'number') return notANumber('nbf')
    if (nbf > now + rules.tolerance) return notYetValid()
  }
  if (exp !== undefined) {
    if (typeof exp !== 'number') return notANumber('exp')
    if (exp <= now - rules.tolerance) return expired()
  }
  return findIssuedAtRefusal(payload, rules.tolerance, nowMs)
}

/**
 * Refuses what neither jose nor fast-jwt does: a time claim that is not finite (`"exp": 1e400`
 * parses to Infinity, a token that never expires; SECURITY-NOTES §1.4), and an `iat` in the
 * future beyond the tolerance, as PyJWT (what FastAPI's tutorial uses) does with
 * ImmatureSignatureError.
 */
export function findIssuedAtRefusal(
  payload: JwtPayload,
  tolerance: number,
  nowMs = Date.now(),
): InvalidTokenError | undefined {
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = payload[claim]
    if (typeof value === 'number' && !Number.isFinite(value)) return notANumber(claim)
  }
  if (typeof payload.iat === 'number' && payload.iat > nowMs / 1000 + tolerance) {
    return issuedInFuture()
  }
  return undefined
}

// jose's checkAudiencePresence: one of the configured audiences is the `aud` string, or a member
// of the `aud` array (other members may be anything).
function namesAudience(aud: unknown, audience: readonly string[]): boolean {
  if (typeof aud === 'string') return audience.includes(aud)
  return Array.isArray(aud) && audience.some((name) => aud.includes(name))
}
