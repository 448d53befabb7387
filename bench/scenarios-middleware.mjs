// Scenario S10 of bench/run.mjs: S1's `GET /` on the same servers started with BENCH_MIDDLEWARE=1,
// which registers Brisk's requestId + cors + compression, or Fastify's @fastify/cors +
// @fastify/compress + an echoed request id. wrk sends what a browser would (Origin, Accept-Encoding)
// so every middleware does its per-request work; the hello-world body is below both compressors'
// threshold (500 bytes), as most small API answers are. Run it with S1 in the same invocation to
// read its cost against the bare app: the table then has a "vs S1" column.

import { join } from 'node:path'

const fmtInt = (n) => Math.round(n).toLocaleString('en-US')

/** The frameworks whose servers have the S10 middleware; the others are n/a. */
export const MIDDLEWARE_FRAMEWORKS = ['brisk', 'fastify-typebox']

const ORIGIN = 'https://shop.example'
const BROWSER_HEADERS = { Origin: ORIGIN, 'Accept-Encoding': 'gzip, deflate, br' }

/** @param {string} bench the bench/ directory */
export function middlewareScenarios(bench) {
  return {
    S10: {
      title: 'S10 — GET / through cors + compression + requestId (S1 with the middleware registered)',
      units: [
        {
          id: '',
          env: { BENCH_MIDDLEWARE: '1' },
          server: (fw) =>
            MIDDLEWARE_FRAMEWORKS.includes(fw) ? join(bench, 'servers', `${fw}.mjs`) : undefined,
          checks: async () => [
            { path: '/', headers: BROWSER_HEADERS, status: 200, expect: { message: 'Hello, World!' } },
            {
              path: '/',
              headers: BROWSER_HEADERS,
              status: 200,
              header: ['access-control-allow-origin', ORIGIN],
            },
            {
              path: '/',
              headers: { 'x-request-id': 'bench-check-1' },
              status: 200,
              header: ['x-request-id', 'bench-check-1'],
            },
            // The S5 list is past the threshold: it must come back compressed (fetch decodes it).
            {
              path: '/products?limit=100',
              headers: { 'accept-encoding': 'gzip' },
              status: 200,
              header: ['content-encoding', 'gzip'],
            },
            {
              path: '/products?limit=100',
              headers: BROWSER_HEADERS,
              status: 200,
              header: ['content-encoding', 'br'],
            },
          ],
          loads: [{ id: '', path: '/', script: 'get.lua', wrkHeaders: BROWSER_HEADERS }],
        },
      ],
      reportLines: () => [
        `S10 servers: Brisk with \`requestId()\`, \`cors({ allowOrigins: ['${ORIGIN}'] })\`, \`compression({ minimumSize: 500 })\`; Fastify + TypeBox with \`@fastify/cors\` (\`origin: ['${ORIGIN}']\`), \`@fastify/compress\` (\`threshold: 500\`, \`encodings: ['br', 'gzip']\`) and an onRequest hook echoing \`request.id\` (\`genReqId: randomUUID\`, \`requestIdHeader: 'x-request-id'\`); wrk sends \`Origin: ${ORIGIN}\` and \`Accept-Encoding: gzip, deflate, br\``,
      ],
      table: ({ opts, med, failed, label, ratio, fmtMs, medOf }) => {
        const rows = [
          '| framework | req/s | p99 ms | vs Fastify+TypeBox (S10) | vs its own bare S1 (same run) |',
          '| --- | ---: | ---: | ---: | ---: |',
        ]
        const ref = med('fastify-typebox', '', '')
        for (const fw of opts.frameworks) {
          if (!MIDDLEWARE_FRAMEWORKS.includes(fw)) continue
          const m = med(fw, '', '')
          if (failed(fw, '') || !m) {
            rows.push(`| ${label(fw)} | FAILED | — | — | — |`)
            continue
          }
          const bare = medOf(fw, 'S1')
          rows.push(
            `| ${label(fw)} | ${fmtInt(m.rps)}${m.warn ? ' ⚠' : ''} | ${fmtMs(m.p99)} | ${ratio(m.rps, ref?.rps)} | ${bare ? ratio(m.rps, bare.rps) : 'S1 not run'} |`,
          )
        }
        return rows.join('\n')
      },
    },
  }
}
