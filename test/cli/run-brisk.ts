// Runs the `brisk` CLI from source, two ways. `runBriskInProcess` calls `runCli` in this process
// with an in-memory stdout and stderr: fast, and what most tests use. `runBrisk` starts it as a
// child process, the way a user's shell or CI would (real argv, stdout, stderr and exit code, tsx
// as the loader so no build is needed), for the few behaviours only a process has: a module that
// listens or logs while it loads, a top-level await that never settles, and the exit itself.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { runCli } from '../../src/cli/run-cli.js'
import { type ChildRun, finished } from '../child-process.js'

/** What a run of the CLI left behind. */
export type BriskRun = ChildRun

/** The repository's root: the default working directory, so paths read as in the docs. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
// A file URL rather than `--import tsx`, which would be resolved from the child's working directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** Runs `brisk ...args`; kills it after 20 s so a CLI that fails to exit fails the test instead of hanging. */
export function runBrisk(args: string[], options: { cwd?: string } = {}): Promise<BriskRun> {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd: options.cwd ?? ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20_000,
  })
  return finished(child)
}

/** Process-wide listeners a command or the module it loads could leave behind. */
const PROCESS_EVENTS = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection']

/**
 * Runs `brisk ...args` through `runCli` in this process, with `cwd` (default: the repository's
 * root) as the working directory and stdout and stderr kept in memory. The module is imported
 * here, so only use it for modules that merely build an app: one that listens, logs or never
 * settles needs `runBrisk`. The commands send `console` to stderr for the rest of the process
 * (reserve-stdout.ts); that is undone after the run. Fails the test when the run left a process
 * listener, a listening server or a timer behind.
 */
export async function runBriskInProcess(args: string[], options: { cwd?: string } = {}): Promise<BriskRun> {
  const console = globalThis.console
  const listeners = listenerCounts()
  const servers = activeResources('TCPServerWrap')
  const timers = activeResources('Timeout')
  let stdout = ''
  let stderr = ''
  try {
    const code = await runCli(args, {
      cwd: options.cwd ?? ROOT,
      out: async (text) => {
        stdout += text
      },
      err: async (text) => {
        stderr += text
      },
    })
    return { code, stdout, stderr }
  } finally {
    globalThis.console = console
    assert.deepEqual(listenerCounts(), listeners, 'brisk left process listeners behind')
    // At most as many as before: a server the previous test file closed may still be on its way
    // out, a timer it set may still be pending.
    assert.ok(activeResources('TCPServerWrap') <= servers, 'brisk left a server listening')
    assert.ok(activeResources('Timeout') <= timers, 'brisk left a timer running')
  }
}

function listenerCounts(): Record<string, number> {
  return Object.fromEntries(PROCESS_EVENTS.map((event) => [event, process.listenerCount(event)]))
}

/** How many handles of this kind keep the event loop alive (unref'd timers are not counted). */
function activeResources(kind: string): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === kind).length
}

/** A failure as the CLI promises to report it: one `brisk: ` line, no stack trace. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.trimEnd().split('\n')
  return lines.length === 1 && lines[0]!.startsWith('brisk: ') && !/\n\s+at /.test(stderr)
}
