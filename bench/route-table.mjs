// Micro-benchmark: building a RouteTable and matching against it, as the route count grows.
// N routes live under one prefix (`/api/v1/resource{i}/{id}`, one GET each), the shape that a
// first-segment index cannot split; the first route, the last one and a path that matches none
// should cost the same whatever N is ("static last" matches the last of N static routes,
// `/api/v1/resource{i}`). Build time is measured on both shapes: the ahead-of-time resolution of
// static paths was once quadratic.
//
// Run: npm run bench:routes, or npm run build && node bench/route-table.mjs [--ms 200] [--runs 5]
// With `node --import tsx bench/route-table.mjs` the linear table of the tests
// (test/routing/linear-table.ts, the executable specification) is measured alongside.

import { parseArgs } from 'node:util'
import { compilePath } from '../dist/routing/path-template.js'
import { RouteTable } from '../dist/routing/route-table.js'

const { values: args } = parseArgs({
  options: { ms: { type: 'string', default: '200' }, runs: { type: 'string', default: '5' } },
})
const MS = Number(args.ms)
const RUNS = Number(args.runs)

const tables = [['trie', RouteTable]]
try {
  const { LinearTable } = await import('../test/routing/linear-table.ts')
  tables.push(['linear', LinearTable])
} catch {
  console.log('(linear rows skipped: run with `node --import tsx bench/route-table.mjs`)')
}

const GET = new Set(['GET'])

/** N operation entries: `/api/v1/resource{i}/{id}`, or `/api/v1/resource{i}` when static. */
function entries(n, isStatic) {
  const out = []
  for (let i = 0; i < n; i++) {
    const path = isStatic ? `/api/v1/resource${i}` : `/api/v1/resource${i}/{id}`
    out.push({ kind: 'operation', methods: GET, template: compilePath(path), value: i })
  }
  return out
}

const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Median ns per `match` over RUNS runs of MS milliseconds (after one warm-up run). */
function nsPerMatch(table, path) {
  const runs = []
  let sink = 0
  for (let run = 0; run <= RUNS; run++) {
    let count = 0
    const started = process.hrtime.bigint()
    const deadline = performance.now() + MS
    while (performance.now() < deadline) {
      // Batches keep the clock read out of the measured cost.
      for (let i = 0; i < 1000; i++) sink += table.match('GET', path).kind.length
      count += 1000
    }
    if (run > 0) runs.push(Number(process.hrtime.bigint() - started) / count)
  }
  if (sink === 0) throw new Error('unreachable: keeps the loop from being optimised away')
  return median(runs)
}

/** Median ms to build a table from prepared entries (templates compiled beforehand). */
function buildMs(Table, list) {
  new Table(list) // warm-up
  const runs = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    new Table(list)
    runs.push(performance.now() - started)
  }
  return median(runs)
}

console.log(`Node ${process.version}, median of ${RUNS} runs × ${MS} ms`)
console.log('\nbuild (ms)')
for (const [name, Table] of tables) {
  for (const n of [5_000, 10_000]) {
    const param = buildMs(Table, entries(n, false))
    const fixed = buildMs(Table, entries(n, true))
    console.log(
      `  ${name.padEnd(7)} N=${String(n).padStart(6)}  parameterised ${param.toFixed(1).padStart(7)}` +
        `  static ${fixed.toFixed(1).padStart(7)}`,
    )
  }
}

console.log('\nmatch (ns/match)          first      last       404  static last')
for (const [name, Table] of tables) {
  for (const n of [10, 1_000, 5_000]) {
    const table = new Table(entries(n, false))
    const first = nsPerMatch(table, '/api/v1/resource0/42')
    const last = nsPerMatch(table, `/api/v1/resource${n - 1}/42`)
    const missing = nsPerMatch(table, '/api/v1/missing/42')
    const fixed = nsPerMatch(new Table(entries(n, true)), `/api/v1/resource${n - 1}`)
    const cells = [first, last, missing, fixed].map((ns) => ns.toFixed(0).padStart(9)).join(' ')
    console.log(`  ${name.padEnd(7)} N=${String(n).padStart(6)}  ${cells}`)
  }
}
