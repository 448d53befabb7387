import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { Middleware } from '../http/middleware.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import { text } from '../http/responses.js'
import { flag, stringList, wholeNumber } from './option-values.js'
import { addVary } from './vary.js'

/** Options of `cors()`, Starlette's `CORSMiddleware` in TypeScript's casing. */
export interface CorsOptions {
  /** Origins allowed to read responses (`https://app.example`), or `['*']` for any. */
  allowOrigins?: readonly string[]
  /** Origins allowed by a pattern matched against the whole `Origin` (Python's `fullmatch`). */
  allowOriginRegex?: string | RegExp
  /** Methods a preflight may ask for (default `['GET']`); `['*']` for all of Starlette's seven. */
  allowMethods?: readonly string[]
  /**
   * Request headers a preflight may ask for, besides the CORS-safelisted `Accept`,
   * `Accept-Language`, `Content-Language` and `Content-Type`; `['*']` for any.
   */
  allowHeaders?: readonly string[]
  /** Lets browsers send cookies and authorization (`Access-Control-Allow-Credentials: true`). */
  allowCredentials?: boolean
  /** Response headers the browser may show to scripts (`Access-Control-Expose-Headers`). */
  exposeHeaders?: readonly string[]
  /** Seconds a browser may cache a preflight's answer (default 600). */
  maxAge?: number
}

const CORS_OPTIONS = {
  allowOrigins: true,
  allowOriginRegex: true,
  allowMethods: true,
  allowHeaders: true,
  allowCredentials: true,
  exposeHeaders: true,
  maxAge: true,
} as const satisfies KnownOptions<CorsOptions>

const WHERE = 'cors()'
const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']
const SAFELISTED_HEADERS = ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type']

/**
 * Cross-origin resource sharing with Starlette's semantics (FASTAPI-CONTRACT §2.4). A preflight
 * (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered here, 200 `OK` or 400
 * `Disallowed CORS origin, method, headers` (the failing parts), without running the route or its
 * security. Other requests with an `Origin` run as usual and get `Access-Control-Allow-Origin`:
 * `*` when any origin is allowed, else the allowed origin echoed with `Vary: Origin`.
 *
 * @throws ConfigError for an unknown option, for no allowed origin at all, and for `'*'` with
 *   `allowCredentials` (Starlette then echoes any origin with credentials; Brisk refuses).
 * @example
 * app.use(cors({ allowOrigins: ['https://shop.example'], allowMethods: ['*'], allowCredentials: true }))
 */
export function cors(options: CorsOptions = {}): Middleware {
  const policy = resolvePolicy(options)
  return function cors(ctx, next) {
    const origin = ctx.header('origin')
    if (origin === undefined) return next()
    if (ctx.method === 'OPTIONS' && ctx.headers['access-control-request-method'] !== undefined) {
      return preflight(policy, ctx, origin)
    }
    return next().then((reply) => withCorsHeaders(policy, reply, origin, ctx.headers.cookie !== undefined))
  }
}

/** Everything a request needs, worked out once from the options. */
interface Policy {
  readonly allowAllOrigins: boolean
  readonly origins: ReadonlySet<string>
  readonly originPattern: RegExp | undefined
  readonly methods: ReadonlySet<string>
  readonly allowAllHeaders: boolean
  /** Lowercase names a preflight may ask for. */
  readonly headers: ReadonlySet<string>
  /** The preflight's origin is echoed (a list of origins, or credentials) rather than `*`. */
  readonly preflightEchoes: boolean
  readonly preflightHeaders: ReadonlyArray<readonly [string, string]>
  readonly simpleHeaders: ReadonlyArray<readonly [string, string]>
}

function resolvePolicy(options: CorsOptions): Policy {
  checkOptions(WHERE, options, CORS_OPTIONS)
  const origins = stringList(WHERE, 'allowOrigins', options.allowOrigins, [])
  let methods = stringList(WHERE, 'allowMethods', options.allowMethods, ['GET'])
  const allowHeaders = stringList(WHERE, 'allowHeaders', options.allowHeaders, [])
  const credentials = flag(WHERE, 'allowCredentials', options.allowCredentials, false)
  const expose = stringList(WHERE, 'exposeHeaders', options.exposeHeaders, [])
  const maxAge = wholeNumber(WHERE, 'maxAge', options.maxAge, 600, { min: 0, max: 2 ** 31 - 1 })
  const originPattern = compilePattern(options.allowOriginRegex)
  checkOrigins(origins, originPattern, credentials)
  if (methods.includes('*')) methods = ALL_METHODS

  const allowAllOrigins = origins.includes('*')
  const allowAllHeaders = allowHeaders.includes('*')
  const preflightEchoes = !allowAllOrigins || credentials
  const simpleHeaders: Array<[string, string]> = []
  if (allowAllOrigins) simpleHeaders.push(['access-control-allow-origin', '*'])
  if (credentials) simpleHeaders.push(['access-control-allow-credentials', 'true'])
  if (expose.length > 0) simpleHeaders.push(['access-control-expose-headers', expose.join(', ')])

  // The same headers, in the same order, as Starlette's `preflight_headers`.
  const preflightHeaders: Array<[string, string]> = [
    preflightEchoes ? ['vary', 'Origin'] : ['access-control-allow-origin', '*'],
    ['access-control-allow-methods', methods.join(', ')],
    ['access-control-max-age', String(maxAge)],
  ]
  const allowed = [...new Set([...SAFELISTED_HEADERS, ...allowHeaders])].sort()
  if (!allowAllHeaders) preflightHeaders.push(['access-control-allow-headers', allowed.join(', ')])
  if (credentials) preflightHeaders.push(['access-control-allow-credentials', 'true'])

  return {
    allowAllOrigins,
    origins: new Set(origins),
    originPattern,
    methods: new Set(methods),
    allowAllHeaders,
    headers: new Set(allowed.map((name) => name.toLowerCase())),
    preflightEchoes,
    preflightHeaders,
    simpleHeaders,
  }
}

/** The pattern anchored at both ends, as Python's `re.fullmatch` (Starlette PR #801). */
function compilePattern(pattern: string | RegExp | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined
  if (typeof pattern !== 'string' && !(pattern instanceof RegExp)) {
    throw new ConfigError(`allowOriginRegex of ${WHERE} must be a string or a RegExp.`)
  }
  const source = typeof pattern === 'string' ? pattern : pattern.source
  // `g` and `y` make `test` stateful (lastIndex), so a second request would see another answer.
  const flags = typeof pattern === 'string' ? '' : pattern.flags.replace(/[gy]/g, '')
  try {
    return new RegExp(`^(?:${source})$`, flags)
  } catch (error) {
    throw new ConfigError(`allowOriginRegex of ${WHERE} is not a valid pattern: ${(error as Error).message}`)
  }
}

function checkOrigins(origins: readonly string[], pattern: RegExp | undefined, credentials: boolean): void {
  if (origins.length === 0 && pattern === undefined) {
    throw new ConfigError(
      `${WHERE} allows no origin: give allowOrigins (['https://app.example'], or ['*'] for any) or allowOriginRegex.`,
    )
  }
  if (credentials && origins.includes('*')) {
    throw new ConfigError(
      `${WHERE} with allowOrigins ['*'] and allowCredentials would let every site make requests with its visitors' cookies and read the answers. List the origins that may (allowOrigins: ['https://app.example']), or drop allowCredentials.`,
    )
  }
  for (const origin of origins) {
    // A browser's Origin is scheme://host[:port], never with a path: such an entry matches nothing.
    if (origin !== '*' && origin !== 'null' && /^[a-z][a-z0-9+.-]*:\/\/[^/]+\/.*$/i.test(origin)) {
      throw new ConfigError(
        `allowOrigins entry ${JSON.stringify(origin)} of ${WHERE} has a path, which an Origin never has: write ${JSON.stringify(origin.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1'))}.`,
      )
    }
  }
}

function isAllowedOrigin(policy: Policy, origin: string): boolean {
  return policy.allowAllOrigins || policy.originPattern?.test(origin) === true || policy.origins.has(origin)
}

/** Starlette's `preflight_response`: the failing parts, in order origin, method, headers. */
function preflight(policy: Policy, ctx: RequestContext, origin: string): Reply {
  const reply = text('OK')
  const headers = reply.headers
  for (const [name, value] of policy.preflightHeaders) headers.set(name, value)
  const failures: string[] = []
  if (isAllowedOrigin(policy, origin)) {
    if (policy.preflightEchoes) headers.set('access-control-allow-origin', origin)
  } else failures.push('origin')
  if (!policy.methods.has(ctx.header('access-control-request-method')!)) failures.push('method')
  const requested = ctx.header('access-control-request-headers')
  if (requested !== undefined) {
    if (policy.allowAllHeaders) headers.set('access-control-allow-headers', requested)
    // Split on commas and trim each part: a regex split of a huge header backtracks (Hono 93fc250d).
    else if (requested.split(',').some((name) => !policy.headers.has(name.trim().toLowerCase()))) {
      failures.push('headers')
    }
  }
  if (failures.length > 0) {
    reply.status = 400
    reply.body = `Disallowed CORS ${failures.join(', ')}`
  }
  return reply
}

/** Starlette's `send` for a request that is not a preflight. */
function withCorsHeaders(policy: Policy, reply: Reply, origin: string, hasCookie: boolean): Reply {
  const headers = reply.headers
  for (const [name, value] of policy.simpleHeaders) headers.set(name, value)
  // A request with cookies gets its origin echoed rather than `*`, as Starlette does.
  if (policy.allowAllOrigins ? hasCookie : isAllowedOrigin(policy, origin)) {
    headers.set('access-control-allow-origin', origin)
    addVary(reply, 'Origin')
  }
  return reply
}
