// Key parsing, validation and import for `JwtCodec`: every configuration mistake about keys (a
// short secret, a key of the wrong type or size, a pair that does not match) is a ConfigError
// here, when the codec is built, not a failure at the first request.
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto'
import { importJWK } from 'jose'
import { ConfigError } from '../errors/config-error.js'
import type {
  AsymmetricAlgorithm,
  AsymmetricJwtOptions,
  HmacAlgorithm,
  HmacJwtOptions,
  JwtAlgorithm,
  JwtKeyInput,
} from './jwt-options.js'

const HASH_BYTES: Record<HmacAlgorithm, number> = { HS256: 32, HS384: 48, HS512: 64 }
const CURVES: Partial<Record<AsymmetricAlgorithm, string>> = {
  ES256: 'prime256v1',
  ES384: 'secp384r1',
  ES512: 'secp521r1',
}

/** Whether `algorithm` is HS256, HS384 or HS512. */
export function isHmac(algorithm: JwtAlgorithm): algorithm is HmacAlgorithm {
  return Object.hasOwn(HASH_BYTES, algorithm)
}

/** Whether `algorithm` is one of the RS*, PS*, ES* or EdDSA algorithms the codec supports. */
export function isAsymmetric(algorithm: JwtAlgorithm): algorithm is AsymmetricAlgorithm {
  return /^(?:[RP]S(?:256|384|512)|ES(?:256|384|512)|EdDSA)$/.test(algorithm)
}

/** An HMAC secret, checked: its bytes (for fast-jwt) and a CryptoKey imported once (for jose). */
export interface ImportedSecret {
  bytes: Uint8Array
  key: Promise<CryptoKey>
}

/** Checks an HMAC secret (RFC 7518 §3.2 length, not a PEM key) and starts its import. */
export function importSecret(options: HmacJwtOptions): ImportedSecret {
  const { algorithm, secret } = options
  if ('privateKey' in options || 'publicKey' in options) {
    throw new ConfigError(`${algorithm} uses a shared "secret", not privateKey/publicKey.`)
  }
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array)) {
    throw new ConfigError(`${algorithm} needs "secret": a string or a Uint8Array.`)
  }
  // A copy: a caller who later reuses their buffer must not change the codec's key.
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
  // A public JWK used as an HMAC secret is the same algorithm confusion as a PEM one.
  if (looksLikeJwk(bytes)) {
    throw new ConfigError(
      `The ${algorithm} secret is a JSON Web Key; use RS256, ES256 or EdDSA with publicKey.`,
    )
  }
  const key = settle(
    crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: `SHA-${algorithm.slice(2)}` }, false, [
      'sign',
      'verify',
    ]),
  )
  return { bytes, key }
}

/** Checks a key pair (type, size, curve, that the halves match) and starts importing both halves. */
export function importKeyPair(options: AsymmetricJwtOptions): {
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

function looksLikeJwk(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('utf8').trim()
  if (!text.startsWith('{')) return false
  try {
    const parsed = JSON.parse(text) as unknown
    return typeof parsed === 'object' && parsed !== null && 'kty' in parsed
  } catch {
    return false
  }
}
