// A JWT codec whose defaults fail closed. The advisories it is shaped by: jsonwebtoken
// CVE-2022-23540 (`alg: none` accepted when the verifier named no algorithms) and CVE-2022-23541
// (an HS256 token checked against an RSA public key), Hono CVE-2026-22817/22818 (`alg` taken from
// the token), and the `kid`/`jku`/`x5u` injection class (a key chosen by the token). So: one
// algorithm per codec, fixed by the configuration; one key, imported once; nothing in the token
// header ever selects a key or an algorithm.
//
// Signing is jose's. Verifying is jose's for the asymmetric algorithms and fast-jwt's for HS*,
// where it is several times faster (jwt-hmac-verifier.ts); both answer with the same reasons.
import { SignJWT } from 'jose'
import { checkOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import { createClaimRules } from './jwt-claims.js'
import { createHmacVerifier } from './jwt-hmac-verifier.js'
import { createJoseVerifier } from './jwt-jose-verifier.js'
import { importKeyPair, importSecret, isAsymmetric, isHmac } from './jwt-keys.js'
import {
  type AsymmetricJwtOptions,
  checkClaimOptions,
  checkNumber,
  type HmacJwtOptions,
  type JwtAlgorithm,
  type JwtCodecOptions,
  type JwtPayload,
  type JwtSignOptions,
  toSeconds,
} from './jwt-options.js'
import { checkCompactJws } from './jwt-shape.js'

export { InvalidTokenError, type InvalidTokenReason } from './invalid-token-error.js'
export type {
  AsymmetricAlgorithm,
  AsymmetricJwtOptions,
  HmacAlgorithm,
  HmacJwtOptions,
  JwtAlgorithm,
  JwtCodecOptions,
  JwtDuration,
  JwtKeyInput,
  JwtPayload,
  JwtSignOptions,
} from './jwt-options.js'

// Both kinds of codec options: an option of the other kind is refused by the key checks that follow.
const JWT_OPTIONS = {
  algorithm: true,
  secret: true,
  privateKey: true,
  publicKey: true,
  issuer: true,
  audience: true,
  clockTolerance: true,
  maxTokenLength: true,
  requiredClaims: true,
} as const

/**
 * Signs and verifies JWTs with one pinned algorithm and one key. Configuration mistakes (a short
 * secret, a key of the wrong type, a pair that does not match) throw `ConfigError` here, not at
 * the first request.
 *
 * @example
 * ```ts
 * const tokens = new JwtCodec({ algorithm: 'HS256', secret: process.env.SECRET_KEY! })
 * const accessToken = await tokens.sign({ sub: 'johndoe' }, { expiresIn: '30m' })
 * try {
 *   const { sub } = await tokens.verify(accessToken)
 * } catch (error) {
 *   if (error instanceof InvalidTokenError) throw new HTTPException(401, 'Could not validate credentials')
 *   throw error
 * }
 * ```
 */
export class JwtCodec {
  /** The one algorithm this codec signs with and accepts. */
  readonly algorithm: JwtAlgorithm
  readonly #issuer: string | undefined
  readonly #audience: string | string[] | undefined
  readonly #maxLength: number
  // Imported once, when the codec is built; awaited by each call. A CryptoKey spares jose the
  // per-call `importKey` it does for a Uint8Array or KeyObject secret (see bench/jwt-verify.mjs).
  readonly #signKey: Promise<CryptoKey> | undefined
  // Chosen once, here: fast-jwt (synchronous) for HS*, jose for the rest.
  readonly #verifyToken: (token: string) => JwtPayload | Promise<JwtPayload>

  constructor(options: JwtCodecOptions) {
    checkOptions('new JwtCodec()', options, JWT_OPTIONS)
    if (!isHmac(options.algorithm) && !isAsymmetric(options.algorithm)) {
      throw new ConfigError(
        `Unknown JWT algorithm ${JSON.stringify(options.algorithm)}: use HS256, RS256, ES256 or EdDSA.`,
      )
    }
    checkClaimOptions(options)
    this.algorithm = options.algorithm
    this.#issuer = options.issuer
    this.#audience = options.audience
    const rules = createClaimRules({
      issuer: options.issuer,
      audience: options.audience,
      requiredClaims: options.requiredClaims ?? ['exp'],
      tolerance: checkNumber('clockTolerance', options.clockTolerance ?? 5, 0),
    })
    this.#maxLength = checkNumber('maxTokenLength', options.maxTokenLength ?? 8192, 1)
    if (isHmac(options.algorithm)) {
      const secret = importSecret(options as HmacJwtOptions)
      this.#signKey = secret.key
      this.#verifyToken = createHmacVerifier({ algorithm: options.algorithm, secret: secret.bytes, rules })
    } else {
      const keys = importKeyPair(options as AsymmetricJwtOptions)
      this.#signKey = keys.sign
      this.#verifyToken = createJoseVerifier({ algorithm: options.algorithm, key: keys.verify, rules })
    }
  }

  /**
   * Signs `payload` with `iat` and `exp` set (and `nbf`, `iss`, `aud` when asked or configured).
   * Those claims belong to the codec: putting them in `payload` is a `TypeError`.
   */
  async sign(payload: Record<string, unknown>, options: JwtSignOptions = {}): Promise<string> {
    if (this.#signKey === undefined) {
      throw new TypeError(`This ${this.algorithm} codec has no privateKey, so it can only verify tokens.`)
    }
    for (const claim of ['iat', 'exp', 'nbf', 'iss', 'aud']) {
      if (Object.hasOwn(payload, claim)) {
        throw new TypeError(`Set "${claim}" through the codec or sign() options, not in the payload.`)
      }
    }
    const now = Math.floor(Date.now() / 1000)
    const claims: JwtPayload = { ...payload, iat: now, exp: now + toSeconds(options.expiresIn ?? '15m', 1) }
    if (options.notBefore !== undefined) claims.nbf = now + toSeconds(options.notBefore, 0)
    if (this.#issuer !== undefined) claims.iss = this.#issuer
    const audience = options.audience ?? this.#audience
    if (audience !== undefined) claims.aud = audience
    return new SignJWT(claims)
      .setProtectedHeader({ alg: this.algorithm, typ: 'JWT' })
      .sign(await this.#signKey)
  }

  /**
   * Returns the payload of a valid token; rejects with {@link InvalidTokenError} otherwise, its
   * `reason` saying why. The payload's own claims (`sub`, scopes…) are not type-checked: parse
   * them with your schema. (The one other rejection, for the asymmetric algorithms, is a
   * `ConfigError` if the key import that started in the constructor failed, which its
   * synchronous checks make all but impossible.)
   */
  async verify(token: string): Promise<JwtPayload> {
    // Size, shape, algorithm and key-bearing headers, before either library or any key is used.
    checkCompactJws(token, this.algorithm, this.#maxLength)
    return this.#verifyToken(token)
  }
}
