// Micro-benchmark: HS256 sign and verify per operation, jose against fast-jwt, and Brisk's
// JwtCodec, which signs with jose and verifies HS* with fast-jwt (cache off) since this bench
// showed jose's WebCrypto path several times slower. Every verifier below pins its algorithm list
// to ['HS256'], as the codec does, so the numbers compare equally safe configurations.
//
// Run: node --import tsx bench/jwt-verify.mjs [--runs 5] [--ms 400]
// (fast-jwt and jose come from bench/node_modules when `npm ci` was run there, else from the
// root's, where both are dependencies of Brisk. Without tsx the codec is loaded from dist/.)
//
// Method: each variant runs back to back for --ms milliseconds (after a warm-up of the same
// length) and reports ns/op; the variants are interleaved round robin, the order rotated each
// run, and the median over --runs runs is printed. Operations are awaited one at a time (latency
// of one request's check); the "64 in flight" rows show throughput when requests overlap, which
// matters for jose because WebCrypto completes each call on a later tick.

import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto'
import { availableParallelism, cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { createSigner, createVerifier } from 'fast-jwt'
import { jwtVerify, SignJWT } from 'jose'

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, ms: { type: 'string', default: '400' } },
})
const RUNS = Number(args.runs)
const MS = Number(args.ms)

const secretText = randomBytes(32).toString('hex') // 64 ASCII bytes, like `openssl rand -hex 32`
const secretBytes = new TextEncoder().encode(secretText)
const secretKeyObject = createSecretKey(secretBytes)
const secretCryptoKey = await crypto.subtle.importKey(
  'raw',
  secretBytes,
  { name: 'HMAC', hash: 'SHA-256' },
  false,
  ['sign', 'verify'],
)
const claims = { sub: 'johndoe', scopes: ['me', 'items'] }
const exp = () => Math.floor(Date.now() / 1000) + 1800

const joseSign = (key) => () =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime(exp())
    .sign(key)
const token = await joseSign(secretCryptoKey)()
const joseVerify = (key) => () =>
  jwtVerify(token, key, { algorithms: ['HS256'], requiredClaims: ['exp'], clockTolerance: 5 })

const fastSigner = createSigner({ key: secretText, algorithm: 'HS256', expiresIn: 1_800_000 })
const fastVerifier = (cache) =>
  createVerifier({
    key: secretText,
    algorithms: ['HS256'],
    requiredClaims: ['exp'],
    clockTolerance: 5000,
    cache,
  })
const fastNoCache = fastVerifier(false)
const fastCache = fastVerifier(true)

// The floor: what an HS256 check costs with node:crypto alone (split, one HMAC, one compare,
// parse the payload). Not a safe verifier by itself; it shows how much headroom any library has.
const [h, p, s] = token.split('.')
const expected = Buffer.from(s, 'base64url')
function handRolled() {
  const mac = createHmac('sha256', secretBytes).update(`${h}.${p}`).digest()
  if (!timingSafeEqual(mac, expected)) throw new Error('bad signature')
  return JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
}

const variants = [
  ['sign', 'jose, CryptoKey (imported once)', joseSign(secretCryptoKey)],
  ['sign', 'jose, Uint8Array secret', joseSign(secretBytes)],
  ['sign', 'jose, KeyObject secret', joseSign(secretKeyObject)],
  ['sign', 'fast-jwt', () => fastSigner(claims)],
  ['verify', 'jose, CryptoKey (imported once)', joseVerify(secretCryptoKey)],
  ['verify', 'jose, Uint8Array secret', joseVerify(secretBytes)],
  ['verify', 'jose, KeyObject secret', joseVerify(secretKeyObject)],
  ['verify', 'fast-jwt, cache off', () => fastNoCache(token)],
  ['verify', 'fast-jwt, cache on (same token)', () => fastCache(token)],
  ['verify', 'node:crypto by hand (floor)', handRolled],
  ['verify ×64 in flight', 'jose, CryptoKey (imported once)', joseVerify(secretCryptoKey), 64],
  ['verify ×64 in flight', 'fast-jwt, cache off', () => fastNoCache(token), 64],
]

// Brisk's codec: its shape checks, fast-jwt, then the claim checks that keep its reasons the jose
// path's. Straight from src/ when run with `node --import tsx` (a dist/ left by an earlier build
// could be stale), else from dist/ after `npm run build`.
let JwtCodec
for (const path of ['../src/security/jwt.ts', '../dist/security/jwt.js']) {
  try {
    ;({ JwtCodec } = await import(path))
    console.log(`Brisk JwtCodec from ${path}`)
    break
  } catch {}
}
if (JwtCodec) {
  const codec = new JwtCodec({ algorithm: 'HS256', secret: secretText })
  const codecToken = await codec.sign(claims, { expiresIn: '30m' })
  variants.push(['sign', 'Brisk JwtCodec', () => codec.sign(claims, { expiresIn: '30m' })])
  variants.push(['verify', 'Brisk JwtCodec', () => codec.verify(codecToken)])
  variants.push(['verify ×64 in flight', 'Brisk JwtCodec', () => codec.verify(codecToken), 64])
} else {
  console.log(
    '(Brisk JwtCodec rows skipped: run `npm run build`, or `node --import tsx bench/jwt-verify.mjs`)',
  )
}

async function timeFor(op, inFlight, ms) {
  const deadline = process.hrtime.bigint() + BigInt(ms) * 1_000_000n
  const started = process.hrtime.bigint()
  let ops = 0
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 200; i++) {
      if (inFlight) {
        const batch = []
        for (let j = 0; j < inFlight; j++) batch.push(op())
        await Promise.all(batch)
        ops += inFlight
      } else {
        const result = op()
        if (result instanceof Promise) await result
        ops++
      }
    }
  }
  return Number(process.hrtime.bigint() - started) / ops
}

const samples = variants.map(() => [])
for (let run = 0; run < RUNS; run++) {
  for (let k = 0; k < variants.length; k++) {
    const index = (k + run) % variants.length
    const [, , op, inFlight] = variants[index]
    await timeFor(op, inFlight, MS / 2) // warm-up
    samples[index].push(await timeFor(op, inFlight, MS))
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores; ` +
    `median of ${RUNS} runs × ${MS} ms per variant`,
)
console.log('| operation | variant | ns/op | ops/s |')
console.log('| --- | --- | ---: | ---: |')
variants.forEach(([kind, name], index) => {
  const ns = median(samples[index])
  console.log(`| ${kind} | ${name} | ${ns.toFixed(0)} | ${Math.round(1e9 / ns).toLocaleString('en-US')} |`)
})
