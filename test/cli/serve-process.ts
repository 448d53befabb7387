// A `brisk dev` or `brisk run` process for the tests that serve over real sockets: started from
// source under tsx, its output collected, and killed by `stopAll()` so a failed test never leaves
// a server (or a cluster of them) running.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { request } from 'node:http'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
const started = new Set<ChildProcessWithoutNullStreams>()

/** A running `brisk` process and everything it has written so far (stdout and stderr together). */
export interface BriskProcess {
  readonly child: ChildProcessWithoutNullStreams
  output(): string
  /** Resolves once the output matches `pattern` `count` times; rejects after `timeoutMs` or on exit. */
  waitFor(pattern: RegExp, count?: number, timeoutMs?: number): Promise<void>
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>
}

/** Starts `brisk ...args` in `cwd` (with `env` added); `stopAll()` kills it (and the processes it started) if it is left running. */
export function startBrisk(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): BriskProcess {
  // detached: its own process group, so `stopAll` can kill the workers or server it started too.
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd,
    detached: true,
    env: { ...process.env, ...env },
  })
  started.add(child)
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      started.delete(child)
      resolve(code ?? signal ?? 'unknown')
    })
  })
  let gone = false
  void exited.then(() => {
    gone = true
  })
  return {
    child,
    output: () => output,
    exited,
    async waitFor(pattern, count = 1, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs
      const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)
      while ((output.match(global)?.length ?? 0) < count) {
        if (gone) throw new Error(`brisk exited before writing ${pattern} ×${count}; it wrote:\n${output}`)
        if (Date.now() > deadline)
          throw new Error(`no ${pattern} ×${count} in ${timeoutMs} ms; brisk wrote:\n${output}`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
  }
}

/** Kills every process `startBrisk` started that is still running, with the processes it started. */
export function stopAll(): void {
  for (const child of started) {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
  started.clear()
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** GET over a new connection (no keep-alive, so each request may reach another worker); fails after 10 s. */
export function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    // A request left unanswered fails the test instead of hanging it.
    req.setTimeout(10_000, () => req.destroy(new Error(`GET ${path}: no answer in 10 s`)))
    req.end()
  })
}
