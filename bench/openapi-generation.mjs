// Benchmark: generating the OpenAPI document of a 500-route app (bench/openapi-app.mjs).
// "Cold" is what the first GET /openapi.json pays after startup, so each run is a fresh process:
// nothing JIT-compiled, no schema converted yet. Each process also reports the first call on
// further fresh apps (JIT warm, document not cached), the cached call, JSON.stringify of the
// document and the heap it costs. Target: cold under 1 s.
// Run: npm run bench:openapi  (or: npm run build && node bench/openapi-generation.mjs [runs])

import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { fileURLToPath } from 'node:url'
import { buildApp } from './openapi-app.mjs'

const RUNS = Number(process.argv[2] ?? 7)
const REBUILDS = 5
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const now = () => performance.now()
const mib = (bytes) => (bytes / 1024 / 1024).toFixed(1)

function operationCount(document) {
  return Object.values(document.paths).reduce((sum, item) => sum + Object.keys(item).length, 0)
}

/** One fresh process: everything measured once cold, then the warm numbers. */
function measureInChild() {
  let started = now()
  const app = buildApp()
  const buildMs = now() - started

  globalThis.gc()
  const heapBefore = process.memoryUsage().heapUsed
  const cpuBefore = process.cpuUsage()
  started = now()
  const document = app.openapi()
  const coldMs = now() - started
  // CPU time as well as wall time: on a loaded machine the scheduler inflates the latter.
  const cpu = process.cpuUsage(cpuBefore)
  const coldCpuMs = (cpu.user + cpu.system) / 1000
  // Garbage included on purpose: a rough peak of what generation needs on top of the app.
  const heapPeak = process.memoryUsage().heapUsed - heapBefore
  globalThis.gc()
  const heapRetained = process.memoryUsage().heapUsed - heapBefore

  started = now()
  for (let i = 0; i < 1000; i++) app.openapi()
  const cachedUs = now() - started // total ms for 1000 calls = µs per call

  const stringify = []
  let json = ''
  for (let i = 0; i < 20; i++) {
    started = now()
    json = JSON.stringify(document)
    stringify.push(now() - started)
  }

  const rebuilt = []
  for (let i = 0; i < REBUILDS; i++) {
    const fresh = buildApp()
    started = now()
    fresh.openapi()
    rebuilt.push(now() - started)
  }
  return {
    operations: operationCount(document),
    schemas: Object.keys(document.components?.schemas ?? {}).length,
    bytes: Buffer.byteLength(json),
    buildMs,
    coldMs,
    coldCpuMs,
    rebuiltMs: median(rebuilt),
    cachedUs,
    stringifyMs: median(stringify),
    heapPeak,
    heapRetained,
  }
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(measureInChild()))
} else {
  const runs = []
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), '--child'])
    runs.push(JSON.parse(out.toString()))
  }
  const first = runs[0]
  const m = (key) => median(runs.map((run) => run[key]))
  const range = (key) => runs.map((run) => run[key]).sort((a, b) => a - b)
  const cold = range('coldMs')
  console.log(
    `Node ${process.version}, ${cpus()[0]?.model ?? '?'} ×${cpus().length}, load ${loadavg()[0].toFixed(1)}; ` +
      `${first.operations} operations, ${first.schemas} component schemas; median of ${RUNS} fresh processes`,
  )
  const rows = [
    ['build the app (500 routes)', `${m('buildMs').toFixed(1)} ms`],
    [
      'openapi() cold, fresh process',
      `${m('coldMs').toFixed(1)} ms (${cold[0].toFixed(0)}–${cold.at(-1).toFixed(0)})`,
    ],
    ['  of which CPU time (all threads)', `${m('coldCpuMs').toFixed(1)} ms`],
    ['openapi() first call, fresh app, JIT warm', `${m('rebuiltMs').toFixed(1)} ms`],
    ['openapi() cached', `${m('cachedUs').toFixed(2)} µs`],
    ['JSON.stringify(document)', `${m('stringifyMs').toFixed(1)} ms`],
    ['document size', `${(first.bytes / 1024).toFixed(0)} KiB of JSON`],
    ['heap during the cold call (rough peak)', `+${mib(m('heapPeak'))} MiB`],
    ['heap retained after GC', `+${mib(m('heapRetained'))} MiB`],
  ]
  for (const [what, value] of rows) console.log(`${what.padEnd(42)} ${value}`)
  if (m('coldMs') >= 1000)
    console.log('over the 1 s target: if the CPU time is too, profile with node --cpu-prof')
}
