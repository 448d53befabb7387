// Verification on jose, for every asymmetric algorithm (RS*, PS*, ES*, EdDSA): jose checks the
// signature and the claims, this file maps its errors to InvalidTokenError reasons and adds the
// `iat` rule. HS* tokens take jwt-hmac-verifier.ts instead.
import { type JWTVerifyOptions, jwtVerify } from 'jose'
import type { InvalidTokenError } from './invalid-token-error.js'
import { type ClaimRules, findIssuedAtRefusal } from './jwt-claims.js'
import type { AsymmetricAlgorithm, JwtPayload } from './jwt-options.js'
import {
  badSignature,
  expired,
  malformed,
  missingClaim,
  notANumber,
  notYetValid,
  unsupportedHeader,
  wrongAlgorithm,
  wrongAudience,
  wrongIssuer,
} from './jwt-refusals.js'

/** What {@link createJoseVerifier} needs: the pinned algorithm, the key being imported, the claim rules. */
export interface JoseVerifierOptions {
  algorithm: AsymmetricAlgorithm
  key: Promise<CryptoKey>
  rules: ClaimRules
}

/**
 * Returns a function that verifies a token that already passed `checkCompactJws` and resolves to
 * its payload, or rejects with InvalidTokenError (or with the key import's ConfigError, should
 * the import that started with the codec have failed).
 */
export function createJoseVerifier({
  algorithm,
  key,
  rules,
}: JoseVerifierOptions): (token: string) => Promise<JwtPayload> {
  const options: JWTVerifyOptions = {
    algorithms: [algorithm],
    issuer: rules.issuer,
    audience: rules.audience === undefined ? undefined : [...rules.audience],
    clockTolerance: rules.tolerance,
    requiredClaims: [...rules.requiredClaims],
  }
  return async function verifyWithJose(token: string): Promise<JwtPayload> {
    const verifyKey = await key
    let payload: JwtPayload
    try {
      payload = (await jwtVerify(token, verifyKey, options)).payload
    } catch (error) {
      throw toInvalidTokenError(error)
    }
    const refusal = findIssuedAtRefusal(payload, rules.tolerance)
    if (refusal) throw refusal
    return payload
  }
}

function toInvalidTokenError(error: unknown): InvalidTokenError {
  const { code, claim, reason } = (error ?? {}) as { code?: unknown; claim?: unknown; reason?: unknown }
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return badSignature()
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return wrongAlgorithm()
    case 'ERR_JOSE_NOT_SUPPORTED':
      return unsupportedHeader()
    case 'ERR_JWT_EXPIRED':
      return expired()
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return missingClaim(String(claim))
      if (reason === 'invalid') return notANumber(String(claim))
      if (reason === 'check_failed' && claim === 'nbf') return notYetValid()
      if (reason === 'check_failed' && claim === 'iss') return wrongIssuer()
      if (reason === 'check_failed' && claim === 'aud') return wrongAudience()
  }
  // ERR_JWS_INVALID, ERR_JWT_INVALID (payload not a JSON object in UTF-8), and anything
  // unforeseen: refusing is the only safe answer.
  return malformed()
}
