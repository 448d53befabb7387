// S9 (route scaling): what the routes-*.mjs servers share. Each one registers ROUTES routes
// `GET /api/v1/resource{i}/{id}` (i = 0 … ROUTES-1, id an integer path parameter) answering
// `{ "resource": i, "id": id }`, and prints one BENCH_STARTUP line that run.mjs reads from the
// server's log.

import { performance } from 'node:perf_hooks'

/** How many routes to register, from the ROUTES environment variable (default 10). */
export const ROUTES = (() => {
  const n = Number(process.env.ROUTES ?? 10)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`ROUTES must be a positive integer, got ${process.env.ROUTES}`)
  return n
})()

/** Milliseconds since the process started (performance.timeOrigin is the process start). */
export const now = () => performance.now()

/**
 * Prints the startup timings, all in ms: `imported` (process start → the server module's body
 * runs: Node's boot plus the framework's imports), `register` (adding the routes), `listen`
 * (the framework's listen call until the socket listens; Brisk's app.listen() compiles every
 * route first) and `ready` (process start → listening).
 */
export function reportStartup({ imported, registered, listening }) {
  const ms = (x) => Math.round(x * 100) / 100
  const line = {
    routes: ROUTES,
    imported_ms: ms(imported),
    register_ms: ms(registered - imported),
    listen_ms: ms(listening - registered),
    ready_ms: ms(listening),
  }
  console.log(`BENCH_STARTUP ${JSON.stringify(line)}`)
}
