// JwtCodec (src/security/jwt.ts): round trips for each algorithm family, configuration mistakes
// caught at construction, and the attacks of SECURITY-NOTES §1.5 (jsonwebtoken CVE-2022-23540 /
// 23541, kid injection, embedded keys): every refusal is an InvalidTokenError with its reason.
// HS* tokens are verified by fast-jwt and the others by jose, so every attack that applies to
// both runs against both paths and must get the same reason from each.
import assert from 'node:assert/strict'
import { createHmac, generateKeyPairSync, type KeyObject, sign as rawSign } from 'node:crypto'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { ConfigError } from '../../src/errors/config-error.js'
import {
  type HmacJwtOptions,
  InvalidTokenError,
  type InvalidTokenReason,
  JwtCodec,
} from '../../src/security/jwt.js'

// The secret from FastAPI's tutorial: 64 hex characters, used as their UTF-8 bytes (as PyJWT does).
const SECRET = '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7'
const now = () => Math.floor(Date.now() / 1000)
const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

/** A token built by hand, as an attacker (or another library) would: any header, any payload. */
function forge(header: unknown, payload: unknown, signWith: (input: string) => Buffer): string {
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${signWith(input).toString('base64url')}`
}
const hmac =
  (secret: string | Buffer, hash = 'sha256') =>
  (input: string) =>
    createHmac(hash, secret).update(input).digest()
const rsa = (key: KeyObject) => (input: string) => rawSign('sha256', Buffer.from(input), key)
const valid = () => ({ sub: 'johndoe', iat: now(), exp: now() + 600 })

async function refused(promise: Promise<unknown>, reason: InvalidTokenReason): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof InvalidTokenError, `expected InvalidTokenError, got ${String(error)}`)
    assert.equal(error.reason, reason, error.message)
    return true
  })
}

const hs256 = new JwtCodec({ algorithm: 'HS256', secret: SECRET })
const rsaPair = generateKeyPairSync('rsa', { modulusLength: 2048 })
const rsaPublicPem = rsaPair.publicKey.export({ type: 'spki', format: 'pem' }) as string
const rs256 = new JwtCodec({ algorithm: 'RS256', privateKey: rsaPair.privateKey, publicKey: rsaPublicPem })

describe('round trips', () => {
  test('HS256 with a string secret: iat, exp and the payload come back', async () => {
    const token = await hs256.sign({ sub: 'johndoe', scopes: ['me'] }, { expiresIn: '30m' })
    const payload = await hs256.verify(token)
    assert.equal(payload.sub, 'johndoe')
    assert.deepEqual(payload.scopes, ['me'])
    assert.ok(Math.abs((payload.iat ?? 0) - now()) <= 1)
    assert.equal(payload.exp, (payload.iat ?? 0) + 1800)
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())
    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' })
  })

  test('the default lifetime is 15 minutes, as in FastAPI create_access_token', async () => {
    const payload = await hs256.verify(await hs256.sign({ sub: 'a' }))
    assert.equal((payload.exp ?? 0) - (payload.iat ?? 0), 900)
    const inSeconds = await hs256.verify(await hs256.sign({ sub: 'a' }, { expiresIn: 60 }))
    assert.equal((inSeconds.exp ?? 0) - (inSeconds.iat ?? 0), 60)
  })

  test('HS384 and HS512 with Uint8Array secrets', async () => {
    for (const [algorithm, size] of [
      ['HS384', 48],
      ['HS512', 64],
    ] as const) {
      const codec = new JwtCodec({ algorithm, secret: crypto.getRandomValues(new Uint8Array(size)) })
      assert.equal((await codec.verify(await codec.sign({ sub: algorithm }))).sub, algorithm)
    }
  })

  test('a token made by another HS256 implementation (PyJWT, by hand here) verifies', async () => {
    const token = forge({ alg: 'HS256', typ: 'JWT' }, { sub: 'johndoe', exp: now() + 60 }, hmac(SECRET))
    assert.equal((await hs256.verify(token)).sub, 'johndoe')
  })

  test('RS256: KeyObject private key, PEM public key; a verify-only codec from the PEM', async () => {
    const token = await rs256.sign({ sub: 'rs' })
    assert.equal((await rs256.verify(token)).sub, 'rs')
    const verifier = new JwtCodec({ algorithm: 'RS256', publicKey: rsaPublicPem })
    assert.equal((await verifier.verify(token)).sub, 'rs')
    await assert.rejects(verifier.sign({ sub: 'x' }), /only verify/)
  })

  test('RS256 and PS256 from jose.generateKeyPair, keys as PEM strings', async () => {
    for (const algorithm of ['RS256', 'PS256'] as const) {
      const { privateKey, publicKey } = await generateKeyPair(algorithm, { extractable: true })
      const codec = new JwtCodec({
        algorithm,
        privateKey: await exportPKCS8(privateKey),
        publicKey: await exportSPKI(publicKey),
      })
      assert.equal((await codec.verify(await codec.sign({ sub: algorithm }))).sub, algorithm)
    }
  })

  test('ES256 with JWKs; the public key is derived when only privateKey is given', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
    const codec = new JwtCodec({ algorithm: 'ES256', privateKey: await exportJWK(privateKey) })
    const verifier = new JwtCodec({ algorithm: 'ES256', publicKey: await exportJWK(publicKey) })
    assert.equal((await verifier.verify(await codec.sign({ sub: 'es' }))).sub, 'es')
  })

  test('EdDSA with CryptoKeys, and with node:crypto Ed25519 keys', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true })
    const codec = new JwtCodec({ algorithm: 'EdDSA', privateKey, publicKey })
    assert.equal((await codec.verify(await codec.sign({ sub: 'ed' }))).sub, 'ed')
    const pair = generateKeyPairSync('ed25519')
    const fromNode = new JwtCodec({
      algorithm: 'EdDSA',
      privateKey: pair.privateKey,
      publicKey: pair.publicKey,
    })
    assert.equal((await fromNode.verify(await fromNode.sign({ sub: 'ed' }))).sub, 'ed')
  })

  test('issuer, audience and notBefore are set by sign and checked by verify', async () => {
    const codec = new JwtCodec({
      algorithm: 'HS256',
      secret: SECRET,
      issuer: 'brisk',
      audience: ['api', 'admin'],
    })
    const payload = await codec.verify(await codec.sign({ sub: 'a' }, { audience: 'api', notBefore: 0 }))
    assert.equal(payload.iss, 'brisk')
    assert.equal(payload.aud, 'api')
    assert.equal(payload.nbf, payload.iat)
  })

  test('a token signed by jose itself (another service) verifies', async () => {
    const key = new TextEncoder().encode(SECRET)
    const token = await new SignJWT({ sub: 'svc' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(key)
    assert.equal((await hs256.verify(token)).sub, 'svc')
  })
})

describe('configuration mistakes fail at construction (ConfigError)', () => {
  const ecPair = generateKeyPairSync('ec', { namedCurve: 'P-384' })
  const cases: [string, () => unknown][] = [
    ['HS256 secret under 32 bytes', () => new JwtCodec({ algorithm: 'HS256', secret: 'x'.repeat(31) })],
    ['HS512 secret under 64 bytes', () => new JwtCodec({ algorithm: 'HS512', secret: new Uint8Array(32) })],
    ['a PEM public key as an HMAC secret', () => new JwtCodec({ algorithm: 'HS256', secret: rsaPublicPem })],
    ['alg none', () => new JwtCodec({ algorithm: 'none', secret: SECRET } as never)],
    ['an RSA codec with a secret', () => new JwtCodec({ algorithm: 'RS256', secret: SECRET } as never)],
    [
      'an HMAC codec with a public key',
      () => new JwtCodec({ algorithm: 'HS256', secret: SECRET, publicKey: rsaPublicPem } as never),
    ],
    ['RS256 with an EC key', () => new JwtCodec({ algorithm: 'RS256', publicKey: ecPair.publicKey })],
    ['ES256 with a P-384 key', () => new JwtCodec({ algorithm: 'ES256', publicKey: ecPair.publicKey })],
    ['EdDSA with an RSA key', () => new JwtCodec({ algorithm: 'EdDSA', publicKey: rsaPair.publicKey })],
    [
      'an RSA key under 2048 bits',
      () =>
        new JwtCodec({
          algorithm: 'RS256',
          publicKey: generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey,
        }),
    ],
    [
      'a key pair that does not match',
      () =>
        new JwtCodec({
          algorithm: 'RS256',
          privateKey: rsaPair.privateKey,
          publicKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
        }),
    ],
    [
      'a private key given as publicKey',
      () => new JwtCodec({ algorithm: 'RS256', publicKey: rsaPair.privateKey }),
    ],
    [
      'a private PEM given as publicKey',
      () =>
        new JwtCodec({
          algorithm: 'RS256',
          publicKey: rsaPair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        }),
    ],
    [
      'a public key given as privateKey',
      () => new JwtCodec({ algorithm: 'RS256', privateKey: rsaPublicPem }),
    ],
    [
      'a PEM that is not a key',
      () => new JwtCodec({ algorithm: 'RS256', publicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n' }),
    ],
    [
      'a negative clockTolerance',
      () => new JwtCodec({ algorithm: 'HS256', secret: SECRET, clockTolerance: -1 }),
    ],
    [
      'maxTokenLength NaN',
      () => new JwtCodec({ algorithm: 'HS256', secret: SECRET, maxTokenLength: Number.NaN }),
    ],
    [
      'requiredClaims as a string',
      () => new JwtCodec({ algorithm: 'HS256', secret: SECRET, requiredClaims: 'exp' as never }),
    ],
    ['an empty issuer', () => new JwtCodec({ algorithm: 'HS256', secret: SECRET, issuer: '' })],
  ]
  for (const [name, build] of cases) {
    test(name, () => assert.throws(build, ConfigError))
  }
})

describe('sign refuses programming mistakes (TypeError)', () => {
  for (const claim of ['exp', 'iat', 'nbf', 'iss', 'aud']) {
    test(`"${claim}" in the payload`, () => assert.rejects(hs256.sign({ [claim]: 1 }), TypeError))
  }
  for (const expiresIn of [0, -60, Number.NaN, '30 minutes', '1.5h', '', '-1h']) {
    test(`expiresIn ${JSON.stringify(expiresIn)}`, () =>
      assert.rejects(hs256.sign({ sub: 'a' }, { expiresIn: expiresIn as never }), TypeError))
  }
})

/** The options both verify paths share, for codecs built per test. */
type ClaimOptions = Pick<
  HmacJwtOptions,
  'issuer' | 'audience' | 'clockTolerance' | 'maxTokenLength' | 'requiredClaims'
>
/** One of the two verify paths, with what it takes to forge tokens for it. */
interface VerifyPath {
  name: string
  alg: 'HS256' | 'RS256'
  codec: JwtCodec
  build: (options?: ClaimOptions) => JwtCodec
  /** Signs with the codec's own key, as its issuer would. */
  sign: (input: string) => Buffer
  /** Signs with a key the codec does not have (for HMAC: the empty content of /dev/null). */
  signElsewhere: (input: string) => Buffer
  /** A key an attacker would embed in the header (`jwk`) for the verifier to use. */
  embeddedKey: object
}
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 })
const PATHS: VerifyPath[] = [
  {
    name: 'HS256 (fast-jwt)',
    alg: 'HS256',
    codec: hs256,
    build: (options = {}) => new JwtCodec({ algorithm: 'HS256', secret: SECRET, ...options }),
    sign: hmac(SECRET),
    signElsewhere: hmac(''),
    embeddedKey: { kty: 'oct', k: b64('an attacker secret of 32 bytes!!') },
  },
  {
    name: 'RS256 (jose)',
    alg: 'RS256',
    codec: rs256,
    build: (options = {}) => new JwtCodec({ algorithm: 'RS256', privateKey: rsaPair.privateKey, ...options }),
    sign: rsa(rsaPair.privateKey),
    signElsewhere: rsa(attacker.privateKey),
    embeddedKey: attacker.publicKey.export({ format: 'jwk' }),
  },
]

for (const path of PATHS) {
  const { alg, codec } = path
  /** A token of this path's algorithm with any extra header and any payload, signed with `signWith`. */
  const token = (payload: unknown, header: object = {}, signWith = path.sign) =>
    forge({ alg, ...header }, payload, signWith)

  describe(`attacks on ${path.name}: each refused with InvalidTokenError and its reason`, () => {
    test('alg none, in any case, with or without a signature (CVE-2022-23540)', async () => {
      for (const none of ['none', 'None', 'NONE', 'nOnE']) {
        await refused(codec.verify(`${b64({ alg: none, typ: 'JWT' })}.${b64(valid())}.`), 'wrong_algorithm')
        await refused(codec.verify(forge({ alg: none }, valid(), path.sign)), 'wrong_algorithm')
      }
      await refused(codec.verify(`${b64({ typ: 'JWT' })}.${b64(valid())}.`), 'wrong_algorithm')
    })

    test('expired, and accepted within the 5 s clock tolerance', async () => {
      await refused(codec.verify(token({ ...valid(), exp: now() - 60 })), 'expired')
      await codec.verify(token({ ...valid(), exp: now() - 2 }))
    })

    test('not yet valid (nbf), and accepted within the tolerance', async () => {
      await refused(codec.verify(token({ ...valid(), nbf: now() + 60 })), 'not_yet_valid')
      await codec.verify(token({ ...valid(), nbf: now() + 2 }))
      const later = await codec.sign({ sub: 'a' }, { notBefore: '1h', expiresIn: '2h' })
      await refused(codec.verify(later), 'not_yet_valid')
    })

    test('issued in the future (iat) beyond the tolerance, as PyJWT refuses it', async () => {
      await refused(codec.verify(token({ ...valid(), iat: now() + 60 })), 'not_yet_valid')
      await codec.verify(token({ ...valid(), iat: now() + 2 }))
    })

    test('wrong audience, missing audience', async () => {
      const withAudience = path.build({ audience: 'api' })
      await refused(withAudience.verify(token({ ...valid(), aud: 'other' })), 'wrong_audience')
      await refused(withAudience.verify(token({ ...valid(), aud: ['x', 'y'] })), 'wrong_audience')
      await refused(withAudience.verify(token({ ...valid(), aud: [] })), 'wrong_audience')
      await refused(withAudience.verify(token(valid())), 'missing_claim')
      await withAudience.verify(token({ ...valid(), aud: ['x', 'api'] }))
    })

    test('wrong issuer, missing issuer', async () => {
      const withIssuer = path.build({ issuer: 'https://brisk.example' })
      await refused(withIssuer.verify(token({ ...valid(), iss: 'evil' })), 'wrong_issuer')
      await refused(withIssuer.verify(token({ ...valid(), iss: ['https://brisk.example'] })), 'wrong_issuer')
      await refused(withIssuer.verify(token(valid())), 'missing_claim')
    })

    test('no exp: refused by default, accepted with requiredClaims: []', async () => {
      const forever = token({ sub: 'a' })
      await refused(codec.verify(forever), 'missing_claim')
      assert.equal((await path.build({ requiredClaims: [] }).verify(forever)).sub, 'a')
      const strict = path.build({ requiredClaims: ['exp', 'sub', 'jti'] })
      await refused(strict.verify(await codec.sign({ sub: 'a' })), 'missing_claim')
      // A required claim must be the token's own: every object inherits `toString`.
      const inherited = path.build({ requiredClaims: ['exp', 'toString'] })
      await refused(inherited.verify(token(valid())), 'missing_claim')
    })

    test('claims of the wrong type: exp as a string, nbf null, iat an array', async () => {
      await refused(codec.verify(token({ sub: 'a', exp: '9999999999' })), 'malformed')
      await refused(codec.verify(token({ ...valid(), nbf: null })), 'malformed')
      await refused(codec.verify(token({ ...valid(), iat: [now()] })), 'malformed')
    })

    test('a token failing several checks gets the first reason, in one order on both paths', async () => {
      const strict = path.build({ issuer: 'brisk', audience: 'api' })
      const past = now() - 600
      // Presence, iss, aud, then the types of iat, nbf, exp, then their values (jose's order).
      await refused(strict.verify(token({ iss: 'evil', exp: past })), 'missing_claim')
      await refused(strict.verify(token({ iss: 'evil', aud: 'web', exp: past })), 'wrong_issuer')
      await refused(
        strict.verify(token({ iss: 'brisk', aud: 'web', nbf: now() + 600, exp: now() + 900 })),
        'wrong_audience',
      )
      await refused(strict.verify(token({ iss: 'brisk', aud: 'api', iat: 'x', exp: past })), 'malformed')
      await refused(
        strict.verify(token({ iss: 'brisk', aud: 'api', nbf: now() + 600, exp: past })),
        'not_yet_valid',
      )
    })

    test('tampered payload', async () => {
      const [header, , signature] = (await codec.sign({ sub: 'johndoe' })).split('.')
      const forged = `${header}.${b64({ sub: 'admin', exp: now() + 600 })}.${signature}`
      await refused(codec.verify(forged), 'bad_signature')
    })

    test('tampered signature, and a signature from another key', async () => {
      const signed = await codec.sign({ sub: 'johndoe' })
      const dot = signed.lastIndexOf('.') + 1
      const flipped = `${signed.slice(0, dot)}${signed[dot] === 'A' ? 'B' : 'A'}${signed.slice(dot + 1)}`
      await refused(codec.verify(flipped), 'bad_signature')
      await refused(codec.verify(token(valid(), {}, path.signElsewhere)), 'bad_signature')
    })

    test('truncated tokens', async () => {
      const signed = await codec.sign({ sub: 'johndoe' })
      const dot = signed.lastIndexOf('.')
      await refused(codec.verify(signed.slice(0, -8)), 'bad_signature') // a shorter signature
      // A signature of 4n+1 characters is not base64url: its last character holds no whole byte.
      const signatureLength = signed.length - dot - 1
      await refused(codec.verify(signed.slice(0, -((signatureLength - 1) % 4 || 4))), 'malformed')
      await refused(codec.verify(signed.slice(0, dot)), 'malformed')
      await refused(codec.verify(signed.slice(0, dot + 1)), 'malformed')
      await refused(codec.verify(signed.slice(0, 20)), 'malformed')
    })

    test('a header or payload of 4n+1 characters: malformed, or bad_signature if forged', async () => {
      // JSON of a length divisible by 3 encodes to 4n characters; one more makes 4n+1. A lenient
      // decoder drops it and reads the same JSON; both paths refuse it as jose's atob does.
      const padded = (json: string) => json + ' '.repeat((3 - (json.length % 3)) % 3)
      const header = b64(padded(JSON.stringify({ alg })))
      const payload = b64(padded(JSON.stringify(valid())))
      const signedWith = (input: string, signWith: (input: string) => Buffer) =>
        `${input}.${signWith(input).toString('base64url')}`
      assert.equal((await codec.verify(signedWith(`${header}.${payload}`, path.sign))).sub, 'johndoe')
      await refused(codec.verify(signedWith(`${header}A.${payload}`, path.sign)), 'malformed')
      await refused(codec.verify(signedWith(`${header}.${payload}A`, path.sign)), 'malformed')
      await refused(codec.verify(signedWith(`${header}.${payload}A`, path.signElsewhere)), 'bad_signature')
    })

    test('extra segments, and JWE (five segments)', async () => {
      const signed = await codec.sign({ sub: 'johndoe' })
      await refused(codec.verify(`${signed}.AAAA`), 'malformed')
      await refused(codec.verify(`${signed}.AAAA.BBBB`), 'malformed')
      const jwe = `${b64({ alg: 'dir', enc: 'A256GCM' })}..${b64('iv')}.${b64('ciphertext')}.${b64('tag')}`
      await refused(codec.verify(jwe), 'malformed')
    })

    test('oversized: refused before parsing, whatever the content', async () => {
      const big = await path.build({ maxTokenLength: 100_000 }).sign({ sub: 'a', blob: 'x'.repeat(9000) })
      await refused(codec.verify(big), 'too_large')
      const started = performance.now()
      await refused(codec.verify('{'.repeat(50_000_000)), 'too_large')
      assert.ok(performance.now() - started < 500)
      await refused(path.build({ maxTokenLength: 64 }).verify(await codec.sign({ sub: 'a' })), 'too_large')
    })

    test('characters outside base64url: padding, +, /, whitespace, non-ASCII', async () => {
      const signed = await codec.sign({ sub: 'johndoe' })
      const [h, p, s] = signed.split('.') as [string, string, string]
      for (const bad of [
        `${h}=.${p}.${s}`,
        `${h}.${p}==.${s}`,
        `${h}.${p}.+${s.slice(1)}`,
        `${h}.${p}/.${s}`,
        ` ${signed}`,
        `${signed}\n`,
        `${h}.${p}\t.${s}`,
        `${h}.${p}é.${s}`,
        `Bearer ${signed}`,
      ]) {
        await refused(codec.verify(bad), 'malformed')
      }
    })

    test('a header that is not a JSON object', async () => {
      for (const header of ['not json', '[]', `"${alg}"`, 'null', '1']) {
        await refused(codec.verify(`${b64(header)}.${b64(valid())}.AAAA`), 'malformed')
      }
      const invalidUtf8 = Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')
      await refused(codec.verify(`${invalidUtf8}.${b64(valid())}.AAAA`), 'malformed')
    })

    test('a payload that is not a JSON object: malformed if signed, bad_signature if forged', async () => {
      for (const payload of ['[1,2]', '"sub"', '42', 'null', 'true', '{"sub":', 'plain text']) {
        const input = `${b64({ alg })}.${b64(payload)}`
        await refused(codec.verify(`${input}.${path.sign(input).toString('base64url')}`), 'malformed')
        // The signature is checked before the payload is read, so a forgery is reported as one.
        await refused(
          codec.verify(`${input}.${path.signElsewhere(input).toString('base64url')}`),
          'bad_signature',
        )
      }
    })

    test('a payload that is not UTF-8: malformed if signed, bad_signature if forged', async () => {
      const claims = `","exp":${now() + 600}}`
      const bytes = Buffer.concat([Buffer.from('{"sub":"'), Buffer.from([0xff, 0xfe]), Buffer.from(claims)])
      const input = `${b64({ alg })}.${bytes.toString('base64url')}`
      await refused(codec.verify(`${input}.${path.sign(input).toString('base64url')}`), 'malformed')
      await refused(
        codec.verify(`${input}.${path.signElsewhere(input).toString('base64url')}`),
        'bad_signature',
      )
    })

    test('kid pointing at a file or an SQL fragment is ignored, never used to find a key', async () => {
      for (const kid of ['../../../../../../dev/null', '/etc/passwd', "x' UNION SELECT 'key' --"]) {
        // The kid-injection attack: sign with the key the kid would select (for HMAC, the empty
        // content of the file it names).
        await refused(codec.verify(token(valid(), { kid }, path.signElsewhere)), 'bad_signature')
        // And with the real key the kid changes nothing: the configured key is the only key.
        assert.equal((await codec.verify(token(valid(), { kid }))).sub, 'johndoe')
      }
    })

    test('crit headers, even correctly signed and naming a parameter jose knows', async () => {
      await refused(codec.verify(token(valid(), { crit: ['exp'], exp: 1 })), 'unsupported_header')
      await refused(codec.verify(token(valid(), { crit: ['b64'], b64: true })), 'unsupported_header')
    })

    test('embedded keys (jwk) and key URLs (jku, x5u, x5c) are refused', async () => {
      await refused(
        codec.verify(token(valid(), { jwk: path.embeddedKey }, path.signElsewhere)),
        'unsupported_header',
      )
      for (const header of [
        { jku: 'https://attacker.example/jwks.json' },
        { x5u: 'https://attacker.example/cert.pem' },
        { x5c: ['MIIB'] },
      ]) {
        await refused(codec.verify(token(valid(), header)), 'unsupported_header')
      }
    })

    test('not a string, or empty', async () => {
      for (const input of [undefined, null, 42, {}, ['a.b.c'], '']) {
        await refused(codec.verify(input as never), 'malformed')
      }
    })

    test('fuzz: any mutation of a valid token verifies or throws InvalidTokenError, nothing else', async () => {
      const signed = await codec.sign({ sub: 'johndoe', scopes: ['me'] })
      const mutation = fc.record({
        at: fc.nat({ max: signed.length }),
        cut: fc.nat({ max: 8 }),
        insert: fc.string({ maxLength: 8, unit: 'binary' }),
      })
      await fc.assert(
        fc.asyncProperty(mutation, async ({ at, cut, insert }) => {
          const mutated = signed.slice(0, at) + insert + signed.slice(at + cut)
          try {
            await codec.verify(mutated)
          } catch (error) {
            assert.ok(error instanceof InvalidTokenError, String(error))
          }
        }),
        { numRuns: 300 },
      )
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), async (input) => {
          await codec.verify(input).catch((error: unknown) => assert.ok(error instanceof InvalidTokenError))
        }),
        { numRuns: 300 },
      )
    })
  })
}

describe('attacks on one algorithm family', () => {
  test('HS/RS confusion: an HS256 token signed with the RSA public key PEM as secret (CVE-2022-23541)', async () => {
    await refused(
      rs256.verify(forge({ alg: 'HS256', typ: 'JWT' }, valid(), hmac(rsaPublicPem))),
      'wrong_algorithm',
    )
    const der = rsaPair.publicKey.export({ type: 'spki', format: 'der' })
    await refused(rs256.verify(forge({ alg: 'HS256' }, valid(), hmac(der))), 'wrong_algorithm')
  })

  test('and the other way: an RS256 token sent to an HS256 codec', async () => {
    await refused(hs256.verify(await rs256.sign({ sub: 'a' })), 'wrong_algorithm')
    await refused(hs256.verify(forge({ alg: 'HS512' }, valid(), hmac(SECRET, 'sha512'))), 'wrong_algorithm')
  })
})

describe('HS* verification runs on fast-jwt', () => {
  test('never calls into jose: no WebCrypto verify for HS256, one for RS256', async (t) => {
    const token = await hs256.sign({ sub: 'johndoe' })
    const rsToken = await rs256.sign({ sub: 'johndoe' })
    const subtleVerify = t.mock.method(crypto.subtle, 'verify')
    assert.equal((await hs256.verify(token)).sub, 'johndoe')
    await refused(hs256.verify(forge({ alg: 'HS256' }, valid(), hmac(''))), 'bad_signature')
    assert.equal(subtleVerify.mock.callCount(), 0)
    assert.equal((await rs256.verify(rsToken)).sub, 'johndoe')
    assert.equal(subtleVerify.mock.callCount(), 1)
  })

  test('an aud list with a member that is not a string is malformed (jose would accept it)', async () => {
    const codec = new JwtCodec({ algorithm: 'HS256', secret: SECRET, audience: 'api' })
    await refused(
      codec.verify(forge({ alg: 'HS256' }, { ...valid(), aud: ['api', 5] }, hmac(SECRET))),
      'malformed',
    )
  })
})

test('a JSON Web Key is refused as an HMAC secret (algorithm confusion)', async () => {
  const { publicKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = JSON.stringify(await exportJWK(publicKey))
  assert.throws(() => new JwtCodec({ algorithm: 'HS256', secret: jwk }), ConfigError)
})

test('a time claim that is not finite ("exp": 1e400) is refused, never a token that never expires', async () => {
  const secret = 'a-secret-of-at-least-thirty-two-bytes!!'
  const codec = new JwtCodec({ algorithm: 'HS256', secret })
  const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')
  for (const payload of ['{"sub":"a","exp":1e400}', '{"sub":"a","exp":4102444800,"iat":-1e400}']) {
    const body = Buffer.from(payload).toString('base64url')
    const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url')
    await assert.rejects(codec.verify(`${header}.${body}.${signature}`), InvalidTokenError)
  }
})
