// Runs the `brisk` CLI from source as a child process, the way a user's shell or CI would: real
// argv, stdout, stderr and exit code, with tsx as the loader so no build is needed.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** What a run of the CLI left behind. */
export interface BriskRun {
  code: number | null
  stdout: string
  stderr: string
}

/** The repository's root: the default working directory, so paths read as in the docs. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
// A file URL rather than `--import tsx`, which would be resolved from the child's working directory.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/** Runs `brisk ...args`; kills it after 20 s so a CLI that fails to exit fails the test instead of hanging. */
export function runBrisk(args: string[], options: { cwd?: string } = {}): Promise<BriskRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], {
      cwd: options.cwd ?? ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A failure as the CLI promises to report it: one `brisk: ` line, no stack trace. */
export function isOneLineError(stderr: string): boolean {
  const lines = stderr.trimEnd().split('\n')
  return lines.length === 1 && lines[0]!.startsWith('brisk: ') && !/\n\s+at /.test(stderr)
}
