// Micro-benchmark: CPU cost of resolving a chain of N dependencies per request, beyond the handler.
// Runs the app's dispatcher in-process (no HTTP) on a route whose handler needs the end of a chain
// of N sync dependencies, and on the same route computing the same value by hand; reports the
// difference per request. Run: npm run build && node bench/di-chain.mjs [N]

import { runtimeOf } from '../dist/app-runtime.js'
import { RequestContext } from '../dist/http/request-context.js'
import { App, depends } from '../dist/index.js'

const N = Number(process.argv[2] ?? 20)
const REQUESTS = 200_000
const ROUNDS = 7

const app = new App()
let dep = depends(() => 0)
for (let i = 1; i < N; i++) {
  const previous = dep
  dep = depends({ previous }, ({ previous }) => previous + 1)
}
app.get('/chain', { deps: { value: dep } }, ({ value }) => value)
app.get('/plain', () => {
  let value = 0
  for (let i = 1; i < N; i++) value = value + 1
  return value
})
const dispatcher = runtimeOf(app).dispatcher()
const headers = { host: 'bench' }

async function measure(url) {
  const started = process.hrtime.bigint()
  for (let i = 0; i < REQUESTS; i++) {
    const ctx = new RequestContext({
      method: 'GET',
      url,
      headers,
      source: null,
      reader: null,
      limits: app.limits,
    })
    const reply = dispatcher.handle(ctx)
    if (reply instanceof Promise) await reply
  }
  return Number(process.hrtime.bigint() - started) / REQUESTS
}

const chain = []
const plain = []
for (let round = 0; round < ROUNDS; round++) {
  chain.push(await measure('/chain'))
  plain.push(await measure('/plain'))
}
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]
const c = median(chain)
const p = median(plain)
console.log(`Node ${process.version}, ${N} dependencies, median of ${ROUNDS} rounds × ${REQUESTS} requests`)
console.log(`route with the chain: ${c.toFixed(0)} ns/request`)
console.log(`same route by hand:   ${p.toFixed(0)} ns/request`)
console.log(
  `dependency resolution: ${(c - p).toFixed(0)} ns/request (${((c - p) / N).toFixed(0)} ns per dependency)`,
)
