import { ConfigError } from '../errors/config-error.js'

/**
 * Checks the prefix of `app.mount(prefix, target)`: a fixed, normalised path such as `/static` or
 * `/api/v2`. A mount serves `prefix + "/" + anything` (Starlette's `Mount`), so the prefix starts
 * with "/" and ends with none; it is matched against the decoded path, so it holds no `%`, and a
 * `.` or `..` segment or an empty one could never be requested. "/" mounts at the root: the
 * target takes every path no earlier route or mount took (an SPA's files after the API's routes).
 * A path parameter is refused:
 * the mounted app would neither receive it nor be able to declare it in its document.
 *
 * @throws ConfigError saying how to write the prefix
 */
export function checkMountPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string' || prefix === '') {
    throw new ConfigError(
      `app.mount() needs a prefix such as "/static" (or "/" for every path), got ${JSON.stringify(prefix)}.`,
    )
  }
  if (prefix === '/') return prefix
  if (!prefix.startsWith('/') || prefix.endsWith('/')) {
    throw new ConfigError(
      `Mount prefix "${prefix}" must start with "/" and must not end with "/": "/static" serves "/static/…".`,
    )
  }
  const segments = prefix.slice(1).split('/')
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new ConfigError(`Mount prefix "${prefix}" is not normalised: write it without "//", "/." or "/..".`)
  }
  if (/[{}]/.test(prefix)) {
    throw new ConfigError(
      `Mount prefix "${prefix}" has a path parameter: the mounted app could not read it. Mount under a fixed path.`,
    )
  }
  if (/[%?#\\\0-\x20\x7f]/.test(prefix)) {
    throw new ConfigError(
      `Mount prefix "${prefix}" holds a character no decoded path matches as written (%, ?, #, \\, a space or a control character).`,
    )
  }
  return prefix
}

/**
 * Why a new mount prefix cannot join the existing ones, if it cannot: the same prefix twice, or
 * one under an earlier prefix, which the earlier mount would always take first.
 */
export function mountClash(prefix: string, earlier: readonly string[]): string | undefined {
  for (const other of earlier) {
    if (other === prefix) return `"${prefix}" is mounted twice: the second mount would never be reached.`
    if (other === '/') return `"/" is mounted earlier and takes every path: mount "${prefix}" before it.`
    if (prefix.startsWith(`${other}/`)) {
      return `Mount prefix "${prefix}" lies under "${other}", mounted earlier, which takes every path below it: mount "${prefix}" first.`
    }
  }
  return undefined
}
