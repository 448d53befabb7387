/** A request path read as a place in a static directory. */
export interface StaticPath {
  /** The path's segments, each a plain file or directory name. Empty for the directory itself. */
  readonly segments: readonly string[]
  /** True when the path ended with "/": the client asked for a directory. */
  readonly trailingSlash: boolean
}

/**
 * Reads an already decoded request path (`/css/site.css`) as segments of a static directory, or
 * refuses it (undefined, answered as a missing file). The path is decoded exactly once, by the
 * app before routing, so every guard and the router see the same string (SECURITY-NOTES §0.1);
 * nothing here decodes again, so a double-encoded `%252e%252e` stays the literal name `%2e%2e`.
 *
 * Refused, rather than normalised into something else:
 * - `.` and `..` segments, wherever they are (@fastify/static db4276f: a non-leading `..` once
 *   slipped past a guard that ran after normalisation);
 * - empty segments (`//`, a leading `/` after the first): `/static//etc/passwd` must not become
 *   an absolute path, and a guard on `/static/private/` must not be skipped by `/static//private/`
 *   (Hono CVE-2026-39407);
 * - backslashes (a separator on Windows: Hono CVE-2026-54286), NUL and other control characters
 *   (Starlette answers 404 for NUL), and `:` (Windows drive letters `C:`, UNC-like roots and NTFS
 *   streams such as `file::$DATA`; Starlette CVE-2026-48818 reached the file system with them);
 * - names starting with `.` unless `dotfiles` is true (`.env`, `.git/config`).
 *
 * @example
 * parseStaticPath('/css/site.css', false) // { segments: ['css', 'site.css'], trailingSlash: false }
 * parseStaticPath('/../secret', false) // undefined
 */
export function parseStaticPath(path: string, dotfiles: boolean): StaticPath | undefined {
  if (path.charCodeAt(0) !== SLASH) return undefined
  const trailingSlash = path.charCodeAt(path.length - 1) === SLASH
  const body = path.length > 1 && trailingSlash ? path.slice(1, -1) : path.slice(1)
  if (body === '') return { segments: [], trailingSlash }
  const segments = body.split('/')
  for (const segment of segments) {
    if (!isPlainName(segment, dotfiles)) return undefined
  }
  return { segments, trailingSlash }
}

/** True for a name that means only itself on every file system Node runs on. */
export function isPlainName(name: string, dotfiles: boolean): boolean {
  if (name === '' || name === '.' || name === '..') return false
  if (!dotfiles && name.charCodeAt(0) === DOT) return false
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i)
    if (code < 0x20 || code === 0x7f || code === BACKSLASH || code === COLON) return false
  }
  return true
}

const SLASH = 0x2f
const DOT = 0x2e
const BACKSLASH = 0x5c
const COLON = 0x3a
