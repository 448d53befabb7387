// A JWT codec on `jose` whose defaults fail closed. The advisories it is shaped by: jsonwebtoken
// CVE-2022-23540 (`alg: none` accepted when the verifier named no algorithms) and CVE-2022-23541
// (an HS256 token checked against an RSA public key), Hono CVE-2026-22817/22818 (`alg` taken from
// the token), and the `kid`/`jku`/`x5u` injection class (a key chosen by the token). So: one
// algorithm per codec, fixed by the configuration; one key, imported once; nothing in the token
// header ever selects a key or an algorithm.
import { createPrivateKey, createPublicKey, type JsonWebKey, KeyObject } from 'node:crypto'
import { importJWK, type JWTVerifyOptions, jwtVerify, SignJWT } from 'jose'
import { ConfigError } from '../errors/config-error.js'

/** HMAC algorithms: one shared secret signs and verifies. */
export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512'
/** Public-key algorithms: the private key signs, the public key verifies. */
export type AsymmetricAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'
export type JwtAlgorithm = HmacAlgorithm | AsymmetricAlgorithm
/** A PEM string (SPKI, PKCS#1, PKCS#8, SEC1 or an X.509 certificate), a JWK, a KeyObject or a CryptoKey. */
export type JwtKeyInput = string | JsonWebKey | KeyObject | CryptoKey
/** Whole seconds, or a whole number of seconds, minutes, hours or days: `'30s'`, `'30m'`, `'12h'`, `'7d'`. */
export type JwtDuration = number | `${number}${'s' | 'm' | 'h' | 'd'}`

interface JwtCommonOptions {
  /** Expected (and, when signing, set) `iss`. When configured, a token without it is refused. */
  issuer?: string
  /** Expected `aud`: the token must name at least one of these. Signing sets it too. */
  audience?: string | string[]
  /** Seconds of clock skew allowed on `exp`, `nbf` and `iat`. Default 5. */
  clockTolerance?: number
  /** Longest token accepted, in characters, checked before any parsing. Default 8192. */
  maxTokenLength?: number
  /**
   * Claims a token must carry. Default `['exp']`: a token that never expires is refused. Pass
   * `[]` only to verify tokens from an issuer that does not set `exp`; `sign` always sets it.
   */
  requiredClaims?: string[]
}
export interface HmacJwtOptions extends JwtCommonOptions {
  algorithm: HmacAlgorithm
  /** At least as many bytes as the hash (RFC 7518 §3.2): 32 for HS256, 48 for HS384, 64 for HS512. */
  secret: string | Uint8Array
}
export type AsymmetricJwtOptions = JwtCommonOptions & { algorithm: AsymmetricAlgorithm } & (
    | { privateKey: JwtKeyInput; publicKey?: JwtKeyInput }
    | { privateKey?: undefined; publicKey: JwtKeyInput }
  )
export type JwtCodecOptions = HmacJwtOptions | AsymmetricJwtOptions

export interface JwtSignOptions {
  /** Lifetime from now. Default `'15m'`, as in FastAPI's `create_access_token`. */
  expiresIn?: JwtDuration
  /** The token is not valid until this long from now (`nbf`). */
  notBefore?: JwtDuration
  /** `aud` for this token, instead of the codec's `audience`. */
  audience?: string | string[]
}

/** The registered claims (RFC 7519 §4.1) and whatever else the issuer put in. Not schema-checked. */
export interface JwtPayload {
  iss?: string
  sub?: string
  aud?: string | string[]
  exp?: number
  nbf?: number
  iat?: number
  jti?: string
  [claim: string]: unknown
}

/** Why a token was refused. Stable: log it, count it, never send it to the client. */
export type InvalidTokenReason =
  | 'malformed'
  | 'too_large'
  | 'unsupported_header'
  | 'wrong_algorithm'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'missing_claim'

/**
 * Thrown (as a rejection) by {@link JwtCodec.verify} for every token it refuses, whatever went
 * wrong inside: no `jose` error, `SyntaxError` or `TypeError` gets out. The message never
 * contains the token. Answer it with a 401, as FastAPI's tutorial does with `InvalidTokenError`.
 */
export class InvalidTokenError extends Error {
  readonly reason: InvalidTokenReason
  constructor(reason: InvalidTokenReason, message: string) {
    super(message)
    this.name = 'InvalidTokenError'
    this.reason = reason
  }
}

const HASH_BYTES: Record<HmacAlgorithm, number> = { HS256: 32, HS384: 48, HS512: 64 }
const CURVES: Partial<Record<AsymmetricAlgorithm, string>> = {
  ES256: 'prime256v1',
  ES384: 'secp384r1',
  ES512: 'secp521r1',
}
// Header parameters that name or carry a key (RFC 7515 §4.1.2–4.1.6) or demand extensions we do
// not implement (`crit`, §4.1.11). The codec never uses them; a token carrying one was made for a
// verifier that trusts it, which this one is not, so it is refused rather than silently ignored.
const REFUSED_HEADERS = ['crit', 'jku', 'jwk', 'x5u', 'x5c'] as const
// Linear (no nested quantifiers): three base64url segments, the signature may be empty so that
// `alg: none` is reported as the algorithm it is rather than as a shape error.
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
const utf8 = new TextDecoder('utf-8', { fatal: true })
const UNITS = { s: 1, m: 60, h: 3600, d: 86400 } as const

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
  readonly #tolerance: number
  readonly #maxLength: number
  readonly #verifyOptions: JWTVerifyOptions
  // Imported once, when the codec is built; awaited by each call. A CryptoKey spares jose the
  // per-call `importKey` it does for a Uint8Array or KeyObject secret (see bench/jwt-verify.mjs).
  readonly #signKey: Promise<CryptoKey> | undefined
  readonly #verifyKey: Promise<CryptoKey>

  constructor(options: JwtCodecOptions) {
    if (!isHmac(options.algorithm) && !isAsymmetric(options.algorithm)) {
      throw new ConfigError(
        `Unknown JWT algorithm ${JSON.stringify(options.algorithm)}: use HS256, RS256, ES256 or EdDSA.`,
      )
    }
    checkClaimOptions(options)
    this.algorithm = options.algorithm
    this.#issuer = options.issuer
    this.#audience = options.audience
    this.#tolerance = checkNumber('clockTolerance', options.clockTolerance ?? 5, 0)
    this.#maxLength = checkNumber('maxTokenLength', options.maxTokenLength ?? 8192, 1)
    this.#verifyOptions = {
      algorithms: [options.algorithm],
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: this.#tolerance,
      requiredClaims: [...(options.requiredClaims ?? ['exp'])],
    }
    if (isHmac(options.algorithm)) {
      const key = importSecret(options as HmacJwtOptions)
      this.#signKey = key
      this.#verifyKey = key
    } else {
      const keys = importKeyPair(options as AsymmetricJwtOptions)
      this.#signKey = keys.sign
      this.#verifyKey = keys.verify
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
   * them with your schema. (The one other rejection is a `ConfigError` if the key import that
   * started in the constructor failed, which its synchronous checks make all but impossible.)
   */
  async verify(token: string): Promise<JwtPayload> {
    this.#checkShape(token)
    const key = await this.#verifyKey
    let payload: JwtPayload
    try {
      payload = (await jwtVerify(token, key, this.#verifyOptions)).payload
    } catch (error) {
      throw toInvalidTokenError(error)
    }
    // jose checks `iat` only with maxTokenAge. A token issued in the future is refused as PyJWT
    // (what FastAPI's tutorial uses) refuses it: ImmatureSignatureError, beyond the leeway.
    if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + this.#tolerance) {
      throw new InvalidTokenError('not_yet_valid', 'The token was issued in the future ("iat").')
    }
    return payload
  }

  // What jose does not refuse on its own, checked before any key is touched: the size (before
  // parsing, so a huge header costs nothing), the JWE shape, the algorithm and key-bearing headers.
  #checkShape(token: string): void {
    if (typeof token !== 'string') throw new InvalidTokenError('malformed', 'The token is not a string.')
    if (token.length > this.#maxLength) {
      throw new InvalidTokenError('too_large', `The token is longer than ${this.#maxLength} characters.`)
    }
    if (!COMPACT_JWS.test(token)) {
      const encrypted = token.split('.', 6).length === 5
      throw new InvalidTokenError(
        'malformed',
        encrypted ? 'Encrypted tokens (JWE) are not accepted.' : 'The token is not a compact JWS.',
      )
    }
    const header = decodeHeader(token.slice(0, token.indexOf('.')))
    if (header.alg !== this.algorithm) {
      throw new InvalidTokenError('wrong_algorithm', `Only ${this.algorithm} tokens are accepted.`)
    }
    for (const name of REFUSED_HEADERS) {
      if (Object.hasOwn(header, name)) {
        throw new InvalidTokenError('unsupported_header', `The "${name}" header parameter is not accepted.`)
      }
    }
    if (token.endsWith('.')) throw new InvalidTokenError('malformed', 'The token has no signature.')
  }
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

function toInvalidTokenError(error: unknown): InvalidTokenError {
  const { code, claim, reason } = (error ?? {}) as { code?: unknown; claim?: unknown; reason?: unknown }
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new InvalidTokenError('bad_signature', 'The token signature does not match.')
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new InvalidTokenError('wrong_algorithm', 'The token algorithm is not accepted.')
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new InvalidTokenError('unsupported_header', 'The token uses an unsupported header.')
    case 'ERR_JWT_EXPIRED':
      return new InvalidTokenError('expired', 'The token has expired.')
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') {
        return new InvalidTokenError('missing_claim', `The token has no "${String(claim)}" claim.`)
      }
      if (reason === 'check_failed' && claim === 'nbf') {
        return new InvalidTokenError('not_yet_valid', 'The token is not valid yet ("nbf").')
      }
      if (reason === 'check_failed' && claim === 'iss') {
        return new InvalidTokenError('wrong_issuer', 'The token was issued by someone else.')
      }
      if (reason === 'check_failed' && claim === 'aud') {
        return new InvalidTokenError('wrong_audience', 'The token is meant for another audience.')
      }
  }
  // ERR_JWS_INVALID, ERR_JWT_INVALID (payload not a JSON object, a non-numeric `exp`), and
  // anything unforeseen: refusing is the only safe answer.
  return new InvalidTokenError('malformed', 'The token is malformed.')
}

function isHmac(algorithm: JwtAlgorithm): algorithm is HmacAlgorithm {
  return Object.hasOwn(HASH_BYTES, algorithm)
}

function isAsymmetric(algorithm: JwtAlgorithm): algorithm is AsymmetricAlgorithm {
  return /^(?:[RP]S(?:256|384|512)|ES(?:256|384|512)|EdDSA)$/.test(algorithm)
}

function checkClaimOptions({ issuer, audience, requiredClaims }: JwtCommonOptions): void {
  const isName = (value: unknown) => typeof value === 'string' && value !== ''
  if (issuer !== undefined && !isName(issuer)) throw new ConfigError('issuer must be a non-empty string.')
  if (audience !== undefined && !(isName(audience) || (Array.isArray(audience) && audience.every(isName)))) {
    throw new ConfigError('audience must be a non-empty string or an array of them.')
  }
  if (requiredClaims !== undefined && !(Array.isArray(requiredClaims) && requiredClaims.every(isName))) {
    throw new ConfigError('requiredClaims must be an array of claim names, e.g. ["exp", "sub"].')
  }
}

function importSecret(options: HmacJwtOptions): Promise<CryptoKey> {
  const { algorithm, secret } = options
  if ('privateKey' in options || 'publicKey' in options) {
    throw new ConfigError(`${algorithm} uses a shared "secret", not privateKey/publicKey.`)
  }
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) {
    throw new ConfigError(`${algorithm} needs "secret": a string or a Uint8Array.`)
  }
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : new Uint8Array(secret)
  if (bytes.byteLength < HASH_BYTES[algorithm]) {
    throw new ConfigError(
      `The ${algorithm} secret must be at least ${HASH_BYTES[algorithm]} bytes (RFC 7518 §3.2); ` +
        `generate one with \`openssl rand -hex 32\`.`,
    )
  }
  // The configuration side of HS/RS confusion: a public key used as an HMAC secret lets anyone
  // who has the public key mint tokens.
  if (Buffer.from(bytes.subarray(0, 64)).toString('latin1').includes('-----BEGIN')) {
    throw new ConfigError(`The ${algorithm} secret is a PEM key; use RS256, ES256 or EdDSA with publicKey.`)
  }
  return settle(
    crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: `SHA-${algorithm.slice(2)}` }, false, [
      'sign',
      'verify',
    ]),
  )
}

function importKeyPair(options: AsymmetricJwtOptions): {
  sign?: Promise<CryptoKey>
  verify: Promise<CryptoKey>
} {
  const { algorithm } = options
  if ('secret' in options) throw new ConfigError(`${algorithm} uses privateKey/publicKey, not "secret".`)
  const privateKey = options.privateKey === undefined ? undefined : toKeyObject(options.privateKey, 'private')
  const publicKey =
    options.publicKey === undefined
      ? createPublicKey(privateKey as KeyObject)
      : toKeyObject(options.publicKey, 'public')
  checkKeyType(algorithm, publicKey)
  if (privateKey !== undefined && !createPublicKey(privateKey).equals(publicKey)) {
    throw new ConfigError(`The ${algorithm} privateKey and publicKey are not a pair.`)
  }
  const load = (key: KeyObject) =>
    settle(importJWK(key.export({ format: 'jwk' }), algorithm) as Promise<CryptoKey>)
  return { sign: privateKey && load(privateKey), verify: load(publicKey) }
}

function toKeyObject(input: JwtKeyInput, type: 'public' | 'private'): KeyObject {
  let key: KeyObject
  try {
    if (input instanceof KeyObject) key = input
    else if (isCryptoKey(input)) key = KeyObject.from(input)
    else {
      // Parsed as what it holds, then checked: createPublicKey would quietly derive the public
      // half of a private key, hiding a private key shipped to a verify-only service.
      const isPrivate =
        typeof input === 'string'
          ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(input)
          : 'd' in (input as object)
      const source = typeof input === 'string' ? input : { key: input, format: 'jwk' as const }
      key = isPrivate ? createPrivateKey(source) : createPublicKey(source)
    }
  } catch (error) {
    throw new ConfigError(
      `Invalid ${type}Key (${(error as Error).message}): pass a PEM string, a JWK or a KeyObject.`,
    )
  }
  if (key.type !== type) {
    throw new ConfigError(
      `${type}Key is a ${key.type} key; pass the ${type} key${type === 'public' ? ' (or only privateKey)' : ''}.`,
    )
  }
  return key
}

function isCryptoKey(input: unknown): input is CryptoKey {
  return Object.prototype.toString.call(input) === '[object CryptoKey]'
}

function checkKeyType(algorithm: AsymmetricAlgorithm, key: KeyObject): void {
  const type = key.asymmetricKeyType
  const details = key.asymmetricKeyDetails ?? {}
  const family = algorithm.slice(0, 2)
  const ok =
    family === 'RS' || family === 'PS'
      ? type === 'rsa' && (details.modulusLength ?? 0) >= 2048
      : family === 'ES'
        ? type === 'ec' && details.namedCurve === CURVES[algorithm]
        : type === 'ed25519'
  if (!ok) {
    const expected =
      family === 'ES'
        ? `an EC key on curve ${CURVES[algorithm]}`
        : family === 'Ed'
          ? 'an Ed25519 key'
          : 'an RSA key of 2048 bits or more'
    throw new ConfigError(`${algorithm} needs ${expected}; got a ${type} key.`)
  }
}

// The import starts in the constructor but is awaited later; a failure must not become an
// unhandled rejection (a process crash on Node ≥ 15) before anyone awaits it.
function settle(promise: Promise<CryptoKey>): Promise<CryptoKey> {
  const wrapped = promise.catch((error: unknown) => {
    throw new ConfigError(`Could not import the JWT key: ${(error as Error).message}`)
  })
  wrapped.catch(() => {})
  return wrapped
}

function checkNumber(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ConfigError(`${name} must be a number ≥ ${min}, got ${String(value)}.`)
  }
  return value
}

function toSeconds(duration: JwtDuration, min: number): number {
  let seconds = Number.NaN
  if (typeof duration === 'number') seconds = Math.floor(duration)
  else if (typeof duration === 'string' && /^\d{1,9}[smhd]$/.test(duration)) {
    seconds = Number(duration.slice(0, -1)) * UNITS[duration.at(-1) as keyof typeof UNITS]
  }
  if (!Number.isFinite(seconds) || seconds < min) {
    throw new TypeError(
      `Invalid duration ${JSON.stringify(duration)}: use seconds ≥ ${min} or "30s", "30m", "12h", "7d".`,
    )
  }
  return seconds
}
