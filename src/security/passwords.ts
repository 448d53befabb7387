// Password hashing: argon2id for new hashes, and verification of the argon2 and bcrypt hashes an
// app may inherit (FastAPI's current tutorial stores argon2id from pwdlib; its older one, passlib
// apps and PHP's password_hash store bcrypt). Never throws on a login path: anything unexpected
// is a failed login.

import { randomBytes } from 'node:crypto'
import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2'
import { compare } from 'bcryptjs'

// OWASP Password Storage Cheat Sheet, argon2id: "a minimum configuration of 19 MiB of memory,
// an iteration count of 2, and 1 degree of parallelism". ~20–50 ms per hash, computed on the
// libuv thread pool, so the event loop stays free (UV_THREADPOOL_SIZE bounds concurrent logins).
const ARGON2ID = 2 as Algorithm // a `const enum` in the typings, which isolatedModules cannot read
const PARAMS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const
// Hashing cost grows with the password length; a cap keeps a login request from being a DoS.
const MAX_PASSWORD_BYTES = 4096
const MAX_HASH_LENGTH = 512
// Caps on what a stored hash may ask for, so that a corrupt or hostile hash row cannot make one
// login allocate gigabytes or run for minutes: memory up to RFC 9106's largest recommendation
// (2 GiB), memory × passes up to twice that; bcrypt cost up to 15 (bcryptjs is pure JavaScript,
// cost 12 already takes a few hundred ms).
const MAX_ARGON2_MEMORY_KIB = 2 ** 21
const MAX_ARGON2_WORK = 2 ** 22
const MAX_BCRYPT_COST = 15
const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/
// Verified when there is no real hash, so that "no such user" costs what "wrong password" costs
// (FastAPI's tutorial does this with DUMMY_HASH). Until a real hash has been checked it is made
// from PARAMS (its password random and thrown away); after that it is the last real hash checked,
// so the cost follows the hashes the app actually stores (argon2 with other parameters, bcrypt
// with any cost) instead of Brisk's defaults. Its result is always discarded.
let dummyHash: Promise<string> | undefined
let lastRealHash: string | undefined

/**
 * Hashes a password with argon2id (m=19456 KiB, t=2, p=1, 32-byte hash, random 16-byte salt)
 * into a PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$…$…`, the format pwdlib, argon2-cffi
 * and libsodium read. Throws `RangeError` for an empty password or one over 4096 UTF-8 bytes
 * (validate the sign-up form first, so users see a 422 and not a 500).
 *
 * @example
 * ```ts
 * await db.users.insert({ username, hashedPassword: await hashPassword(form.password) })
 * ```
 */
export async function hashPassword(password: string): Promise<string> {
  if (typeof password !== 'string') throw new TypeError('The password must be a string.')
  if (!isAcceptable(password)) {
    throw new RangeError(`A password must have between 1 and ${MAX_PASSWORD_BYTES} bytes of UTF-8.`)
  }
  return hash(password, { ...PARAMS, algorithm: ARGON2ID })
}

/**
 * Whether `password` matches `hashed`: an argon2 (`$argon2id$`, `$argon2i$`, `$argon2d$`) or
 * bcrypt (`$2a$`, `$2b$`, `$2y$`) hash. Resolves `false`, never rejects, for a wrong password, an
 * empty or over-long password, and a malformed or unknown hash.
 *
 * Pass `undefined` (or `null`) when the user does not exist or has no password: a stand-in hash
 * (the last real one checked, or one made with Brisk's parameters) is verified so the answer
 * takes as long as a real one, and the result is always `false`. That closes the timing side
 * channel that lets an attacker enumerate usernames.
 *
 * bcrypt only ever reads the first 72 bytes of a password, and its hashes were made that way, so
 * they are verified that way; {@link passwordNeedsRehash} says to replace them on login.
 *
 * @example
 * ```ts
 * const user = await db.users.find(form.username)
 * if (!(await verifyPassword(form.password, user?.hashedPassword))) {
 *   throw new HTTPException(401, 'Incorrect username or password', { headers: { 'WWW-Authenticate': 'Bearer' } })
 * }
 * ```
 */
export async function verifyPassword(password: string, hashed: string | null | undefined): Promise<boolean> {
  if (typeof password !== 'string' || !isAcceptable(password)) return false
  try {
    if (typeof hashed === 'string' && isUsableArgon2(hashed)) {
      lastRealHash = hashed
      return await verify(hashed, password)
    }
    if (typeof hashed === 'string' && isUsableBcrypt(hashed)) {
      lastRealHash = hashed
      return await compare(password, hashed)
    }
    // No user, or a hash we cannot read: spend the time a real check would, then refuse.
    const stand = lastRealHash
    if (stand !== undefined && isUsableBcrypt(stand)) await compare(password, stand)
    else if (stand !== undefined) await verify(stand, password)
    else {
      dummyHash ??= hash(randomBytes(32), { ...PARAMS, algorithm: ARGON2ID })
      await verify(await dummyHash, password)
    }
  } catch {
    // A hash that passed the shape checks but not the library's own parser.
  }
  return false
}

/**
 * `true` when `hashed` is not an argon2id hash at least as strong as {@link hashPassword} makes
 * (memory, passes, hash and salt length): bcrypt, argon2i/argon2d, older parameters, or anything
 * unreadable. Call it after a successful login and store `hashPassword(password)` when it says so.
 *
 * @example
 * ```ts
 * if (passwordNeedsRehash(user.hashedPassword)) {
 *   await db.users.update(user.id, { hashedPassword: await hashPassword(form.password) })
 * }
 * ```
 */
export function passwordNeedsRehash(hashed: string): boolean {
  if (typeof hashed !== 'string' || !hashed.startsWith('$argon2id$') || !isUsableArgon2(hashed)) return true
  const current = parseOptions(hashed)
  return (
    current.algorithm !== ARGON2ID ||
    current.version !== 1 || // Version.V0x13: v=19, the only version RFC 9106 specifies
    current.memoryCost < PARAMS.memoryCost ||
    current.timeCost < PARAMS.timeCost ||
    current.outputLen < PARAMS.outputLen ||
    current.saltLen < 16
  )
}

function isAcceptable(password: string): boolean {
  // `length` counts UTF-16 units, each at most 3 UTF-8 bytes: the cheap test rejects a
  // megabyte string without encoding it.
  return (
    password.length > 0 &&
    password.length <= MAX_PASSWORD_BYTES &&
    Buffer.byteLength(password) <= MAX_PASSWORD_BYTES
  )
}

function isUsableArgon2(hashed: string): boolean {
  if (hashed.length > MAX_HASH_LENGTH || !hashed.startsWith('$argon2')) return false
  try {
    const { memoryCost, timeCost } = parseOptions(hashed)
    return memoryCost <= MAX_ARGON2_MEMORY_KIB && memoryCost * timeCost <= MAX_ARGON2_WORK
  } catch {
    return false
  }
}

function isUsableBcrypt(hashed: string): boolean {
  const cost = BCRYPT_HASH.exec(hashed)?.[1]
  return cost !== undefined && Number(cost) >= 4 && Number(cost) <= MAX_BCRYPT_COST
}
