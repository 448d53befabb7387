// Scenarios S7–S9 of bench/run.mjs, kept here so the harness stays readable.
//
// S7, S8: POST /bulk with a ~64 KiB and a ~512 KiB JSON array through a body schema (the body is
// built by fixtures/bulk.mjs, written to bench/.runs/ and read by wrk/post-bulk.lua).
// S9: route scaling: servers/routes-<framework>.mjs with ROUTES = 10, 1,000 and 5,000 routes;
// each server is checked once, then three requests (first route, last route, a 404) are measured
// in turn, each with its own warm-up. Its results get their own tables (routeScalingTables).

import { existsSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bulkAnswer, bulkItem, bulkItems, writeBulkBody } from './fixtures/bulk.mjs'

const BENCH = dirname(fileURLToPath(import.meta.url))
const RUNS_DIR = join(BENCH, '.runs')
const is4xx = (s) => s >= 400 && s < 500
const fmtInt = (n) => Math.round(n).toLocaleString('en-US')

// ---------------------------------------------------------------------------------------------
// S7, S8: large JSON bodies

function bulkScenario(id, bytes, sizeLabel) {
  const file = join(RUNS_DIR, `bulk-${id}.json`)
  let fixture // built once per invocation, on first use
  const get = () => {
    if (!fixture) {
      const items = bulkItems(bytes)
      fixture = { items, text: writeBulkBody(file, items), answer: bulkAnswer(items) }
    }
    return fixture
  }
  const post = (text, label) => ({
    method: 'POST',
    path: '/bulk',
    headers: { 'content-type': 'application/json' },
    send: text,
    label,
  })
  // The valid body with item `at` replaced by `change(item)`.
  const variant = (at, change) => {
    const items = get().items.slice()
    items[at] = change({ ...items[at] })
    return JSON.stringify(items)
  }
  return {
    title: `${id} — POST /bulk, a ${sizeLabel} JSON array of objects through a body schema`,
    path: '/bulk',
    script: 'post-bulk.lua',
    // At a few hundred requests a second, 50 connections wait ~0.2–0.5 s each: past wrk's default
    // 2 s timeout a slow server's answers would count as socket errors instead of latency.
    wrkOptions: ['--timeout', '10s'],
    // post-bulk.lua reads the body from the file named after `--`.
    wrkScriptArgs: () => {
      get()
      return [file]
    },
    prepare: () => {
      get()
    },
    reportLines: () => {
      const { items, text, answer } = get()
      return [
        `${id} body: ${fmtInt(items.length)} items, ${fmtInt(Buffer.byteLength(text))} bytes (the largest array of \`fixtures/bulk.mjs\` items within ${fmtInt(bytes)} bytes), written once per invocation to \`${relative(dirname(BENCH), file)}\` and sent byte-identical to every server by \`wrk/post-bulk.lua\` (\`wrk … -s post-bulk.lua <url> -- <file>\`); expected answer \`${JSON.stringify(answer)}\``,
      ]
    },
    checks: async () => {
      const { items, text, answer } = get()
      const n = items.length
      const mid = n >> 1
      const what = `the ${id} body (${n} items)`
      return [
        { ...post(text, what), status: 200, expect: answer },
        {
          ...post(
            variant(n - 1, (it) => ({ ...it, price: 0 })),
            `${what} with item ${n - 1}'s price 0`,
          ),
          status: is4xx,
          invalid: true,
        },
        {
          ...post(
            variant(mid, ({ sku, ...rest }) => rest),
            `${what} with item ${mid}'s sku missing`,
          ),
          status: is4xx,
          invalid: true,
        },
        {
          ...post(
            variant(mid, (it) => ({ ...it, quantity: 1.5 })),
            `${what} with item ${mid}'s quantity 1.5`,
          ),
          status: is4xx,
          invalid: true,
        },
        {
          ...post(JSON.stringify(bulkItem(0)), 'one valid item as an object, not in an array'),
          status: is4xx,
          invalid: true,
        },
      ]
    },
  }
}

// ---------------------------------------------------------------------------------------------
// S9: route scaling

/** The route counts S9 measures, in order; the first is the baseline of the "vs N = …" ratios. */
export const ROUTE_COUNTS = [10, 1000, 5000]

/** Frameworks with a servers/routes-<framework>.mjs; the others are n/a in S9. */
export const ROUTES_FRAMEWORKS = ['brisk', 'fastify-typebox', 'hono', 'express']

const ROUTE_LOADS = (n) => [
  { id: 'first', path: '/api/v1/resource0/42', script: 'get.lua' },
  { id: 'last', path: `/api/v1/resource${n - 1}/42`, script: 'get.lua' },
  { id: '404', path: '/api/v1/nothing/42', script: 'get.lua', non2xx: true },
]

const S9 = {
  title: 'S9 — route scaling: GET /api/v1/resource{i}/{id} among N = 10, 1,000, 5,000 routes',
  units: ROUTE_COUNTS.map((n) => ({
    id: `N${n}`,
    label: `N=${fmtInt(n)}`,
    env: { ROUTES: String(n) },
    // Fastify compiles 5,000 validators in listen(): seconds, more on a busy machine.
    startTimeoutMs: 60_000,
    server: (fw) => {
      if (!ROUTES_FRAMEWORKS.includes(fw)) return undefined
      const file = join(BENCH, 'servers', `routes-${fw}.mjs`)
      return existsSync(file) ? file : undefined
    },
    checks: async () => [
      { path: '/api/v1/resource0/42', status: 200, expect: { resource: 0, id: 42 } },
      { path: `/api/v1/resource${n - 1}/42`, status: 200, expect: { resource: n - 1, id: 42 } },
      ...(n > 2
        ? [{ path: `/api/v1/resource${n >> 1}/7`, status: 200, expect: { resource: n >> 1, id: 7 } }]
        : []),
      { path: '/api/v1/nothing/42', status: 404 },
      { path: `/api/v1/resource${n}/42`, status: 404 },
      { path: `/api/v1/resource${n - 1}/abc`, status: is4xx, invalid: true },
      { path: '/api/v1/resource0/1.5', status: is4xx, invalid: true },
    ],
    loads: ROUTE_LOADS(n),
  })),
  reportLines: () => [
    `S9 servers: \`ROUTES=<N> node bench/servers/routes-<framework>.mjs\` for N = ${ROUTE_COUNTS.map(fmtInt).join(', ')} (${ROUTES_FRAMEWORKS.join(', ')}; other frameworks n/a). One server per framework, N and run: checked, then \`first\` (\`/api/v1/resource0/42\`), \`last\` (\`/api/v1/resource<N-1>/42\`) and \`404\` (\`/api/v1/nothing/42\`) measured in that order, each after its own warm-up. The 404 load's answers are all 404 (checked first); wrk counts them as status errors, kept as \`expected_non_2xx\` in results.json and not flagged ⚠`,
  ],
  table: routeScalingTables,
}

/**
 * S9's results: one table per N (req/s and p99 for first / last / 404, ratios vs Fastify+TypeBox
 * and vs the same framework at the smallest N), then the startup times.
 */
function routeScalingTables(ctx) {
  const { opts, med, failed, label, startups, ratio, fmtMs, median } = ctx
  const loads = ['first', 'last', '404']
  const base = `N${ROUTE_COUNTS[0]}`
  const out = []
  for (const n of ROUTE_COUNTS) {
    const unit = `N${n}`
    out.push(`#### N = ${fmtInt(n)} routes`, '')
    out.push(
      `| framework | first req/s | p99 ms | last req/s | p99 ms | 404 req/s | p99 ms | vs Fastify+TypeBox first / last / 404 | vs own N = ${ROUTE_COUNTS[0]} first / last / 404 | CPU µs/req first / last / 404 |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    )
    for (const fw of opts.frameworks) {
      if (!ROUTES_FRAMEWORKS.includes(fw)) {
        out.push(`| ${label(fw)} | n/a | | | | | | | | |`)
        continue
      }
      const ms = loads.map((l) => med(fw, unit, l))
      if (failed(fw, unit) || ms.every((m) => !m)) {
        out.push(`| ${label(fw)} | FAILED | — | — | — | — | — | — | — | — |`)
        continue
      }
      const cells = ms.flatMap((m) =>
        m ? [`${fmtInt(m.rps)}${m.warn ? ' ⚠' : ''}`, fmtMs(m.p99)] : ['FAILED', '—'],
      )
      const vsRef = loads.map((l, i) => ratio(ms[i]?.rps, med('fastify-typebox', unit, l)?.rps)).join(' / ')
      const vsBase = loads.map((l, i) => ratio(ms[i]?.rps, med(fw, base, l)?.rps)).join(' / ')
      const cpu = ms.map((m) => (Number.isFinite(m?.cpu) ? m.cpu.toFixed(1) : '—')).join(' / ')
      out.push(`| ${label(fw)} | ${cells.join(' | ')} | ${vsRef} | ${vsBase} | ${cpu} |`)
    }
    out.push('')
  }
  out.push('#### Startup (medians over the runs, ms)', '')
  out.push(
    '| framework | N | process start → listening | imports | register routes | listen() | first request |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  const f = (xs) => (xs.length ? median(xs).toFixed(1) : '—')
  for (const fw of opts.frameworks) {
    if (!ROUTES_FRAMEWORKS.includes(fw)) continue
    for (const n of ROUTE_COUNTS) {
      const rec = startups(fw, `N${n}`)
      if (!rec.length) {
        out.push(`| ${label(fw)} | ${fmtInt(n)} | — | — | — | — | — |`)
        continue
      }
      const pick = (k) => rec.map((r) => r[k]).filter(Number.isFinite)
      out.push(
        `| ${label(fw)} | ${fmtInt(n)} | ${f(pick('ready_ms'))} | ${f(pick('imported_ms'))} | ${f(pick('register_ms'))} | ${f(pick('listen_ms'))} | ${f(pick('first_answer_ms'))} |`,
      )
    }
  }
  out.push(
    '',
    "Startup columns: the server prints `BENCH_STARTUP` once listening (`servers/routes-common.mjs`): process start → listening (`performance.now()`), of which the imports (process start → the server module body runs), registering the N routes, and the framework's listen call (Brisk's `app.listen()` compiles every route; Fastify's runs `ready()`, compiling each route's Ajv validator). \"First request\" is the latency run.mjs measured for the first request the server answered (its readiness probe, `GET /`, a 404), which pays for routers built lazily (Hono's).",
    '',
  )
  return out.join('\n')
}

export const LARGE_SCENARIOS = {
  S7: bulkScenario('S7', 64 * 1024, '~64 KiB'),
  S8: bulkScenario('S8', 512 * 1024, '~512 KiB'),
  S9,
}
