import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import { isPlainHost, splitHost } from '../http/host.js'
import type { Middleware } from '../http/middleware.js'
import type { RequestContext } from '../http/request-context.js'
import { redirect, text } from '../http/responses.js'
import { flag } from './option-values.js'
import { pathAndQuery } from './redirect-target.js'

/** Options of `httpsRedirect()`. */
export interface HttpsRedirectOptions {
  /**
   * 307 (default, as Starlette) or 308: both make the client repeat the method and body; 308
   * also tells caches and browsers the move is permanent.
   */
  status?: 307 | 308
  /**
   * Believe `X-Forwarded-Proto: https` (default false). Turn it on only when a proxy that sets
   * the header itself stands in front of the app (TLS ends there); from anywhere else a client
   * could claim `https` and skip the redirect (Fastify CVE-2026-3635).
   */
  trustForwardedProto?: boolean
}

const HTTPS_REDIRECT_OPTIONS = {
  status: true,
  trustForwardedProto: true,
} as const satisfies KnownOptions<HttpsRedirectOptions>

const WHERE = 'httpsRedirect()'

/**
 * Redirects every plain-HTTP request to the same URL over HTTPS, Starlette's
 * `HTTPSRedirectMiddleware`: 307, the path and query kept, ports 80 and 443 dropped
 * (`http://example.com:80/a?b=1` → `https://example.com/a?b=1`). A request without a plain
 * `host[:port]` Host gets 400 `Invalid host header`: there is nowhere safe to send it.
 *
 * @example
 * app.use(httpsRedirect({ trustForwardedProto: true })) // behind a TLS-terminating proxy
 */
export function httpsRedirect(options: HttpsRedirectOptions = {}): Middleware {
  checkOptions(WHERE, options, HTTPS_REDIRECT_OPTIONS)
  const status = options.status ?? 307
  if (status !== 307 && status !== 308) {
    throw new ConfigError(`status of ${WHERE} must be 307 or 308, got ${String(status)}.`)
  }
  const trustForwardedProto = flag(WHERE, 'trustForwardedProto', options.trustForwardedProto, false)

  return function httpsRedirect(ctx, next) {
    if (ctx.scheme === 'https' || (trustForwardedProto && forwardedProto(ctx) === 'https')) return next()
    const host = ctx.header('host')
    if (host === undefined || !isPlainHost(host)) return text('Invalid host header', { status: 400 })
    const { name, port } = splitHost(host)
    const netloc = port === '80' || port === '443' || port === '' ? name : `${name}:${port}`
    return redirect(`https://${netloc}${pathAndQuery(ctx.url)}`, status)
  }
}

/**
 * The scheme the nearest proxy saw: the last entry of `X-Forwarded-Proto`, the one it added
 * (entries before it come from further away, or from the client).
 */
function forwardedProto(ctx: RequestContext): string | undefined {
  const header = ctx.header('x-forwarded-proto')
  if (header === undefined) return undefined
  return header
    .slice(header.lastIndexOf(',') + 1)
    .trim()
    .toLowerCase()
}
