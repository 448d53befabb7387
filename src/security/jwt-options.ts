// The public types of `JwtCodec` (algorithms, keys, options, the payload) and the checks on the
// options that are not about keys. Key checks live in jwt-keys.ts.
import type { JsonWebKey, KeyObject } from 'node:crypto'
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
/** Every algorithm a `JwtCodec` can be pinned to. */
export type JwtAlgorithm = HmacAlgorithm | AsymmetricAlgorithm
/** A PEM string (SPKI, PKCS#1, PKCS#8, SEC1 or an X.509 certificate), a JWK, a KeyObject or a CryptoKey. */
export type JwtKeyInput = string | JsonWebKey | KeyObject | CryptoKey
/** Whole seconds, or a whole number of seconds, minutes, hours or days: `'30s'`, `'30m'`, `'12h'`, `'7d'`. */
export type JwtDuration = number | `${number}${'s' | 'm' | 'h' | 'd'}`

/** The options every algorithm shares. */
export interface JwtCommonOptions {
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
/** An HS256/384/512 codec: one shared secret. */
export interface HmacJwtOptions extends JwtCommonOptions {
  algorithm: HmacAlgorithm
  /** At least as many bytes as the hash (RFC 7518 §3.2): 32 for HS256, 48 for HS384, 64 for HS512. */
  secret: string | Uint8Array
}
/** A public-key codec: with `privateKey` it signs (and derives the public key), with `publicKey` alone it only verifies. */
export type AsymmetricJwtOptions = JwtCommonOptions & { algorithm: AsymmetricAlgorithm } & (
    | { privateKey: JwtKeyInput; publicKey?: JwtKeyInput }
    | { privateKey?: undefined; publicKey: JwtKeyInput }
  )
/** What `new JwtCodec()` takes. */
export type JwtCodecOptions = HmacJwtOptions | AsymmetricJwtOptions

/** Per-token options of `JwtCodec.sign`. */
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

const UNITS = { s: 1, m: 60, h: 3600, d: 86400 } as const

/** Throws `ConfigError` unless `issuer`, `audience` and `requiredClaims` are well-formed. */
export function checkClaimOptions({ issuer, audience, requiredClaims }: JwtCommonOptions): void {
  const isName = (value: unknown) => typeof value === 'string' && value !== ''
  if (issuer !== undefined && !isName(issuer)) throw new ConfigError('issuer must be a non-empty string.')
  if (audience !== undefined && !(isName(audience) || (Array.isArray(audience) && audience.every(isName)))) {
    throw new ConfigError('audience must be a non-empty string or an array of them.')
  }
  if (requiredClaims !== undefined && !(Array.isArray(requiredClaims) && requiredClaims.every(isName))) {
    throw new ConfigError('requiredClaims must be an array of claim names, e.g. ["exp", "sub"].')
  }
}

/** Returns `value` if it is a finite number ≥ `min`; throws `ConfigError` otherwise. */
export function checkNumber(name: string, value: number, min: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ConfigError(`${name} must be a number ≥ ${min}, got ${String(value)}.`)
  }
  return value
}

/** Converts a {@link JwtDuration} to seconds; a `TypeError` (a programming mistake) if invalid or under `min`. */
export function toSeconds(duration: JwtDuration, min: number): number {
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
