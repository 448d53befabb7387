// What the stand-alone bench runners (websocket.mjs, shop.mjs) share: servers started on a free
// port pinned to CPU 1 (when there are two CPUs and taskset), stopped with SIGTERM, medians, and
// a block of their own in bench/RESULTS.md.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'

/** Servers on CPU 1, load generators on CPU 0. */
export const pin = availableParallelism() >= 2 && spawnSync('taskset', ['-V']).status === 0

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Starts `node [nodeArgs] file` with PORT set; resolves once something listens on the port. */
export async function startServer(file, { env = {}, nodeArgs = [], cwd, timeoutMs = 20_000 } = {}) {
  const port = await freePort()
  const argv = [...nodeArgs, file]
  const [cmd, rest] = pin ? ['taskset', ['-c', '1', process.execPath, ...argv]] : [process.execPath, argv]
  const child = spawn(cmd, rest, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const up = await new Promise((resolve) => {
      const socket = createServer().listen(port, '127.0.0.1')
      socket.once('listening', () => socket.close(() => resolve(false)))
      socket.once('error', () => resolve(true))
    })
    if (up) return { child, port }
    if (child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  child.kill()
  throw new Error(`${file} did not start`)
}

export function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve()
    child.once('exit', resolve)
    child.kill('SIGTERM')
    setTimeout(() => child.kill('SIGKILL'), 3000).unref()
  })
}

/** `--name <number>` from `args`, or `fallback`. */
export function numberOption(args, name, fallback) {
  const at = args.indexOf(`--${name}`)
  return at === -1 ? fallback : Number(args[at + 1])
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Writes `lines` as the block between `<!-- <name> begin -->` and `<!-- <name> end -->`. */
export function writeResultsBlock(bench, name, lines) {
  const results = join(bench, 'RESULTS.md')
  const begin = `<!-- ${name} begin -->`
  const end = `<!-- ${name} end -->`
  const block = `${begin}\n${lines.join('\n')}\n${end}`
  const current = existsSync(results) ? readFileSync(results, 'utf8') : ''
  const at = current.indexOf(begin)
  writeFileSync(
    results,
    at === -1
      ? `${current.trimEnd()}\n\n${block}\n`
      : current.slice(0, at) + block + current.slice(current.indexOf(end) + end.length),
  )
}
