#!/usr/bin/env node
// Brisk benchmark harness. `npm run bench` in the repo root runs this file.
//
//   node bench/run.mjs [--scenarios S1,S3] [--frameworks brisk,fastify-typebox] [--runs 3]
//                      [--duration 5] [--warmup 3] [--connections 50] [--no-build]
//
// For every scenario, each run starts every framework's server in turn (round robin, rotating the
// order from run to run), pinned to CPU 1; checks its answers; warms it up; measures it with wrk
// pinned to CPU 0; stops it. Medians over the runs go to stdout and to this run's block of
// bench/RESULTS.md (blocks of other scenario lists and hand-written sections are kept).
// S1–S6 are defined below, S7–S9 (large bodies, route scaling) in scenarios-large.mjs, S10
// (S1 behind cors + compression + requestId) in scenarios-middleware.mjs, S11 (a 1 MiB multipart
// upload) in scenarios-upload.mjs.

import { spawn, spawnSync } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { LARGE_SCENARIOS } from './scenarios-large.mjs'
import { middlewareScenarios } from './scenarios-middleware.mjs'
import { uploadScenarios } from './scenarios-upload.mjs'
import { JWT_SECRET } from './servers/data.mjs'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = dirname(BENCH)
const RUNS_DIR = join(BENCH, '.runs')

// ---------------------------------------------------------------------------------------------
// Frameworks and scenarios

const FRAMEWORKS = {
  brisk: {
    label: 'Brisk',
    filter: 'Brisk `response:` zod schema',
    jwt: "`OAuth2PasswordBearer({ tokenUrl: 'token' })` → a dependency awaiting Brisk's `JwtCodec({ algorithm: 'HS256' }).verify(token)` → user by `sub` → active-user dependency",
  },
  'fastify-typebox': {
    label: 'Fastify + TypeBox',
    filter: 'Fastify response schema → fast-json-stringify (writes declared properties only)',
    jwt: "`@fastify/jwt` (fast-jwt, default: no verifier cache) with `algorithms: ['HS256']`, `requiredClaims: ['exp']`; `await request.jwtVerify()` in an onRequest hook → user by `sub`; active check as a preHandler",
  },
  'fastify-zod': {
    label: 'Fastify + Zod',
    filter:
      'Fastify response schema → fastify-type-provider-zod serializerCompiler (zod safeEncode strips unknown keys, then JSON.stringify)',
    jwt: 'as Fastify + TypeBox: `@fastify/jwt`, `request.jwtVerify()` in onRequest, active check as a preHandler',
  },
  hono: {
    label: 'Hono + zod-openapi',
    filter:
      'zod output schema `.parse()` in the handler, then `c.json` (zod-openapi does not check responses)',
    jwt: "`verify(token, secret, 'HS256')` from `hono/jwt` (WebCrypto HMAC, key imported per call by Hono) in a route middleware → user by `sub`; active check middleware",
  },
  express: {
    label: 'Express 5 + Zod',
    filter: 'zod output schema `.parse()` in the handler, then `res.json`',
    jwt: "`jsonwebtoken` 9 `jwt.verify(token, secretKeyObject, { algorithms: ['HS256'] })` (synchronous; a KeyObject made once, since with a string secret jsonwebtoken tries `createPublicKey` on it every call, ~400 µs) in a route middleware → user by `sub`; active check middleware",
  },
  'node-http': {
    label: 'node:http (raw)',
    filter: 'fields picked by hand, then `JSON.stringify` (no schema library at all)',
    jwt: "hand-rolled: header `alg` must be HS256, `createHmac('sha256', keyObject)` over `header.payload`, `timingSafeEqual` on the base64url signature, `exp` checked; no library",
  },
}

const ITEM_OK = { name: 'Widget', price: 9.99, tags: ['tools', 'sale'] }
const ALICE_OUT = {
  username: 'alice',
  email: 'alice@example.com',
  full_name: 'Alice Wonderson',
  disabled: false,
}
const NOT_AUTH = { detail: 'Not authenticated' }
const BAD_CREDENTIALS = { detail: 'Could not validate credentials' }
const is4xx = (s) => s >= 400 && s < 500

// S6 tokens, signed here by hand (HMAC-SHA256 over `header.payload`, RFC 7515) with the secret
// every server verifies with. The one wrk sends is made once per invocation, valid for 10 years.
const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
function signJwt(payload, { secret = JWT_SECRET, alg = 'HS256' } = {}) {
  const input = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg]
  return `${input}.${hash ? createHmac(hash, secret).update(input).digest('base64url') : ''}`
}
const NOW = Math.floor(Date.now() / 1000)
const FAR_FUTURE = NOW + 10 * 365 * 86400
const JWT_ALICE = signJwt({ sub: 'alice', iat: NOW, exp: FAR_FUTURE })
const bearer = (token) => ({ authorization: `Bearer ${token}` })

async function expectedProducts(limit) {
  const { PRODUCTS } = await import('./servers/data.mjs')
  return PRODUCTS.slice(0, limit).map(({ id, name, price, in_stock, tags, category }) => ({
    id,
    name,
    price,
    in_stock,
    tags,
    category,
  }))
}

// A scenario measures one request (`path`, wrk script `script`, optional `wrkHeaders` given with -H,
// `wrkOptions` more wrk flags, `wrkScriptArgs()` given after `--`) on servers/<framework>.mjs after
// its `checks()` passed.
// Optional: `prepare()` runs once before its first server starts; `reportLines()` adds lines to
// the block's header; `table(ctx)` replaces the standard table. A scenario may instead list
// `units` (S9): each unit starts its own server (`server(framework)` gives the file, or undefined
// for n/a; `env` extra environment; `startTimeoutMs` instead of 15 s), runs its `checks()`, then measures each of its `loads`
// ({ id, path, script, …; `non2xx` when its answers are not 2xx by design}) in turn, each with its
// own warm-up (see unitsOf).
const SCENARIOS = {
  S1: {
    title: 'S1 — GET / (hello world)',
    path: '/',
    script: 'get.lua',
    checks: async () => [{ path: '/', status: 200, expect: { message: 'Hello, World!' } }],
  },
  S2: {
    title: 'S2 — GET /items/{item_id}?q=&limit= (path + query validation)',
    path: '/items/123?q=abc&limit=10',
    script: 'get.lua',
    checks: async () => [
      { path: '/items/123?q=abc&limit=10', status: 200, expect: { item_id: 123, q: 'abc', limit: 10 } },
      { path: '/items/7', status: 200, expect: { item_id: 7, q: null, limit: 10 } },
      { path: '/items/abc', status: is4xx, invalid: true },
      { path: '/items/1.5', status: is4xx, invalid: true },
      { path: '/items/1?limit=0', status: is4xx, invalid: true },
      { path: '/items/1?limit=101', status: is4xx, invalid: true },
      { path: '/items/1?limit=ten', status: is4xx, invalid: true },
    ],
  },
  S3: {
    title: 'S3 — POST /items (JSON body validation + response schema)',
    path: '/items',
    script: 'post-items.lua',
    checks: async () => {
      const post = (body) => ({
        method: 'POST',
        path: '/items',
        headers: { 'content-type': 'application/json' },
        send: JSON.stringify(body),
      })
      return [
        {
          // The exact body wrk sends: description and the unknown field must be dropped.
          ...post({ ...ITEM_OK, description: 'A widget', internal: 'drop me' }),
          status: 201,
          expect: { id: 1, ...ITEM_OK },
        },
        { ...post({ ...ITEM_OK, name: 'W' }), status: is4xx, invalid: true },
        { ...post({ ...ITEM_OK, price: 0 }), status: is4xx, invalid: true },
        { ...post({ name: 'Widget', price: 1 }), status: is4xx, invalid: true },
        { ...post({ ...ITEM_OK, tags: { a: 1 } }), status: is4xx, invalid: true },
      ]
    },
  },
  S4: {
    title: 'S4 — GET /users/me (bearer token → user → active check)',
    path: '/users/me',
    script: 'users-me.lua',
    checks: async () => [
      { path: '/users/me', headers: { authorization: 'Bearer token-alice' }, status: 200, expect: ALICE_OUT },
      { path: '/users/me', status: 401, expect: NOT_AUTH, header: ['www-authenticate', 'Bearer'] },
      { path: '/users/me', headers: { authorization: 'Bearer nope' }, status: 401, expect: NOT_AUTH },
      { path: '/users/me', headers: { authorization: 'Basic dXNlcjpwYXNz' }, status: 401, expect: NOT_AUTH },
      {
        path: '/users/me',
        headers: { authorization: 'Bearer token-bob' },
        status: (s) => s === 400 || s === 403,
      },
    ],
  },
  S5: {
    title: 'S5 — GET /products?limit=100 (100 objects through a response schema)',
    path: '/products?limit=100',
    script: 'get.lua',
    checks: async () => [
      { path: '/products?limit=100', status: 200, expect: await expectedProducts(100) },
      { path: '/products?limit=0', status: is4xx, invalid: true },
    ],
  },
  S6: {
    title: 'S6 — GET /secure/users/me (bearer JWT, HS256, verified per request → user → active check)',
    path: '/secure/users/me',
    script: 'get.lua',
    // Passed to wrk with -H (the token is made per invocation, so it is not in a .lua file).
    wrkHeaders: { Authorization: `Bearer ${JWT_ALICE}` },
    checks: async () => {
      const me = (headers) => ({ path: '/secure/users/me', headers })
      const [head, body] = JWT_ALICE.split('.')
      const forged = b64url({ sub: 'alice', iat: NOW, exp: FAR_FUTURE, admin: true })
      const bad = { status: 401, expect: BAD_CREDENTIALS, header: ['www-authenticate', 'Bearer'] }
      return [
        { ...me(bearer(JWT_ALICE)), status: 200, expect: ALICE_OUT },
        { ...me(), status: 401, expect: NOT_AUTH, header: ['www-authenticate', 'Bearer'] },
        { ...me({ authorization: 'Basic dXNlcjpwYXNz' }), status: 401, expect: NOT_AUTH },
        { ...me(bearer('nope')), ...bad },
        // signed with another secret; payload changed under the signature; expired; HS512 with
        // the right secret (the algorithm is pinned); alg "none"; a valid token for an unknown user
        { ...me(bearer(signJwt({ sub: 'alice', exp: FAR_FUTURE }, { secret: 'x'.repeat(64) }))), ...bad },
        { ...me(bearer(`${head}.${forged}.${JWT_ALICE.split('.')[2]}`)), ...bad },
        { ...me(bearer(signJwt({ sub: 'alice', iat: NOW - 7200, exp: NOW - 3600 }))), ...bad },
        { ...me(bearer(signJwt({ sub: 'alice', exp: FAR_FUTURE }, { alg: 'HS512' }))), ...bad },
        { ...me(bearer(signJwt({ sub: 'alice', exp: FAR_FUTURE }, { alg: 'none' }))), ...bad },
        { ...me(bearer(`${head}.${body}.`)), ...bad },
        { ...me(bearer(signJwt({ sub: 'mallory', iat: NOW, exp: FAR_FUTURE }))), ...bad },
        {
          ...me(bearer(signJwt({ sub: 'bob', iat: NOW, exp: FAR_FUTURE }))),
          status: (s) => s === 400 || s === 403,
        },
      ]
    },
  },
  ...LARGE_SCENARIOS,
  ...middlewareScenarios(BENCH),
  ...uploadScenarios(BENCH),
}

/** A scenario's servers to start (one unless it lists `units`), each with the requests it measures. */
function unitsOf(id) {
  const s = SCENARIOS[id]
  if (s.units) return s.units
  const { path, script, wrkHeaders, wrkOptions, wrkScriptArgs } = s
  return [
    {
      id: '',
      server: (fw) => join(BENCH, 'servers', `${fw}.mjs`),
      checks: s.checks,
      loads: [{ id: '', path, script, wrkHeaders, wrkOptions, wrkScriptArgs }],
    },
  ]
}

/** Results and failures are keyed "framework/scenario[/unit[/load]]": S1–S8 "brisk/S3". */
const keyOf = (...parts) => parts.filter(Boolean).join('/')

// ---------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const opts = {
    scenarios: Object.keys(SCENARIOS),
    frameworks: Object.keys(FRAMEWORKS),
    runs: 3,
    duration: 5,
    warmup: 3,
    connections: 50,
    build: true,
  }
  const list = (v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined]
    const value = () => inline ?? argv[++i]
    switch (flag) {
      case '--scenarios':
        opts.scenarios = list(value()).map((s) => s.toUpperCase())
        break
      case '--frameworks':
        opts.frameworks = list(value())
        break
      case '--runs':
        opts.runs = Number(value())
        break
      case '--duration':
        opts.duration = Number(value())
        break
      case '--warmup':
        opts.warmup = Number(value())
        break
      case '--connections':
        opts.connections = Number(value())
        break
      case '--no-build':
        opts.build = false
        break
      case '-h':
      case '--help':
        console.log(
          readFileSync(fileURLToPath(import.meta.url), 'utf8')
            .split('\n')
            .slice(1, 10)
            .join('\n'),
        )
        process.exit(0)
        break
      default:
        die(`unknown option ${arg} (try --help)`)
    }
  }
  for (const s of opts.scenarios)
    if (!SCENARIOS[s]) die(`unknown scenario ${s}; known: ${Object.keys(SCENARIOS).join(', ')}`)
  for (const f of opts.frameworks)
    if (!FRAMEWORKS[f]) die(`unknown framework ${f}; known: ${Object.keys(FRAMEWORKS).join(', ')}`)
  for (const k of ['runs', 'duration', 'warmup', 'connections']) {
    if (!Number.isInteger(opts[k]) || opts[k] < (k === 'warmup' ? 0 : 1))
      die(`--${k} must be a positive integer`)
  }
  return opts
}

function die(message) {
  console.error(`bench: ${message}`)
  process.exit(1)
}

// ---------------------------------------------------------------------------------------------
// Setup: build Brisk, install the peers, find wrk

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
}

function setup(opts, failures) {
  mkdirSync(RUNS_DIR, { recursive: true })
  if (opts.frameworks.includes('brisk') && opts.build) {
    console.log('bench: building Brisk (npm run build)…')
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' })
    if (r.status !== 0) {
      const log = join(RUNS_DIR, 'build.log')
      writeFileSync(log, `${r.stdout ?? ''}${r.stderr ?? ''}`)
      const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n')
      console.error(`bench: npm run build failed (full log: ${relative(ROOT, log)}):\n${tail}`)
      for (const s of opts.scenarios) failures.set(`brisk/${s}`, 'npm run build failed')
    }
  }
  // npm ci when bench/node_modules is missing or older than the lockfile (a peer was added).
  const installed = join(BENCH, 'node_modules', '.package-lock.json')
  if (
    !existsSync(installed) ||
    statSync(installed).mtimeMs < statSync(join(BENCH, 'package-lock.json')).mtimeMs
  ) {
    console.log('bench: installing the benchmark peers (npm ci in bench/)…')
    const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH, stdio: 'inherit' })
    if (r.status !== 0) die('npm ci in bench/ failed')
  }
  if (!has('wrk')) {
    if (process.getuid?.() === 0 && has('apt-get')) {
      console.log('bench: wrk not found; installing it with apt-get…')
      const r = spawnSync(
        'sh',
        ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk'],
        {
          stdio: 'inherit',
        },
      )
      if (r.status !== 0 || !has('wrk'))
        die('installing wrk with apt-get failed; install wrk (https://github.com/wg/wrk) and retry')
    } else {
      die(
        'wrk is not installed. Install it (Debian/Ubuntu: `sudo apt-get install wrk`, macOS: `brew install wrk`) and retry.',
      )
    }
  }
  const cores = availableParallelism()
  const pin = has('taskset') && cores >= 2
  if (!pin) console.warn('bench: taskset missing or fewer than 2 CPUs: running without CPU pinning')
  return { pin, cores }
}

// ---------------------------------------------------------------------------------------------
// Servers

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/**
 * Starts `file` (log in bench/.runs/<name>.log) with `vars` added to its environment and waits
 * until it answers `GET /` (any status), for at most `timeoutMs`.
 */
async function startServer(file, name, env, vars = {}, timeoutMs = 15_000) {
  const port = await freePort()
  const logPath = join(RUNS_DIR, `${name}.log`)
  const log = openSync(logPath, 'w')
  const cmd = env.pin ? ['taskset', ['-c', '1', process.execPath, file]] : [process.execPath, [file]]
  const child = spawn(cmd[0], cmd[1], {
    cwd: BENCH,
    env: { ...process.env, ...vars, PORT: String(port), NODE_ENV: 'production' },
    stdio: ['ignore', log, log],
  })
  closeSync(log)
  let exited = null
  child.on('exit', (code, signal) => {
    exited = { code, signal }
  })
  const server = { child, port, logPath, exitedInfo: () => exited }
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) {
      return {
        ...server,
        error: `server exited (code ${exited.code}, signal ${exited.signal}) before answering:\n${logTail(logPath)}`,
      }
    }
    try {
      // Refused at once until the server listens; once it does, its first answer may take a while
      // (a router built on first use), and is timed.
      const sent = performance.now()
      const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(30_000) })
      await res.arrayBuffer()
      // The first answered request's latency: pays for anything a framework builds lazily.
      server.firstAnswerMs = performance.now() - sent
      return server
    } catch {
      await sleep(100)
    }
  }
  await stopServer(server)
  return {
    ...server,
    error: `server did not answer on port ${port} within ${timeoutMs / 1000} s:\n${logTail(logPath)}`,
  }
}

/** The BENCH_STARTUP line a server printed once listening (S9's servers), or undefined. */
async function startupReport(server) {
  for (let tries = 0; tries < 20; tries++) {
    let text = ''
    try {
      text = readFileSync(server.logPath, 'utf8')
    } catch {}
    const line = text.split('\n').find((l) => l.startsWith('BENCH_STARTUP '))
    if (line)
      return { ...JSON.parse(line.slice('BENCH_STARTUP '.length)), first_answer_ms: server.firstAnswerMs }
    await sleep(50)
  }
  return undefined
}

function logTail(path) {
  try {
    const text = readFileSync(path, 'utf8').trim()
    return text ? text.split('\n').slice(-20).join('\n') : '(no output)'
  } catch {
    return '(no log)'
  }
}

async function stopServer(server) {
  if (server.exitedInfo()) return
  const gone = new Promise((r) => server.child.once('exit', r))
  server.child.kill('SIGTERM')
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 3000)
  await gone
  clearTimeout(timer)
}

// ---------------------------------------------------------------------------------------------
// Correctness checks

const show = (v) => {
  const s = typeof v === 'string' ? v : JSON.stringify(v)
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s
}

/** Runs a list of checks; returns { ok, failure?, invalidStatuses }. `label` names a long body. */
async function check(checks, port) {
  const invalidStatuses = new Set()
  for (const c of checks) {
    const method = c.method ?? 'GET'
    const body = c.label ?? c.send
    const what = `${method} ${c.path}${c.headers?.authorization ? ` (Authorization: ${c.headers.authorization})` : ''}${body ? ` body ${body}` : ''}`
    let res
    let text
    try {
      res = await fetch(`http://127.0.0.1:${port}${c.path}`, {
        method,
        headers: c.headers,
        body: c.send,
        signal: AbortSignal.timeout(5000),
      })
      text = await res.text()
    } catch (err) {
      return { ok: false, failure: `${what}: request failed: ${err.message}` }
    }
    const okStatus = typeof c.status === 'function' ? c.status(res.status) : res.status === c.status
    const expectedStatus = typeof c.status === 'function' ? (c.invalid ? '4xx' : '400 or 403') : c.status
    if (!okStatus)
      return {
        ok: false,
        failure: `${what}: expected status ${expectedStatus}, got ${res.status} ${show(text)}`,
      }
    if (c.invalid) invalidStatuses.add(res.status)
    if (c.expect !== undefined) {
      const expected = c.expect
      {
        let got
        try {
          got = JSON.parse(text)
        } catch {
          return {
            ok: false,
            failure: `${what}: expected JSON ${show(expected)}, got non-JSON ${show(text)}`,
          }
        }
        if (!isDeepStrictEqual(got, expected)) {
          return {
            ok: false,
            failure: `${what}: expected ${res.status} ${show(expected)}, got ${res.status} ${show(text)}`,
          }
        }
        const type = res.headers.get('content-type') ?? ''
        if (!type.startsWith('application/json')) {
          return { ok: false, failure: `${what}: expected content-type application/json, got ${show(type)}` }
        }
      }
    }
    if (c.header) {
      const [name, value] = c.header
      if (res.headers.get(name) !== value) {
        return {
          ok: false,
          failure: `${what}: expected header ${name}: ${value}, got ${show(res.headers.get(name))}`,
        }
      }
    }
  }
  return { ok: true, invalidStatuses }
}

// ---------------------------------------------------------------------------------------------
// wrk

/** wrk's argv for one load (a unit's request: path, script, wrkHeaders, wrkOptions, wrkScriptArgs). */
function wrkArgs(opts, seconds, load, port) {
  const scriptArgs = load.wrkScriptArgs?.() ?? []
  return [
    'wrk',
    '-t1',
    `-c${opts.connections}`,
    `-d${seconds}s`,
    '--latency',
    ...(load.wrkOptions ?? []),
    ...Object.entries(load.wrkHeaders ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]),
    '-s',
    join(BENCH, 'wrk', load.script),
    `http://127.0.0.1:${port}${load.path}`,
    ...(scriptArgs.length ? ['--', ...scriptArgs] : []),
  ]
}

function runWrk(args, env) {
  const [cmd, argv] = env.pin ? ['taskset', ['-c', '0', ...args]] : [args[0], args.slice(1)]
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d) => {
      out += d
    })
    child.stderr.on('data', (d) => {
      out += d
    })
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '))
      if (code !== 0 || !line) return resolve({ error: `wrk failed (exit ${code}):\n${out.trim()}` })
      const r = JSON.parse(line.slice('BENCH_JSON '.length))
      resolve({ ...r, rps: r.requests / (r.duration_us / 1e6), raw: out })
    })
  })
}

// ---------------------------------------------------------------------------------------------
// Statistics and output

function median(xs) {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const fmtInt = (n) => Math.round(n).toLocaleString('en-US')
const fmtMs = (us) => (us / 1000).toFixed(2)
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—')

// Server CPU time (user + system, all threads: libuv's pool included) over the measured wrk run,
// from /proc/<pid>/stat; taskset execs node, so the child's pid is the server's. On a shared
// machine req/s follows the share of CPU 1 the server was given; CPU µs per request does not.
const CLK_TCK = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })
  const n = Number(r.stdout?.trim())
  return Number.isInteger(n) && n > 0 ? n : 100
})()
function processCpuUs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1e6 // utime, stime
  } catch {
    return null
  }
}
// The server's peak resident set so far (VmHWM, kB): read right after the measured run, it covers
// start-up, checks, warm-up and the run. S11 reports it; every run records it in results.json.
function processPeakRssKb(pid) {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) : null
  } catch {
    return null
  }
}
const fmtCpu = (us) => (Number.isFinite(us) ? us.toFixed(1) : '—')
const fmtShare = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)}%` : '—')

const runErrors = (r) => r.status_errors + r.connect + r.read + r.write + r.timeout

/** Medians over the measured runs of one result key, or null when none was measured. */
function mediansOf(results, key) {
  const runs = results.get(key) ?? []
  if (!runs.length) return null
  return {
    rps: median(runs.map((r) => r.rps)),
    p99: median(runs.map((r) => r.p99_us)),
    cpu: median(runs.map((r) => r.cpu_us_per_req).filter(Number.isFinite)),
    share: median(runs.map((r) => r.cpu_share).filter(Number.isFinite)),
    warn: runs.some((r) => runErrors(r) > 0),
    runs,
  }
}

function tableFor(scenario, opts, results, failures, startups) {
  if (SCENARIOS[scenario].table) {
    const failed = (fw, unit) =>
      failures.has(keyOf(fw, scenario)) || (unit !== undefined && failures.has(keyOf(fw, scenario, unit)))
    return SCENARIOS[scenario].table({
      opts,
      med: (fw, unit, load) =>
        failed(fw, unit) || failures.has(keyOf(fw, scenario, unit, load))
          ? null
          : mediansOf(results, keyOf(fw, scenario, unit, load)),
      failed,
      label: (fw) => FRAMEWORKS[fw].label,
      startups: (fw, unit) => startups.get(keyOf(fw, scenario, unit)) ?? [],
      // Another scenario's medians from this run (S10 compares itself with S1).
      medOf: (fw, other) => (failures.has(keyOf(fw, other)) ? null : mediansOf(results, keyOf(fw, other))),
      ratio,
      fmtMs,
      median,
    })
  }
  const rows = [
    '| framework | req/s | p99 ms | CPU µs/req | CPU share | vs Fastify+TypeBox | vs node:http | CPU/req vs Fastify+TypeBox |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ]
  const med = (fw) => mediansOf(results, keyOf(fw, scenario))
  const ref = med('fastify-typebox')
  const raw = med('node-http')
  for (const fw of opts.frameworks) {
    const label = FRAMEWORKS[fw].label
    const fail = failures.get(`${fw}/${scenario}`)
    const m = med(fw)
    if (fail || !m) {
      rows.push(`| ${label} | FAILED | — | — | — | — | — | — |`)
      continue
    }
    const warn = m.warn ? ' ⚠' : ''
    rows.push(
      `| ${label} | ${fmtInt(m.rps)}${warn} | ${fmtMs(m.p99)} | ${fmtCpu(m.cpu)} | ${fmtShare(m.share)} | ${ratio(m.rps, ref?.rps)} | ${ratio(m.rps, raw?.rps)} | ${ratio(m.cpu, ref?.cpu)} |`,
    )
  }
  return rows.join('\n')
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'))
    return line ? line.split(':')[1].trim() : 'unknown'
  } catch {
    return 'unknown'
  }
}

function gitHead() {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' })
  return r.status === 0 ? r.stdout.trim() : 'unknown'
}

function wrkVersion() {
  const r = spawnSync('wrk', ['-v'], { encoding: 'utf8' })
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n')[0].split(' Copyright')[0].trim()
}

function srcDirty() {
  const r = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' })
  return r.status === 0 && r.stdout.trim() !== ''
}

const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(' / ')
const measures = (opts, ...ids) => ids.some((id) => opts.scenarios.includes(id))

/** The scenarios of a run in SCENARIOS order: the key of its block in RESULTS.md. */
function runKey(opts) {
  return Object.keys(SCENARIOS).filter((s) => opts.scenarios.includes(s))
}

/** This run's block of RESULTS.md (without its markers). */
function report(opts, env, results, failures, invalidByFw, startups, startedAt, load) {
  const withHeaders = opts.scenarios.filter((s) => SCENARIOS[s].wrkHeaders)
  const headers = withHeaders.length
    ? ` [${withHeaders.join(', ')}: ${Object.keys(
        Object.assign({}, ...withHeaders.map((s) => SCENARIOS[s].wrkHeaders)),
      )
        .map((name) => `-H '${name}: …'`)
        .join(' ')}]`
    : ''
  const withArgs = opts.scenarios.filter((s) => SCENARIOS[s].wrkScriptArgs)
  const scriptArgs = withArgs.length ? ` [${withArgs.join(', ')}: -- <body file>]` : ''
  const withOptions = opts.scenarios.filter((s) => SCENARIOS[s].wrkOptions)
  const options = withOptions.length
    ? ` [${withOptions.map((s) => `${s}: ${SCENARIOS[s].wrkOptions.join(' ')}`).join('; ')}]`
    : ''
  const wrkCmd = `${env.pin ? 'taskset -c 0 ' : ''}wrk -t1 -c${opts.connections} -d${opts.duration}s --latency${options}${headers} -s bench/wrk/<scenario>.lua http://127.0.0.1:<port><path>${scriptArgs}`
  const serverCmd = `${env.pin ? 'taskset -c 1 ' : ''}node bench/servers/<framework>.mjs`
  const single = opts.scenarios.length === 1
  const out = []
  out.push(single ? `## ${SCENARIOS[opts.scenarios[0]].title}` : `## Run: ${runKey(opts).join(', ')}`, '')
  out.push(`- Date: ${startedAt.toISOString()}`)
  out.push(`- Machine: ${cpuModel()}, ${env.cores} cores (\`/proc/cpuinfo\`, \`os.availableParallelism()\`)`)
  out.push(
    `- Load average (1 / 5 / 15 min, \`os.loadavg()\`): ${fmtLoad(load.start)} at the start, ${fmtLoad(load.end)} at the end`,
  )
  out.push(
    `- Node: ${process.version} (servers run with the same binary, plain \`node\`, \`NODE_ENV=production\`)`,
  )
  out.push(`- wrk: ${wrkVersion()}`)
  out.push(`- Brisk commit: ${gitHead()}${srcDirty() ? ' (plus uncommitted changes in `src/`)' : ''}`)
  out.push(`- Server: \`${serverCmd}\``)
  out.push(`- Load: \`${wrkCmd}\``)
  if (measures(opts, 'S6')) {
    out.push(
      `- S6 token: HS256, header \`{"alg":"HS256","typ":"JWT"}\`, payload \`{"sub":"alice","iat":…,"exp":…}\` (exp 10 years ahead), ${JWT_ALICE.length} characters, signed by run.mjs once per invocation with the 64-byte secret of \`servers/data.mjs\`, sent by wrk with \`-H 'Authorization: Bearer <token>'\``,
    )
  }
  for (const s of opts.scenarios) for (const line of SCENARIOS[s].reportLines?.() ?? []) out.push(`- ${line}`)
  out.push(
    `- Method: ${opts.runs} runs per scenario; each run starts every framework in turn (round robin, order rotated per run), checks its answers, warms it up for ${opts.warmup} s, then measures ${opts.duration} s. Figures are medians over the runs (req/s and p99 taken separately); ratios divide medians from this same invocation.`,
  )
  out.push(
    `- Command: \`node bench/run.mjs --scenarios ${opts.scenarios.join(',')} --frameworks ${opts.frameworks.join(',')} --runs ${opts.runs} --duration ${opts.duration} --warmup ${opts.warmup} --connections ${opts.connections}\``,
  )
  out.push('')
  for (const s of opts.scenarios) {
    if (!single) out.push(`### ${SCENARIOS[s].title}`, '')
    out.push(tableFor(s, opts, results, failures, startups), '')
  }
  out.push('### Notes', '')
  const failed = [...failures.entries()]
  if (failed.length) {
    out.push('#### Failures', '')
    for (const [key, why] of failed) out.push(`- **${key}**: ${why.replace(/\n/g, ' ')}`)
    out.push('')
  }
  const withInvalid = ['S2', 'S3', 'S5', 'S7', 'S8', 'S9'].filter((s) => opts.scenarios.includes(s))
  if (withInvalid.length) {
    out.push(`#### Status for invalid requests (${withInvalid.join(', ')} invalid inputs)`, '')
    for (const fw of opts.frameworks) {
      const st = invalidByFw.get(fw)
      out.push(`- ${FRAMEWORKS[fw].label}: ${st?.size ? [...st].sort().join(', ') : 'not observed'}`)
    }
    out.push(
      '',
      "Fastify answers schema-validation errors with 400 and Hono's zod-openapi default hook with 400; Brisk (FastAPI semantics), Express and node:http answer 422 (for Express and node:http that is this harness's choice: neither validates on its own). Inactive user (S4, S6) is 400 everywhere.",
      '',
    )
  }
  if (measures(opts, 'S3', 'S4', 'S5', 'S6')) {
    out.push('#### How each framework filters the response (S3, S4, S5, S6)', '')
    for (const fw of opts.frameworks) out.push(`- ${FRAMEWORKS[fw].label}: ${FRAMEWORKS[fw].filter}`)
    out.push('')
  }
  if (measures(opts, 'S4')) {
    out.push(
      'S4 chain: Fastify uses an onRequest hook (token) and two preHandler hooks (user lookup, active check); Hono and Express three route middlewares; node:http three plain functions; Brisk a three-step `depends()` chain (token → user → active user).',
      '',
    )
  }
  if (measures(opts, 'S6')) {
    out.push('#### How each framework verifies the JWT (S6)', '')
    for (const fw of opts.frameworks) out.push(`- ${FRAMEWORKS[fw].label}: ${FRAMEWORKS[fw].jwt}`)
    out.push(
      '',
      'Every S6 server answers a missing or non-Bearer `Authorization` with 401 `{"detail":"Not authenticated"}` and any refused token (bad signature, another secret, forged payload, expired, HS512, `alg: none`, no signature, unknown `sub`) with 401 `{"detail":"Could not validate credentials"}`, both with `WWW-Authenticate: Bearer`; all of that is checked before measuring. The valid token is verified in full on every request: no server caches verification results.',
      '',
    )
  }
  out.push(
    'A ⚠ after req/s means wrk saw non-2xx/3xx answers or socket errors in at least one measured run (see raw runs).',
    '',
    "CPU µs/req is the server process's CPU time (user + system, every thread, from `/proc/<pid>/stat`) over the measured run divided by the requests answered; CPU share is that CPU time over the run's wall time (1.00 = all of CPU 1). On a shared machine req/s follows the share the server was given, CPU µs/req much less so; a server that hands work to libuv's thread pool (WebCrypto) runs more threads and can win a larger share of a contended core. The last column divides CPU µs/req medians (lower is cheaper).",
    '',
  )
  out.push('#### Raw runs: req/s (p99 ms; server CPU µs per request, share of a core)', '')
  for (const s of opts.scenarios) {
    for (const unit of unitsOf(s)) {
      for (const ld of unit.loads) {
        for (const fw of opts.frameworks) {
          const runs = results.get(keyOf(fw, s, unit.id, ld.id))
          if (!runs?.length) continue
          const errs = runs.reduce((n, r) => n + runErrors(r), 0)
          const what = [s, unit.label, ld.id, FRAMEWORKS[fw].label].filter(Boolean).join(' ')
          out.push(
            `- ${what}: ${runs.map((r) => `${fmtInt(r.rps)} (${fmtMs(r.p99_us)}; ${fmtCpu(r.cpu_us_per_req)} µs, ${fmtShare(r.cpu_share)})`).join(', ')}${errs ? ` — ${errs} errors` : ''}`,
          )
        }
      }
    }
  }
  out.push('')
  return out.join('\n')
}

// RESULTS.md is a title, blocks written by this harness and hand-written sections (e.g. the OpenAPI
// generation results). A block sits between `<!-- bench/run.mjs begin S1,S2 -->` and
// `<!-- bench/run.mjs end S1,S2 -->`, keyed by the scenarios its run measured. A run replaces every
// block whose scenarios it measured again (the same list or a part of it) and keeps the rest: a
// `--scenarios S6` run leaves the S1–S5 block alone, a full run supersedes both. Text outside the
// blocks is never touched.
const BLOCK_BEGIN = /^<!-- bench\/run\.mjs begin ([A-Z0-9,]+) -->$/
const covers = (key, other) => other.split(',').every((s) => key.includes(s))

function writeResultsMd(path, key, block) {
  const lines = existsSync(path) ? readFileSync(path, 'utf8').split('\n') : ['# Brisk benchmark results', '']
  const out = []
  let insertAt = -1
  let afterLastBlock = -1
  for (let i = 0; i < lines.length; i++) {
    const m = BLOCK_BEGIN.exec(lines[i])
    const end = m ? lines.indexOf(`<!-- bench/run.mjs end ${m[1]} -->`, i + 1) : -1
    if (end === -1) {
      out.push(lines[i])
      continue
    }
    if (covers(key, m[1])) {
      if (insertAt === -1) insertAt = out.length
    } else {
      out.push(...lines.slice(i, end + 1))
      afterLastBlock = out.length
    }
    i = end
  }
  if (insertAt === -1) insertAt = afterLastBlock
  if (insertAt === -1) {
    const title = out.findIndex((l) => l.startsWith('# '))
    insertAt = title + 1
  }
  const name = key.join(',')
  out.splice(
    insertAt,
    0,
    '',
    `<!-- bench/run.mjs begin ${name} -->`,
    ...block.trimEnd().split('\n'),
    `<!-- bench/run.mjs end ${name} -->`,
    '',
  )
  writeFileSync(
    path,
    `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
  )
}

/** results.json: one entry per block of RESULTS.md, same key, same replacement rule. */
function writeResultsJson(path, key, entry) {
  let all = {}
  try {
    all = JSON.parse(readFileSync(path, 'utf8'))
  } catch {}
  // The file once held a single run at its top level.
  if (typeof all.date === 'string' && Array.isArray(all.options?.scenarios)) {
    all = { [all.options.scenarios.join(',')]: all }
  }
  for (const k of Object.keys(all)) if (covers(key, k)) delete all[k]
  all[key.join(',')] = entry
  writeFileSync(path, `${JSON.stringify(all, null, 2)}\n`)
}

// ---------------------------------------------------------------------------------------------
// Main

/** Warm-up then one measured wrk run of `load` against a started server: the result or { error }. */
async function measure(opts, env, server, load) {
  if (opts.warmup > 0) {
    const w = await runWrk(wrkArgs(opts, opts.warmup, load, server.port), env)
    if (w.error) return { error: `warm-up: ${w.error}` }
  }
  const cpuBefore = processCpuUs(server.child.pid)
  const r = await runWrk(wrkArgs(opts, opts.duration, load, server.port), env)
  const cpuAfter = processCpuUs(server.child.pid)
  const peakRssKb = processPeakRssKb(server.child.pid)
  if (r.error) return r
  delete r.raw
  // A load whose answers are non-2xx by design (S9's 404): wrk counts them all as status errors.
  // Telling 404 from 500 would take a Lua response() hook, which slows wrk down; the checks made
  // sure the answer is the expected one, so the count is kept apart and not flagged.
  if (load.non2xx) {
    r.expected_non_2xx = r.status_errors
    r.status_errors = 0
  }
  if (cpuBefore !== null && cpuAfter !== null && r.requests > 0) {
    r.cpu_us = cpuAfter - cpuBefore
    r.cpu_us_per_req = r.cpu_us / r.requests
    r.cpu_share = r.cpu_us / r.duration_us
  }
  if (peakRssKb !== null) r.peak_rss_kb = peakRssKb
  return r
}

/** Rough duration of a run in seconds: every measured request costs a warm-up, a run and a start. */
function estimateSeconds(opts) {
  let total = 0
  for (const s of opts.scenarios) {
    for (const unit of unitsOf(s)) {
      const fws = opts.frameworks.filter((fw) => unit.server(fw)).length
      total += fws * opts.runs * (unit.loads.length * (opts.warmup + opts.duration + 0.5) + 1)
    }
  }
  return total
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const startedAt = new Date()
  const loadStart = loadavg()
  const failures = new Map() // "fw/S[/unit[/load]]" → reason
  const results = new Map() // "fw/S[/unit/load]" → wrk results
  const startups = new Map() // "fw/S/unit" → BENCH_STARTUP records (S9), one per run
  const invalidByFw = new Map() // fw → Set of statuses for invalid requests
  const env = setup(opts, failures)

  console.log(
    `bench: ${opts.scenarios.join(',')} × ${opts.frameworks.join(',')} × ${opts.runs} runs ≈ ${Math.ceil(estimateSeconds(opts) / 60)} min`,
  )

  let current = null
  const onSignal = async () => {
    if (current) await stopServer(current)
    process.exit(130)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  for (const scenario of opts.scenarios) {
    console.log(`\n== ${SCENARIOS[scenario].title}`)
    await SCENARIOS[scenario].prepare?.()
    for (let run = 0; run < opts.runs; run++) {
      const order = opts.frameworks.map((_, i) => opts.frameworks[(i + run) % opts.frameworks.length])
      for (const unit of unitsOf(scenario)) {
        for (const fw of order) {
          const key = keyOf(fw, scenario, unit.id)
          const file = unit.server(fw)
          if (!file || failures.has(keyOf(fw, scenario)) || failures.has(key)) continue
          const where = [scenario, unit.label].filter(Boolean).join(' ')
          const tag = `[${where} run ${run + 1}/${opts.runs}] ${fw.padEnd(16)}`
          const server = await startServer(file, key.replaceAll('/', '-'), env, unit.env, unit.startTimeoutMs)
          current = server
          try {
            if (server.error) {
              failures.set(key, server.error)
              console.log(`${tag} FAILED: ${server.error}`)
              continue
            }
            const startup = await startupReport(server)
            if (startup) {
              if (!startups.has(key)) startups.set(key, [])
              startups.get(key).push(startup)
              console.log(
                `${tag} listening ${startup.ready_ms.toFixed(0)} ms after process start (imports ${startup.imported_ms.toFixed(0)}, register ${startup.register_ms.toFixed(0)}, listen ${startup.listen_ms.toFixed(0)}); first request ${startup.first_answer_ms.toFixed(1)} ms`,
              )
            }
            const verdict = await check(await unit.checks(), server.port)
            if (!verdict.ok) {
              failures.set(key, `correctness: ${verdict.failure}`)
              console.log(`${tag} FAILED correctness: ${verdict.failure}`)
              continue
            }
            if (!invalidByFw.has(fw)) invalidByFw.set(fw, new Set())
            for (const st of verdict.invalidStatuses) invalidByFw.get(fw).add(st)
            for (const load of unit.loads) {
              const loadKey = keyOf(fw, scenario, unit.id, load.id)
              const loadTag = load.id ? `${tag} ${load.id.padEnd(5)}` : tag
              if (failures.has(loadKey)) continue
              const r = await measure(opts, env, server, load)
              if (r.error) {
                failures.set(loadKey, r.error)
                console.log(`${loadTag} FAILED ${r.error}`)
                continue
              }
              if (!results.has(loadKey)) results.set(loadKey, [])
              results.get(loadKey).push(r)
              const errs = runErrors(r)
              console.log(
                `${loadTag} ${fmtInt(r.rps).padStart(8)} req/s  p99 ${fmtMs(r.p99_us).padStart(7)} ms  ${fmtCpu(r.cpu_us_per_req).padStart(6)} CPU µs/req  ${fmtShare(r.cpu_share).padStart(4)} of a core${errs ? `  (${errs} errors)` : ''}`,
              )
            }
          } finally {
            await stopServer(server)
            current = null
          }
        }
      }
    }
  }

  const load = { start: loadStart, end: loadavg() }
  const key = runKey(opts)
  writeResultsMd(
    join(BENCH, 'RESULTS.md'),
    key,
    report(opts, env, results, failures, invalidByFw, startups, startedAt, load),
  )
  writeResultsJson(join(BENCH, 'results.json'), key, {
    date: startedAt.toISOString(),
    node: process.version,
    cpu: cpuModel(),
    cores: env.cores,
    loadavg: load,
    options: opts,
    failures: Object.fromEntries(failures),
    results: Object.fromEntries(results),
    ...(startups.size ? { startup: Object.fromEntries(startups) } : {}),
  })
  console.log('\n')
  for (const s of opts.scenarios)
    console.log(`${SCENARIOS[s].title}\n\n${tableFor(s, opts, results, failures, startups)}\n`)
  if (failures.size) {
    console.log('Failures:')
    for (const [k, v] of failures) console.log(`- ${k}: ${v}`)
  }
  console.log(
    `Load average (1/5/15 min): ${fmtLoad(loadStart)} at the start, ${fmtLoad(loadavg())} at the end`,
  )
  console.log(`Wrote block ${key.join(',')} of ${relative(process.cwd(), join(BENCH, 'RESULTS.md'))}`)
}

await main()
