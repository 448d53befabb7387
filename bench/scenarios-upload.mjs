// Scenario S11 of bench/run.mjs: POST /upload of a 1 MiB file as multipart/form-data; the handler
// reads the file's size and answers `{"size": 1048576}`. Brisk (`files: { file: upload() }`)
// against Fastify + @fastify/multipart, the two stacks issue 13 compares. Uploads are where a
// server's memory goes, so the table reports each server's peak RSS next to req/s.

import { dirname, join, relative } from 'node:path'
import {
  BOUNDARY,
  CONTENT_TYPE,
  fileBytes,
  multipartBody,
  writeMultipartBody,
} from './fixtures/multipart.mjs'

const fmtInt = (n) => Math.round(n).toLocaleString('en-US')
const is4xx = (s) => s >= 400 && s < 500
const MIB = 1024 * 1024

/** The frameworks with an /upload route; the others are n/a. */
export const UPLOAD_FRAMEWORKS = ['brisk', 'fastify-typebox']

/** @param {string} bench the bench/ directory */
export function uploadScenarios(bench) {
  const file = join(bench, '.runs', 'upload-S11.bin')
  let body // built and written once per invocation, on first use
  const get = () => {
    if (!body) {
      body = multipartBody(fileBytes(MIB))
      writeMultipartBody(file, body)
    }
    return body
  }
  const post = (send, label, contentType = CONTENT_TYPE) => ({
    method: 'POST',
    path: '/upload',
    headers: { 'content-type': contentType },
    send,
    label,
  })
  // As S7/S8: at a few hundred requests a second 50 connections wait well under 10 s; past wrk's
  // default 2 s a slow server's answers would count as socket errors instead of latency.
  const wrkOptions = ['--timeout', '10s']
  const wrkScriptArgs = () => [file, CONTENT_TYPE]
  return {
    S11: {
      title: 'S11 — POST /upload, a 1 MiB file as multipart/form-data (handler answers its size)',
      units: [
        {
          id: '',
          server: (fw) => (UPLOAD_FRAMEWORKS.includes(fw) ? join(bench, 'servers', `${fw}.mjs`) : undefined),
          checks: async () => [
            { ...post(get(), 'the S11 body (1 MiB file)'), status: 200, expect: { size: MIB } },
            // Another size, so a server answering a constant would fail.
            {
              ...post(multipartBody(fileBytes(1000)), 'a 1,000-byte file'),
              status: 200,
              expect: { size: 1000 },
            },
            { ...post('{}', 'JSON, no file', 'application/json'), status: is4xx },
          ],
          loads: [
            {
              id: '',
              path: '/upload',
              script: 'post-bulk.lua',
              wrkOptions,
              wrkScriptArgs,
            },
          ],
        },
      ],
      // Only for the Load line of the report (the unit's load above is what runs).
      wrkOptions,
      wrkScriptArgs,
      prepare: () => {
        get()
      },
      reportLines: () => [
        `S11 body: one \`file\` part (\`filename="upload.bin"\`, \`application/octet-stream\`) of ${fmtInt(MIB)} bytes of LCG noise, ${fmtInt(get().length)} bytes in all with boundary \`${BOUNDARY}\`, written once per invocation to \`${relative(dirname(bench), file)}\` and sent by \`wrk/post-bulk.lua\` (\`-- <file> '${CONTENT_TYPE}'\`); expected answer \`{"size":${MIB}}\`. Servers: Brisk \`files: { file: upload() }\` → \`files.file.size\` (default limits; a file of exactly \`spoolThreshold\`, 1 MiB, stays in memory); Fastify + TypeBox with \`@fastify/multipart\` registered in the route's own plugin scope (\`limits.fileSize\` 10 MiB, Brisk's default), \`await request.file()\` and its stream's bytes counted. Peak RSS is the server's \`VmHWM\` (\`/proc/<pid>/status\`) read after the measured run: its lifetime peak, checks and warm-up included`,
      ],
      table: ({ opts, med, failed, label, ratio, fmtMs, median }) => {
        const rows = [
          '| framework | req/s | p99 ms | CPU µs/req | peak RSS MiB | vs Fastify+TypeBox req/s | peak RSS vs Fastify+TypeBox |',
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
        ]
        const rss = (m) => median(m.runs.map((r) => r.peak_rss_kb).filter(Number.isFinite)) / 1024
        const ref = med('fastify-typebox', '', '')
        for (const fw of opts.frameworks) {
          if (!UPLOAD_FRAMEWORKS.includes(fw)) continue
          const m = med(fw, '', '')
          if (failed(fw, '') || !m) {
            rows.push(`| ${label(fw)} | FAILED | — | — | — | — | — |`)
            continue
          }
          const mib = rss(m)
          rows.push(
            `| ${label(fw)} | ${fmtInt(m.rps)}${m.warn ? ' ⚠' : ''} | ${fmtMs(m.p99)} | ${Number.isFinite(m.cpu) ? m.cpu.toFixed(1) : '—'} | ${Number.isFinite(mib) ? mib.toFixed(1) : '—'} | ${ratio(m.rps, ref?.rps)} | ${ref ? ratio(mib, rss(ref)) : '—'} |`,
          )
        }
        return rows.join('\n')
      },
    },
  }
}
