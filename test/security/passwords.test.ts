// Password hashing (src/security/passwords.ts): argon2id round trips, hashes inherited from
// FastAPI's tutorial (pwdlib argon2id) and from bcrypt systems, inputs that must give `false`
// rather than an exception or a long computation, and the rehash-on-login signal.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import bcrypt from 'bcryptjs'
import fc from 'fast-check'
import { hashPassword, passwordNeedsRehash, verifyPassword } from '../../src/security/passwords.js'

// johndoe's hash from FastAPI's tutorial004 (pwdlib's recommended argon2id); the password is "secret".
const FASTAPI_HASH =
  '$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc'
// Same salt and hash, other parameters or variants: readable, but not what hashPassword makes today.
const WEAK_ARGON2ID =
  '$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A'
const ARGON2I =
  '$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A'

async function median(times: number, run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!
}

describe('argon2id', () => {
  test('hash and verify round trip, with OWASP parameters and a fresh salt each time', async () => {
    const hashed = await hashPassword('correct horse battery staple')
    assert.match(hashed, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    assert.equal(await verifyPassword('correct horse battery staple', hashed), true)
    assert.equal(await verifyPassword('correct horse battery stapl', hashed), false)
    assert.equal(await verifyPassword('Correct horse battery staple', hashed), false)
    assert.notEqual(await hashPassword('correct horse battery staple'), hashed)
    assert.equal(passwordNeedsRehash(hashed), false)
  })

  test('unicode passwords are hashed as UTF-8, without normalization', async () => {
    const hashed = await hashPassword('pässwörd 🔑')
    assert.equal(await verifyPassword('pässwörd 🔑', hashed), true)
    assert.equal(await verifyPassword('pa\u0308sswo\u0308rd 🔑', hashed), false) // NFD: other bytes
  })

  test("FastAPI tutorial's pwdlib hash verifies and is strong enough to keep", async () => {
    assert.equal(await verifyPassword('secret', FASTAPI_HASH), true)
    assert.equal(await verifyPassword('Secret', FASTAPI_HASH), false)
    assert.equal(passwordNeedsRehash(FASTAPI_HASH), false)
  })

  test('hashPassword refuses empty, over-long and non-string passwords', async () => {
    await assert.rejects(hashPassword(''), RangeError)
    await assert.rejects(hashPassword('x'.repeat(4097)), RangeError)
    await assert.rejects(hashPassword('€'.repeat(1366)), RangeError) // 4098 bytes in 1366 characters
    await assert.rejects(hashPassword(undefined as never), TypeError)
    assert.match(await hashPassword('x'.repeat(4096)), /^\$argon2id\$/)
  })
})

describe('bcrypt hashes from other systems', () => {
  test('$2a$, $2b$ and $2y$ hashes made by bcryptjs verify', async () => {
    const hashed = await bcrypt.hash('secret', 4)
    for (const prefix of ['$2a$', '$2b$', '$2y$']) {
      const variant = prefix + hashed.slice(4)
      assert.equal(await verifyPassword('secret', variant), true, prefix)
      assert.equal(await verifyPassword('wrong', variant), false, prefix)
      assert.equal(passwordNeedsRehash(variant), true, prefix)
    }
  })

  test('bcrypt reads only 72 bytes: long passwords verify as they were hashed, and need a rehash', async () => {
    const hashed = await bcrypt.hash('a'.repeat(72), 4)
    assert.equal(await verifyPassword(`${'a'.repeat(72)}anything after byte 72`, hashed), true)
    assert.equal(passwordNeedsRehash(hashed), true)
    const upgraded = await hashPassword(`${'a'.repeat(72)}b`)
    assert.equal(await verifyPassword(`${'a'.repeat(72)}c`, upgraded), false) // argon2 reads it all
  })

  test('a bcrypt cost that would take hours is refused at once', async () => {
    const hashed = await bcrypt.hash('secret', 4)
    const started = performance.now()
    assert.equal(await verifyPassword('secret', `$2b$31$${hashed.slice(7)}`), false)
    assert.equal(await verifyPassword('secret', `$2b$03$${hashed.slice(7)}`), false)
    assert.ok(performance.now() - started < 2000)
  })
})

describe('verifyPassword answers false, never throws', () => {
  test('malformed and unknown hash formats', async () => {
    const hashes = [
      '',
      'secret',
      'plaintext-password',
      '$argon2id$',
      '$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$',
      '$argon2id$v=19$m=65536,t=3,p=4$!!!!$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc',
      '$argon2id$v=19$m=4294967295,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc',
      '$argon2id$v=19$m=65536,t=1000000,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc',
      `$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$${'A'.repeat(100_000)}`,
      '$2b$10$short',
      '$2x$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234',
      '$1$saltsalt$md5cryptdigest',
      '$P$BsomephpassHashWordPressOld.',
      'pbkdf2_sha256$600000$salt$hash',
      '{SSHA}base64==',
    ]
    for (const hashed of hashes) {
      assert.equal(await verifyPassword('secret', hashed), false, hashed.slice(0, 80))
      assert.equal(passwordNeedsRehash(hashed), true, hashed.slice(0, 80))
    }
  })

  test('empty, huge and non-string passwords', async () => {
    const hashed = await hashPassword('secret')
    const started = performance.now()
    for (const password of [
      '',
      'x'.repeat(4097),
      'x'.repeat(10_000_000),
      '€'.repeat(1366),
      undefined,
      null,
      42,
    ]) {
      assert.equal(await verifyPassword(password as never, hashed), false)
    }
    assert.ok(performance.now() - started < 1000, 'refused before any hashing')
    assert.equal(await verifyPassword('secret', 42 as never), false)
  })

  test('random inputs on both sides', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40, unit: 'binary' }),
        fc.string({ maxLength: 120 }),
        async (p, h) => {
          assert.equal(await verifyPassword(p, h), false)
          assert.equal(typeof passwordNeedsRehash(h), 'boolean')
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('no such user: a dummy hash keeps the timing', () => {
  test('undefined and null verify a dummy hash and answer false', async () => {
    assert.equal(await verifyPassword('secret', undefined), false)
    assert.equal(await verifyPassword('secret', null), false)
  })

  test('"no such user" takes about as long as "wrong password"', async () => {
    const hashed = await hashPassword('secret')
    await verifyPassword('warm up', undefined)
    const wrongPassword = await median(5, () => verifyPassword('guess', hashed))
    const noSuchUser = await median(5, () => verifyPassword('guess', undefined))
    const unreadableHash = await median(5, () => verifyPassword('guess', 'not-a-hash'))
    // Loose bounds: the machine is noisy, but an early return would be ~1000× faster.
    assert.ok(noSuchUser > wrongPassword / 4, `${noSuchUser} ms vs ${wrongPassword} ms`)
    assert.ok(unreadableHash > wrongPassword / 4, `${unreadableHash} ms vs ${wrongPassword} ms`)
  })
})

describe('passwordNeedsRehash', () => {
  test('weaker argon2 parameters, other argon2 variants, and older versions', () => {
    assert.equal(passwordNeedsRehash(WEAK_ARGON2ID), true)
    assert.equal(passwordNeedsRehash(ARGON2I), true)
    assert.equal(passwordNeedsRehash(WEAK_ARGON2ID.replace('m=4096,t=3', 'm=19456,t=1')), true)
    assert.equal(passwordNeedsRehash(WEAK_ARGON2ID.replace('m=4096', 'm=19456')), false)
    assert.equal(
      passwordNeedsRehash(WEAK_ARGON2ID.replace('$v=19', '$v=16').replace('m=4096', 'm=19456')),
      true,
    )
    assert.equal(
      passwordNeedsRehash(
        WEAK_ARGON2ID.replace('c29tZXNhbHRzb21lc2FsdA', 'c29tZXNhbHQ').replace('m=4096', 'm=19456'),
      ),
      true,
    )
    assert.equal(passwordNeedsRehash(undefined as never), true)
  })
})
