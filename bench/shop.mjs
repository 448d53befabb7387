#!/usr/bin/env node
// The shop's catalogue through its whole stack, on PostgreSQL:
// `node bench/shop.mjs [--runs 3] [--duration 5] [--products 1000]`.
//
// S12a `GET /products/{id}` and S12b `GET /products?page=3&limit=20` against examples/shop (Brisk:
// request ids, CORS, compression, the access log at level silent, zod, Drizzle on `pg`) and
// Fastify serving the same two routes with the same Drizzle queries
// (servers/shop-fastify.mjs), both run with tsx on one scratch database of the PostgreSQL that
// BENCH_POSTGRES_URL names (default: Debian's on 127.0.0.1:5432, as .ci/run starts it), migrated
// and filled with `--products` products once. wrk on CPU 0, the server on CPU 1; PostgreSQL's
// own processes are not pinned and serve both alike. Frameworks alternate per run; medians.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { median, numberOption, pin, startServer, stop, writeResultsBlock } from './processes.mjs'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = dirname(BENCH)
const args = process.argv.slice(2)
const option = (name, fallback) => numberOption(args, name, fallback)
const RUNS = option('runs', 3)
const DURATION = option('duration', 5)
const PRODUCTS = option('products', 1000)
const CONNECTIONS = 50
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432/postgres'

const SERVERS = {
  brisk: { label: 'Brisk (examples/shop)', file: 'servers/shop-brisk.mjs' },
  fastify: { label: 'Fastify + @fastify/cors + @fastify/compress', file: 'servers/shop-fastify.mjs' },
}
const PATHS = {
  'GET /products/{id}': '/products/42',
  'GET /products?page=3&limit=20': '/products?page=3&limit=20',
}

async function admin(statement) {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

// One scratch database: migrated by the shop's own startup, then filled.
const name = `brisk_bench_shop_${randomBytes(4).toString('hex')}`
await admin(`CREATE DATABASE "${name}"`)
const url = new URL(ADMIN_URL)
url.pathname = `/${name}`
const DATABASE_URL = url.href
const env = { DATABASE_URL, NODE_ENV: 'production', SECRET_KEY: randomBytes(32).toString('hex') }
const nodeArgs = ['--import', 'tsx']

try {
  // Migrate and seed through the shop itself, then add products to page through.
  const seeding = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `
      const { connect } = await import('./examples/shop/db/session.ts')
      const { seedDemoData } = await import('./examples/shop/db/seed.ts')
      const { products } = await import('./examples/shop/db/schema.ts')
      const database = await connect({ databaseUrl: process.env.DATABASE_URL, dataDir: undefined })
      await seedDemoData(database.db)
      const rows = Array.from({ length: ${PRODUCTS} }, (_, i) => ({
        slug: 'bench-' + i, name: 'Bench product ' + String(i).padStart(5, '0'),
        description: 'A product for the benchmark, number ' + i, price: (1 + (i % 97) + 0.99).toFixed(2),
        categoryId: 1 + (i % 3), stock: 100,
      }))
      for (let i = 0; i < rows.length; i += 500) await database.db.insert(products).values(rows.slice(i, i + 500))
      await database.close()
    `,
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL }, stdio: 'inherit' },
  )
  if (seeding.status !== 0) throw new Error('seeding the bench database failed')

  const rates = Object.fromEntries(
    Object.keys(SERVERS).map((s) => [s, Object.fromEntries(Object.keys(PATHS).map((p) => [p, []]))]),
  )
  const bodies = {}
  for (let run = 0; run < RUNS; run++) {
    const order = Object.keys(SERVERS)
    if (run % 2 === 1) order.reverse()
    for (const server of order) {
      const { child, port } = await startServer(join(BENCH, SERVERS[server].file), {
        env,
        nodeArgs,
        cwd: ROOT,
      })
      try {
        for (const [label, path] of Object.entries(PATHS)) {
          const response = await fetch(`http://127.0.0.1:${port}${path}`)
          if (response.status !== 200) throw new Error(`${server} ${path}: ${response.status}`)
          const body = await response.json()
          bodies[label] ??= body
          if (JSON.stringify(body) !== JSON.stringify(bodies[label]))
            throw new Error(`${server} ${path} answers differently`)
          wrk(port, path, 2) // warm-up
          const rate = wrk(port, path, DURATION)
          rates[server][label].push(rate)
          console.log(`run ${run + 1} ${SERVERS[server].label} ${label}: ${Math.round(rate)} req/s`)
        }
      } finally {
        await stop(child)
      }
    }
  }

  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
    cwd: ROOT,
    encoding: 'utf8',
  }).stdout.trim()
  const lines = [
    '### The shop on PostgreSQL (bench/shop.mjs)',
    '',
    `${new Date().toISOString().slice(0, 10)}, commit ${commit}, ${availableParallelism()} CPUs, load average ${loadavg()[0].toFixed(2)}, ${pin ? 'server on CPU 1, wrk on CPU 0 (PostgreSQL unpinned)' : 'unpinned'}; \`node bench/shop.mjs --runs ${RUNS} --duration ${DURATION} --products ${PRODUCTS}\`, ${CONNECTIONS} connections, medians of ${RUNS} runs. ${PRODUCTS} products plus the demo data; both servers answer byte-identical JSON (checked each run).`,
    '',
    '| route | Brisk req/s | Fastify req/s | Brisk vs Fastify |',
    '| --- | ---: | ---: | ---: |',
    ...Object.keys(PATHS).map((label) => {
      const brisk = median(rates.brisk[label])
      const fastify = median(rates.fastify[label])
      return `| \`${label}\` | ${Math.round(brisk).toLocaleString('en')} | ${Math.round(fastify).toLocaleString('en')} | ${(brisk / fastify).toFixed(2)}x |`
    }),
  ]
  console.log(`\n${lines.join('\n')}`)
  writeResultsBlock(BENCH, 'bench/shop.mjs', lines)
} finally {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
}

/** wrk's requests per second for `path`; fails on any non-2xx answer or socket error. */
function wrk(port, path, seconds) {
  const argv = [
    '-t1',
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    '-s',
    join(BENCH, 'wrk', 'get.lua'),
    `http://127.0.0.1:${port}${path}`,
  ]
  const [cmd, rest] = pin ? ['taskset', ['-c', '0', 'wrk', ...argv]] : ['wrk', argv]
  const run = spawnSync(cmd, rest, { encoding: 'utf8' })
  const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '))
  if (run.status !== 0 || line === undefined) throw new Error(`wrk failed: ${run.stderr}${run.stdout}`)
  const result = JSON.parse(line.slice('BENCH_JSON '.length))
  const errors = result.status_errors + result.connect + result.read + result.write + result.timeout
  if (errors > 0) throw new Error(`wrk saw ${errors} errors on ${path}`)
  return result.requests / (result.duration_us / 1e6)
}
