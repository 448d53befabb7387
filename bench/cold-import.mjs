#!/usr/bin/env node
// Cold import time of Brisk: how long a fresh `node -e "import('brisk')"` takes, run from the repo
// root (the package resolves itself through its `exports`, i.e. dist/index.js), against
// `node -e ""` as the floor. Then, once, which modules that import loads (bench/import-trace.mjs).
//
//   node bench/cold-import.mjs [--runs 20] [--peers] [--no-build]
//
// --runs     timed runs of each command (default 20), alternating floor / brisk (the order flips
//            every round), after two discarded warm-up rounds (file cache, not V8 state: every
//            run is a new process)
// --peers    also time `import('<peer>')` from bench/ for fastify, hono, @hono/zod-openapi, express
// --no-build skip `npm run build` (use the dist/ already there)
//
// Times are wall-clock, spawn to exit, so they include Node's own start-up; the floor measures
// that alone and "brisk − floor" is the import's cost.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = dirname(BENCH)
const PEERS = ['fastify', 'hono', '@hono/zod-openapi', 'express']

function parseArgs(argv) {
  const opts = { runs: 20, peers: false, build: true }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined]
    if (flag === '--runs') opts.runs = Number(inline ?? argv[++i])
    else if (flag === '--peers') opts.peers = true
    else if (flag === '--no-build') opts.build = false
    else if (flag === '-h' || flag === '--help') {
      console.log('usage: node bench/cold-import.mjs [--runs 20] [--peers] [--no-build]')
      process.exit(0)
    } else die(`unknown option ${argv[i]}`)
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) die('--runs must be a positive integer')
  return opts
}

function die(message) {
  console.error(`cold-import: ${message}`)
  process.exit(1)
}

/** One fresh node process running `code` in `cwd`; its wall time in ms (dies if it fails). */
function time(code, cwd) {
  const start = process.hrtime.bigint()
  const r = spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (r.status !== 0) die(`node -e "${code}" in ${cwd} failed (exit ${r.status}):\n${r.stderr}`)
  return ms
}

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b)
  if (q === 0.5) {
    const m = s.length >> 1
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
  }
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] // nearest rank
}

const fmt = (ms) => ms.toFixed(1).padStart(7)

function main() {
  const opts = parseArgs(process.argv.slice(2))
  if (opts.build) {
    console.log('cold-import: building Brisk (npm run build)…')
    const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' })
    if (r.status !== 0) die(`npm run build failed:\n${r.stdout}${r.stderr}`)
  }
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) die('dist/index.js is missing: run `npm run build`')

  // Make sure the timed import really loads Brisk (self-reference through package.json exports).
  time("import('brisk').then((m) => { if (typeof m.App !== 'function') process.exit(3) })", ROOT)

  const commands = [
    { name: 'node -e ""', code: '', cwd: ROOT },
    { name: `node -e "import('brisk')"`, code: "import('brisk')", cwd: ROOT },
  ]
  if (opts.peers) {
    if (!existsSync(join(BENCH, 'node_modules'))) die('bench/node_modules is missing: npm ci in bench/')
    for (const p of PEERS)
      commands.push({ name: `node -e "import('${p}')" (bench/)`, code: `import('${p}')`, cwd: BENCH })
  }
  const times = commands.map(() => [])
  for (let round = -2; round < opts.runs; round++) {
    const order =
      round % 2 === 0 ? commands.map((_, i) => i) : commands.map((_, i) => commands.length - 1 - i)
    for (const i of order) {
      const ms = time(commands[i].code, commands[i].cwd)
      if (round >= 0) times[i].push(ms) // rounds -2 and -1 warm the file cache
    }
  }

  console.log(`\nNode ${process.version}, ${opts.runs} runs each (alternating), wall time spawn → exit, ms\n`)
  console.log('| command | median | p90 | min | median − floor |')
  console.log('| --- | ---: | ---: | ---: | ---: |')
  const floor = quantile(times[0], 0.5)
  commands.forEach((c, i) => {
    const med = quantile(times[i], 0.5)
    console.log(
      `| \`${c.name}\` | ${fmt(med)} | ${fmt(quantile(times[i], 0.9))} | ${fmt(Math.min(...times[i]))} | ${i === 0 ? '—' : fmt(med - floor)} |`,
    )
  })

  // Once: which modules the import loads.
  const r = spawnSync(
    process.execPath,
    ['--import', join(BENCH, 'import-trace.mjs'), '-e', "import('brisk')"],
    { cwd: ROOT, encoding: 'utf8' },
  )
  const line = r.stderr.split('\n').find((l) => l.startsWith('IMPORT_TRACE '))
  if (r.status !== 0 || !line) die(`the import trace failed (exit ${r.status}):\n${r.stderr}`)
  const trace = JSON.parse(line.slice('IMPORT_TRACE '.length))
  const kb = (b) => `${(b / 1024).toFixed(1)} KiB`
  console.log(
    `\nimport('brisk') loads ${trace.modules} files: ${trace.outside_node_modules.modules} of Brisk's own (dist/, ${kb(trace.outside_node_modules.bytes)}) and ${trace.modules - trace.outside_node_modules.modules} from ${Object.keys(trace.packages).length} packages in node_modules; node: builtins imported as ES modules: ${trace.builtins.map((b) => b.slice(5)).join(', ') || 'none'}\n`,
  )
  console.log('| package | files | bytes on disk |')
  console.log('| --- | ---: | ---: |')
  for (const [name, p] of Object.entries(trace.packages))
    console.log(`| ${name} | ${p.modules} | ${kb(p.bytes)} |`)
  console.log('\n(bytes on disk include native addons, e.g. .node files, which are loaded, not parsed)')
}

main()
