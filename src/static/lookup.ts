import type { Stats } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import { sep } from 'node:path'
import { HTTPException } from '../errors/http-exception.js'

/** A path of the static directory, as found on disk. */
export interface Found {
  /** The path after resolving symlinks: what is opened and served. */
  readonly real: string
  readonly stats: Stats
}

/** Errors that mean the path names nothing here, so the answer is a 404 like any missing file. */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EINVAL'])

/**
 * Finds `candidate` (the static directory's real path joined with checked segments) if it lies
 * inside `root` once every symlink is resolved, as Starlette's `lookup_path` checks with
 * `realpath` and `commonpath`. Containment is compared per path component (`root + sep` as a
 * prefix), so a sibling directory whose name starts with the root's (`static_disallow` beside
 * `static`) is outside (Starlette CVE-2023-29159). With `followSymlinks` false, a path with any
 * symlink in it is refused as well, even one that stays inside.
 *
 * A permission error is a 403: the file may exist, but this server may not read it.
 */
export async function lookup(
  root: string,
  candidate: string,
  followSymlinks: boolean,
): Promise<Found | undefined> {
  let real: string
  let stats: Stats
  try {
    real = await realpath(candidate)
    if (!isInside(root, real) || (!followSymlinks && real !== candidate)) return undefined
    stats = await stat(real)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== undefined && MISSING.has(code)) return undefined
    if (code === 'EACCES' || code === 'EPERM') throw new HTTPException(403)
    throw error
  }
  return { real, stats }
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep)
}
