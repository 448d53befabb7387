// What the package tests share: running npm (asynchronously, so the shard's other files keep their
// event loop) and asking it what `npm pack` would put in Brisk's tarball.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

/** The repository: the folder `npm pack` packs. */
export const ROOT = resolve(import.meta.dirname, '..', '..')

const execFileAsync = promisify(execFile)

/** What a finished command printed. */
export interface Output {
  readonly stdout: string
  readonly stderr: string
}

/** Options of `run`. */
export interface RunOptions {
  readonly cwd: string
  /** The whole environment; this process's by default. */
  readonly env?: NodeJS.ProcessEnv
  readonly timeoutMs?: number
}

/**
 * Runs a program to its end; rejects with an error whose message holds the command and both
 * outputs when it exits non-zero, so a failing assertion shows npm's or tsc's own explanation.
 */
export async function run(file: string, args: readonly string[], options: RunOptions): Promise<Output> {
  try {
    return await execFileAsync(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
      encoding: 'utf8',
    })
  } catch (error) {
    const failed = error as Error & Partial<Output>
    throw new Error(
      `${[file, ...args].join(' ')} (in ${options.cwd}) failed: ${failed.message}\n${failed.stdout ?? ''}\n${failed.stderr ?? ''}`,
      { cause: error },
    )
  }
}

/** One file of the tarball, as `npm pack --json` lists it. */
export interface PackedFile {
  readonly path: string
  readonly size: number
  readonly mode: number
}

/** `npm pack --json`'s report on the tarball it made or would make. */
export interface PackReport {
  readonly filename: string
  readonly files: readonly PackedFile[]
}

/**
 * Packs the repository (or with `dryRun`, lists what it would pack). Scripts are skipped: `prepare`
 * would rebuild dist/ under the other test files, and CI has built it before the tests, so the
 * package is checked as it stands and an unbuilt clone fails here with the fix, not halfway through.
 */
export async function pack(options: { dryRun: boolean; into?: string }): Promise<PackReport> {
  if (!existsSync(join(ROOT, 'dist', 'index.js')) || !existsSync(join(ROOT, 'vendor', 'swagger-ui'))) {
    throw new Error('dist/ or vendor/swagger-ui/ is missing: run `npm run build` before these tests.')
  }
  const args = ['pack', '--json', '--ignore-scripts', ...(options.dryRun ? ['--dry-run'] : [])]
  if (options.into !== undefined) args.push('--pack-destination', options.into)
  const { stdout } = await run('npm', args, { cwd: ROOT })
  const [report] = JSON.parse(stdout) as [PackReport]
  return report
}
