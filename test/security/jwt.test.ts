// JwtCodec (src/security/jwt.ts): round trips for each algorithm family, configuration mistakes
// caught at construction, and the attacks of SECURITY-NOTES §1.5 (jsonwebtoken CVE-2022-23540 /
// 23541, kid injection, embedded keys): every refusal is an InvalidTokenError with its reason.
import assert from 'node:assert/strict'
import { createHmac, generateKeyPairSync, type KeyObject, sign as rawSign } from 'node:crypto'
import { describe, test } from 'node:test'
import fc from 'fast-check'
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose'
import { ConfigError } from '../../src/errors/config-error.js'
import { InvalidTokenError, type InvalidTokenReason, JwtCodec } from '../../src/security/jwt.js'

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

describe('attacks: each refused with InvalidTokenError and its reason', () => {
  test('alg none, in any case, with or without a signature (CVE-2022-23540)', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      await refused(hs256.verify(`${b64({ alg, typ: 'JWT' })}.${b64(valid())}.`), 'wrong_algorithm')
      await refused(hs256.verify(forge({ alg }, valid(), hmac(SECRET))), 'wrong_algorithm')
    }
    await refused(hs256.verify(`${b64({ typ: 'JWT' })}.${b64(valid())}.`), 'wrong_algorithm')
  })

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

  test('expired, and accepted within the 5 s clock tolerance', async () => {
    await refused(
      hs256.verify(forge({ alg: 'HS256' }, { ...valid(), exp: now() - 60 }, hmac(SECRET))),
      'expired',
    )
    await hs256.verify(forge({ alg: 'HS256' }, { ...valid(), exp: now() - 2 }, hmac(SECRET)))
  })

  test('not yet valid (nbf), and accepted within the tolerance', async () => {
    await refused(
      hs256.verify(forge({ alg: 'HS256' }, { ...valid(), nbf: now() + 60 }, hmac(SECRET))),
      'not_yet_valid',
    )
    await hs256.verify(forge({ alg: 'HS256' }, { ...valid(), nbf: now() + 2 }, hmac(SECRET)))
    const later = await hs256.sign({ sub: 'a' }, { notBefore: '1h', expiresIn: '2h' })
    await refused(hs256.verify(later), 'not_yet_valid')
  })

  test('issued in the future (iat) beyond the tolerance, as PyJWT refuses it', async () => {
    await refused(
      hs256.verify(forge({ alg: 'HS256' }, { ...valid(), iat: now() + 60 }, hmac(SECRET))),
      'not_yet_valid',
    )
    await hs256.verify(forge({ alg: 'HS256' }, { ...valid(), iat: now() + 2 }, hmac(SECRET)))
  })

  test('wrong audience, missing audience', async () => {
    const codec = new JwtCodec({ algorithm: 'HS256', secret: SECRET, audience: 'api' })
    await refused(
      codec.verify(forge({ alg: 'HS256' }, { ...valid(), aud: 'other' }, hmac(SECRET))),
      'wrong_audience',
    )
    await refused(
      codec.verify(forge({ alg: 'HS256' }, { ...valid(), aud: ['x', 'y'] }, hmac(SECRET))),
      'wrong_audience',
    )
    await refused(codec.verify(forge({ alg: 'HS256' }, valid(), hmac(SECRET))), 'missing_claim')
    await codec.verify(forge({ alg: 'HS256' }, { ...valid(), aud: ['x', 'api'] }, hmac(SECRET)))
  })

  test('wrong issuer, missing issuer', async () => {
    const codec = new JwtCodec({ algorithm: 'HS256', secret: SECRET, issuer: 'https://brisk.example' })
    await refused(
      codec.verify(forge({ alg: 'HS256' }, { ...valid(), iss: 'evil' }, hmac(SECRET))),
      'wrong_issuer',
    )
    await refused(codec.verify(forge({ alg: 'HS256' }, valid(), hmac(SECRET))), 'missing_claim')
  })

  test('no exp: refused by default, accepted with requiredClaims: []', async () => {
    const forever = forge({ alg: 'HS256' }, { sub: 'a' }, hmac(SECRET))
    await refused(hs256.verify(forever), 'missing_claim')
    const lenient = new JwtCodec({ algorithm: 'HS256', secret: SECRET, requiredClaims: [] })
    assert.equal((await lenient.verify(forever)).sub, 'a')
    const strict = new JwtCodec({ algorithm: 'HS256', secret: SECRET, requiredClaims: ['exp', 'sub', 'jti'] })
    await refused(strict.verify(await hs256.sign({ sub: 'a' })), 'missing_claim')
  })

  test('claims of the wrong type: exp as a string', async () => {
    await refused(
      hs256.verify(forge({ alg: 'HS256' }, { sub: 'a', exp: '9999999999' }, hmac(SECRET))),
      'malformed',
    )
  })

  test('tampered payload', async () => {
    const [header, , signature] = (await hs256.sign({ sub: 'johndoe' })).split('.')
    const forged = `${header}.${b64({ sub: 'admin', exp: now() + 600 })}.${signature}`
    await refused(hs256.verify(forged), 'bad_signature')
  })

  test('tampered signature, and a signature from another secret', async () => {
    const token = await hs256.sign({ sub: 'johndoe' })
    const dot = token.lastIndexOf('.') + 1
    const flipped = `${token.slice(0, dot)}${token[dot] === 'A' ? 'B' : 'A'}${token.slice(dot + 1)}`
    await refused(hs256.verify(flipped), 'bad_signature')
    await refused(hs256.verify(forge({ alg: 'HS256' }, valid(), hmac('y'.repeat(32)))), 'bad_signature')
  })

  test('truncated tokens', async () => {
    const token = await hs256.sign({ sub: 'johndoe' })
    await refused(hs256.verify(token.slice(0, -8)), 'bad_signature') // a shorter signature
    await refused(hs256.verify(token.slice(0, -10)), 'malformed') // 33 characters: not base64url
    await refused(hs256.verify(token.slice(0, token.lastIndexOf('.'))), 'malformed')
    await refused(hs256.verify(token.slice(0, token.lastIndexOf('.') + 1)), 'malformed')
    await refused(hs256.verify(token.slice(0, 20)), 'malformed')
  })

  test('extra segments, and JWE (five segments)', async () => {
    const token = await hs256.sign({ sub: 'johndoe' })
    await refused(hs256.verify(`${token}.AAAA`), 'malformed')
    await refused(hs256.verify(`${token}.AAAA.BBBB`), 'malformed')
    const jwe = `${b64({ alg: 'dir', enc: 'A256GCM' })}..${b64('iv')}.${b64('ciphertext')}.${b64('tag')}`
    await refused(hs256.verify(jwe), 'malformed')
  })

  test('oversized: refused before parsing, whatever the content', async () => {
    const big = await new JwtCodec({ algorithm: 'HS256', secret: SECRET, maxTokenLength: 100_000 }).sign({
      sub: 'a',
      blob: 'x'.repeat(9000),
    })
    await refused(hs256.verify(big), 'too_large')
    const started = performance.now()
    await refused(hs256.verify('{'.repeat(50_000_000)), 'too_large')
    assert.ok(performance.now() - started < 500)
    const small = new JwtCodec({ algorithm: 'HS256', secret: SECRET, maxTokenLength: 64 })
    await refused(small.verify(await hs256.sign({ sub: 'a' })), 'too_large')
  })

  test('characters outside base64url: padding, +, /, whitespace, non-ASCII', async () => {
    const token = await hs256.sign({ sub: 'johndoe' })
    const [h, p, s] = token.split('.') as [string, string, string]
    for (const bad of [
      `${h}=.${p}.${s}`,
      `${h}.${p}==.${s}`,
      `${h}.${p}.+${s.slice(1)}`,
      `${h}.${p}/.${s}`,
      ` ${token}`,
      `${token}\n`,
      `${h}.${p}\t.${s}`,
      `${h}.${p}é.${s}`,
      `Bearer ${token}`,
    ]) {
      await refused(hs256.verify(bad), 'malformed')
    }
  })

  test('a header that is not a JSON object', async () => {
    for (const header of ['not json', '[]', '"HS256"', 'null', '1']) {
      await refused(hs256.verify(`${b64(header)}.${b64(valid())}.AAAA`), 'malformed')
    }
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0x7d]).toString('base64url')
    await refused(hs256.verify(`${invalidUtf8}.${b64(valid())}.AAAA`), 'malformed')
  })

  test('a payload that is not a JSON object, correctly signed', async () => {
    for (const payload of ['[1,2]', '"sub"', '42', 'null', 'true', '{"sub":', 'plain text']) {
      const input = `${b64({ alg: 'HS256' })}.${b64(payload)}`
      await refused(hs256.verify(`${input}.${hmac(SECRET)(input).toString('base64url')}`), 'malformed')
    }
  })

  test('kid pointing at a file or an SQL fragment is ignored, never used to find a key', async () => {
    for (const kid of ['../../../../../../dev/null', '/etc/passwd', "x' UNION SELECT 'key' --"]) {
      // The kid-injection attack: sign with the empty content of the file the kid names.
      await refused(hs256.verify(forge({ alg: 'HS256', kid }, valid(), hmac(''))), 'bad_signature')
      // And with the real key the kid changes nothing: the configured key is the only key.
      assert.equal((await hs256.verify(forge({ alg: 'HS256', kid }, valid(), hmac(SECRET)))).sub, 'johndoe')
    }
  })

  test('crit headers, even correctly signed and naming a parameter jose knows', async () => {
    await refused(
      hs256.verify(forge({ alg: 'HS256', crit: ['exp'], exp: 1 }, valid(), hmac(SECRET))),
      'unsupported_header',
    )
    await refused(
      hs256.verify(forge({ alg: 'HS256', crit: ['b64'], b64: true }, valid(), hmac(SECRET))),
      'unsupported_header',
    )
  })

  test('embedded keys (jwk) and key URLs (jku, x5u, x5c) are refused', async () => {
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const jwk = attacker.publicKey.export({ format: 'jwk' })
    await refused(
      rs256.verify(forge({ alg: 'RS256', jwk }, valid(), rsa(attacker.privateKey))),
      'unsupported_header',
    )
    for (const header of [
      { jku: 'https://attacker.example/jwks.json' },
      { x5u: 'https://attacker.example/cert.pem' },
      { x5c: ['MIIB'] },
    ]) {
      await refused(
        rs256.verify(forge({ alg: 'RS256', ...header }, valid(), rsa(rsaPair.privateKey))),
        'unsupported_header',
      )
    }
  })

  test('not a string, or empty', async () => {
    for (const token of [undefined, null, 42, {}, ['a.b.c'], '']) {
      await refused(hs256.verify(token as never), 'malformed')
    }
  })

  test('fuzz: any mutation of a valid token verifies or throws InvalidTokenError, nothing else', async () => {
    const token = await hs256.sign({ sub: 'johndoe', scopes: ['me'] })
    const mutation = fc.record({
      at: fc.nat({ max: token.length }),
      cut: fc.nat({ max: 8 }),
      insert: fc.string({ maxLength: 8, unit: 'binary' }),
    })
    await fc.assert(
      fc.asyncProperty(mutation, async ({ at, cut, insert }) => {
        const mutated = token.slice(0, at) + insert + token.slice(at + cut)
        try {
          await hs256.verify(mutated)
        } catch (error) {
          assert.ok(error instanceof InvalidTokenError, String(error))
        }
      }),
      { numRuns: 300 },
    )
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200, unit: 'binary' }), async (input) => {
        await rs256.verify(input).catch((error: unknown) => assert.ok(error instanceof InvalidTokenError))
      }),
      { numRuns: 300 },
    )
  })
})
