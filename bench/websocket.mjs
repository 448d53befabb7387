#!/usr/bin/env node
// WebSocket benchmark: `node bench/websocket.mjs [--runs 3] [--duration 5] [--no-build]`.
//
// W1 echo: 64 connections, each keeping 16 small text messages in flight, against Brisk
// (`app.websocket` + `for await` + `send`), plain `ws` on node:http, and Fastify +
// @fastify/websocket; messages per second, median of the runs (frameworks alternate per run).
// W2 fan-out: 1,000 sockets subscribed to one channel, then 30 publishes (one HTTP POST each);
// the time from the POST until all 1,000 sockets have the message (median and p95), and the
// server's RSS with the sockets open and its peak. Brisk (MemoryBroadcaster + forwardToSocket)
// and plain `ws` (a Set of sockets). Servers are pinned to CPU 1, the load generator
// (ws-load.mjs) to CPU 0. Results go to stdout and to a block of bench/RESULTS.md.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { median, numberOption, pin, startServer as start, stop, writeResultsBlock } from './processes.mjs'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = dirname(BENCH)
const args = process.argv.slice(2)
const option = (name, fallback) => numberOption(args, name, fallback)
const RUNS = option('runs', 3)
const DURATION = option('duration', 5)
const CONNECTIONS = 64
const SUBSCRIBERS = 1000
const PUBLISHES = 30

const SERVERS = {
  brisk: { label: 'Brisk', file: 'servers/ws-brisk.mjs' },
  ws: { label: 'plain ws', file: 'servers/ws-plain.mjs' },
  fastify: { label: 'Fastify + @fastify/websocket', file: 'servers/ws-fastify.mjs' },
}

if (!args.includes('--no-build')) {
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) process.exit(1)
}

const startServer = (name) => start(join(BENCH, SERVERS[name].file))

function load(...argv) {
  const full = [join(BENCH, 'ws-load.mjs'), ...argv.map(String)]
  const [cmd, rest] = pin ? ['taskset', ['-c', '0', process.execPath, ...full]] : [process.execPath, full]
  const run = spawnSync(cmd, rest, { encoding: 'utf8', maxBuffer: 1 << 20 })
  if (run.status !== 0) throw new Error(`load generator failed: ${run.stderr}`)
  return JSON.parse(run.stdout.trim().split('\n').at(-1))
}

function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0)
  return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]
const mib = (kb) => (kb / 1024).toFixed(1)

const echoRates = { brisk: [], ws: [], fastify: [] }
for (let run = 0; run < RUNS; run++) {
  const order = Object.keys(SERVERS)
  for (let i = 0; i < run % order.length; i++) order.push(order.shift())
  for (const name of order) {
    const { child, port } = await startServer(name)
    load('echo', port, CONNECTIONS, 1) // warm-up
    const { messages, seconds } = load('echo', port, CONNECTIONS, DURATION)
    echoRates[name].push(messages / seconds)
    await stop(child)
    console.log(`W1 echo run ${run + 1} ${SERVERS[name].label}: ${Math.round(messages / seconds)} msg/s`)
  }
}

const fanout = {}
for (const name of ['brisk', 'ws']) {
  const { child, port } = await startServer(name)
  const result = load('fanout', port, SUBSCRIBERS, PUBLISHES)
  const times = result.times_ms.slice(5) // the first publishes warm the path up
  fanout[name] = { median: median(times), p95: percentile(times, 0.95), ...memory(child.pid) }
  await stop(child)
  console.log(`W2 fan-out ${SERVERS[name].label}: median ${fanout[name].median.toFixed(2)} ms`)
}

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
  cwd: ROOT,
  encoding: 'utf8',
}).stdout.trim()
const brisk = median(echoRates.brisk)
const lines = [
  `### WebSockets (bench/websocket.mjs)`,
  '',
  `${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(2)}, ${pin ? 'server on CPU 1, load generator on CPU 0' : 'unpinned'}; \`node bench/websocket.mjs --runs ${RUNS} --duration ${DURATION}\``,
  '',
  `W1 echo: ${CONNECTIONS} connections, 16 messages of 34 bytes in flight on each, median of ${RUNS} runs of ${DURATION} s.`,
  "Brisk's sends of one tick leave in one write (its transport corks the socket until the tick ends); the plain `ws` and Fastify servers send each echo as its own write, as their documented handlers do, so most of the gap is syscalls per message.",
  '',
  '| server | messages/s | vs plain ws |',
  '| --- | ---: | ---: |',
  ...Object.entries(SERVERS).map(([name, { label }]) => {
    const rate = median(echoRates[name])
    return `| ${label} | ${Math.round(rate).toLocaleString('en')} | ${(rate / median(echoRates.ws)).toFixed(2)}x |`
  }),
  '',
  `W2 fan-out: one publish to ${SUBSCRIBERS} subscribed sockets, ${PUBLISHES - 5} measured publishes (after 5 warm-up).`,
  '',
  '| server | median ms | p95 ms | RSS with 1,000 sockets | peak RSS |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...Object.entries(fanout).map(
    ([name, f]) =>
      `| ${SERVERS[name].label} | ${f.median.toFixed(2)} | ${f.p95.toFixed(2)} | ${mib(f.rss)} MiB | ${mib(f.peak)} MiB |`,
  ),
]
console.log(`\n${lines.join('\n')}\n\nBrisk echo: ${(brisk / median(echoRates.ws)).toFixed(2)}x plain ws`)

writeResultsBlock(BENCH, 'bench/websocket.mjs', lines)
