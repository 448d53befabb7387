import { realpathSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import { parseStaticPath } from './static-path.js'

export const WHERE = 'staticFiles()'

/** Options of `staticFiles()`. */
export interface StaticFilesOptions {
  /** The directory to serve; relative paths are read from the working directory. */
  directory: string
  /**
   * Starlette's HTML mode (default false): a directory serves its `index.html` (a request without
   * the trailing slash is redirected to it first) and a missing file serves the root's `404.html`
   * with status 404.
   */
  html?: boolean
  /**
   * A file of the directory (`'index.html'`) served with status 200 for a missing path when the
   * request is a GET or HEAD that accepts `text/html`: a single-page app's client-side routes.
   * Scripts, images and API calls still get their 404.
   */
  fallback?: string
  /** Names starting with `.` below the directory: `'deny'` (default, a 404 as if missing) or `'allow'`. */
  dotfiles?: 'deny' | 'allow'
  /** Seconds a served file may be cached: `cache-control: public, max-age=…`. None by default. */
  maxAge?: number
  /**
   * Serve `name.br` or `name.gz` beside `name` when the client accepts that coding (default
   * false), with `content-encoding`, the original's type and `vary: accept-encoding`.
   */
  precompressed?: boolean
  /**
   * Follow symlinks that resolve inside the directory (default true). Whatever this says, a
   * symlink that leads out of the directory is never followed; false refuses every symlink.
   */
  followSymlinks?: boolean
  /** Fail at startup when the directory is missing (default true, Starlette's `check_dir`). */
  checkDir?: boolean
}

export const STATIC_FILES_OPTIONS = {
  directory: true,
  html: true,
  fallback: true,
  dotfiles: true,
  maxAge: true,
  precompressed: true,
  followSymlinks: true,
  checkDir: true,
} as const satisfies KnownOptions<StaticFilesOptions>

/** The directory's real path; a missing directory, or a file, is a startup error (Starlette's RuntimeError). */
export function realDirectory(directory: string): string {
  let real: string
  try {
    real = realpathSync(directory)
  } catch {
    throw new ConfigError(
      `${WHERE}: directory "${directory}" does not exist. Create it, fix the path (relative paths are read from ${process.cwd()}), or pass checkDir: false if it appears later.`,
    )
  }
  if (!statSync(real).isDirectory()) {
    throw new ConfigError(`${WHERE}: "${directory}" is not a directory.`)
  }
  return real
}

export function dotfilesOption(value: unknown): boolean {
  if (value === undefined || value === 'deny') return false
  if (value === 'allow') return true
  throw new ConfigError(`dotfiles of ${WHERE} must be 'deny' or 'allow', got ${JSON.stringify(value)}.`)
}

/** The fallback's segments: a plain relative path inside the directory, checked like a request's. */
export function fallbackOption(value: unknown, dotfiles: boolean): readonly string[] | undefined {
  if (value === undefined) return undefined
  const path = typeof value === 'string' ? parseStaticPath(`/${value}`, dotfiles) : undefined
  if (path === undefined || path.segments.length === 0 || path.trailingSlash) {
    throw new ConfigError(
      `fallback of ${WHERE} must name a file inside the directory, such as 'index.html', got ${JSON.stringify(value)}.`,
    )
  }
  return path.segments
}

export function checkFallback(root: string, segments: readonly string[]): void {
  const path = join(root, ...segments)
  let isFile = false
  try {
    isFile = statSync(path).isFile()
  } catch {}
  if (!isFile)
    throw new ConfigError(`${WHERE}: the fallback "${segments.join('/')}" is not a file in ${root}.`)
}
