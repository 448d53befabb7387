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
