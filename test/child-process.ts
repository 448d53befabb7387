// Child processes for the tests that need a real one: a server's entry file, the CLI.
import { type ChildProcess, type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'

/** How a child process ended, and what it wrote. */
export interface ChildRun {
  code: number | null
  stdout: string
  stderr: string
}

/** How a fixture is started: extra environment variables, and the user to run it as. */
export interface FixtureOptions {
  env?: Record<string, string>
  uid?: number
}

/** Starts `node --import tsx <file>`; it is killed after 20 s, so a fixture that hangs fails the test. */
export function startFixture(file: string, options: FixtureOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 20_000,
    ...(options.uid !== undefined && { uid: options.uid, gid: options.uid }),
  })
}

/** Runs a fixture to its end. */
export function runFixture(file: string, options: FixtureOptions = {}): Promise<ChildRun> {
  return finished(startFixture(file, options))
}

/** Collects a started child's output (as text) until it exits. */
export function finished(child: ChildProcess): Promise<ChildRun> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/**
 * Waits until what a started child has written (to the streams named) matches `pattern`, and
 * resolves with the match; rejects, with the output so far, if the child exits first or the wait
 * passes `timeoutMs`.
 */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  {
    streams = ['stdout', 'stderr'],
    timeoutMs = 20_000,
  }: { streams?: Array<'stdout' | 'stderr'>; timeoutMs?: number } = {},
): Promise<RegExpExecArray> {
  let output = ''
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer)
      reject(new Error(`${reason}; it wrote:\n${output}`))
    }
    const timer = setTimeout(() => fail(`no output matching ${pattern} in ${timeoutMs} ms`), timeoutMs)
    const read = (chunk: Buffer | string) => {
      output += chunk
      const match = pattern.exec(output)
      if (match === null) return
      clearTimeout(timer)
      resolve(match)
    }
    for (const stream of streams) child[stream]?.on('data', read)
    child.on('exit', (code) => fail(`it exited with ${code} first`))
  })
}
