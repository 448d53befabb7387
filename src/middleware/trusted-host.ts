import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import { isPlainHost, splitHost } from '../http/host.js'
import type { Middleware } from '../http/middleware.js'
import { redirect, text } from '../http/responses.js'
import { flag, stringList } from './option-values.js'
import { pathAndQuery } from './redirect-target.js'

/** Options of `trustedHost()`, Starlette's `TrustedHostMiddleware`. */
export interface TrustedHostOptions {
  /**
   * The host names the app answers to (`api.example.com`), a wildcard for every subdomain of one
   * (`*.example.com`, which does not cover `example.com` itself), or `'*'` for any host.
   */
  allowedHosts: readonly string[]
  /**
   * Redirect `example.com` to `www.example.com` (307, path and query kept) when only the `www.`
   * name is allowed (default true).
   */
  wwwRedirect?: boolean
}

const TRUSTED_HOST_OPTIONS = {
  allowedHosts: true,
  wwwRedirect: true,
} as const satisfies KnownOptions<TrustedHostOptions>

const WHERE = 'trustedHost()'

/**
 * Answers only requests whose `Host` header names an allowed host; any other gets Starlette's 400
 * `Invalid host header` before anything else runs. This guards against DNS rebinding and against
 * links and redirects built from a forged Host. The port is ignored, names compare
 * case-insensitively, and a Host that is not a plain `host[:port]` is refused.
 *
 * @throws ConfigError for an unknown option, no `allowedHosts`, an empty list, or a wildcard not
 *   of the form `*.example.com`.
 * @example
 * app.use(trustedHost({ allowedHosts: ['example.com', '*.example.com'] }))
 */
export function trustedHost(options: TrustedHostOptions): Middleware {
  checkOptions(WHERE, options, TRUSTED_HOST_OPTIONS)
  if (options?.allowedHosts === undefined) {
    throw new ConfigError(
      `${WHERE} needs allowedHosts: the host names the app answers to, e.g. ['api.example.com'].`,
    )
  }
  const patterns = stringList(WHERE, 'allowedHosts', options.allowedHosts, []).map(checkPattern)
  if (patterns.length === 0) {
    throw new ConfigError(
      `allowedHosts of ${WHERE} is empty, which refuses every request; list the app's host names.`,
    )
  }
  const wwwRedirect = flag(WHERE, 'wwwRedirect', options.wwwRedirect, true)
  if (patterns.includes('*')) return (_ctx, next) => next()
  const exact = new Set(patterns.filter((pattern) => !pattern.startsWith('*')))
  // `*.example.com` becomes `.example.com`, the ending a subdomain's name has.
  const endings = patterns.filter((pattern) => pattern.startsWith('*')).map((pattern) => pattern.slice(1))

  return function trustedHost(ctx, next) {
    const host = ctx.header('host')
    if (host === undefined || !isPlainHost(host)) return invalidHost()
    const { name } = splitHost(host)
    if (exact.has(name)) return next()
    for (const ending of endings) if (name.endsWith(ending)) return next()
    if (wwwRedirect && exact.has(`www.${name}`)) {
      return redirect(`${ctx.scheme}://www.${host}${pathAndQuery(ctx.url)}`)
    }
    return invalidHost()
  }
}

function invalidHost() {
  return text('Invalid host header', { status: 400 })
}

/** Starlette's rule for wildcards ("Domain wildcard patterns must be like '*.example.com'"). */
function checkPattern(pattern: string): string {
  const wildcardElsewhere = pattern.slice(1).includes('*')
  const badStart = pattern.startsWith('*') && pattern !== '*' && !pattern.startsWith('*.')
  if (wildcardElsewhere || badStart) {
    throw new ConfigError(
      `allowedHosts entry ${JSON.stringify(pattern)} of ${WHERE}: domain wildcard patterns must be like '*.example.com'.`,
    )
  }
  if (pattern.includes(':') && !pattern.startsWith('[')) {
    throw new ConfigError(
      `allowedHosts entry ${JSON.stringify(pattern)} of ${WHERE} has a port; hosts are matched without it, so write ${JSON.stringify(pattern.split(':')[0])}.`,
    )
  }
  return pattern.toLowerCase()
}
