import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { HTTPException } from '../errors/http-exception.js'
import type { DeclaredState } from '../http/state.js'
import { checkDeclarations } from '../params/check-declarations.js'
import type { SentFields } from '../schema/prune-output.js'
import type { InferOut, Schema } from '../schema/standard.js'

/** When a `yield` dependency's teardown runs: after the response is sent, or before it. */
export type DependencyScope = 'request' | 'function'

/** Options of `depends()`. */
export interface DependsOptions {
  /** Reuse the value within one request wherever the dependency appears (default true). */
  cache?: boolean
  /**
   * For generator dependencies: 'request' (default) runs the code after `yield` once the response
   * has been sent (after a streamed body and background tasks); 'function' runs it as soon as the
   * handler has returned, before the response is sent.
   */
  scope?: DependencyScope
  /** A name for error messages; defaults to the function's name. */
  name?: string
}

const DEPENDS_OPTIONS = {
  cache: true,
  scope: true,
  name: true,
} as const satisfies KnownOptions<DependsOptions>

/** The name of a dependency whose function has none and that was given none. */
export const ANONYMOUS_DEPENDENCY = 'anonymous dependency'

/** Parameter groups a dependency may declare for itself. */
export interface DependencyParams {
  path?: Record<string, Schema> | Schema
  query?: Record<string, Schema> | Schema
  headers?: Record<string, Schema> | Schema
  cookies?: Record<string, Schema> | Schema
  /**
   * Body fields this dependency reads, by name: they join the route's body, which is then an
   * embedded body (`{"item": ..., "user": ...}`), as FastAPI does with body parameters of
   * dependencies.
   */
  body?: Record<string, Schema>
  /**
   * Urlencoded form fields this dependency reads (FastAPI's `Form` in a dependency, as
   * `OAuth2PasswordRequestForm`): they join the route's form.
   */
  form?: Record<string, Schema> | Schema
}

const PARAM_KEYS = new Set(['path', 'query', 'headers', 'cookies', 'body', 'form'])

/**
 * Names every dependency function already receives (its context). An input by one of these names could not be passed: the argument's
 * field is a getter, so the value would be lost or the assignment would throw per request.
 */
export const RESERVED_INPUT_NAMES: ReadonlySet<string> = new Set([
  'sentBody',
  'request',
  'response',
  'state',
  'ctx',
  'background',
  'scopes',
  'rootPath',
  'signal',
])

/** What `depends(inputs, fn)` takes as inputs: other dependencies by name, and parameter groups. */
export type DependencyInputs = DependencyParams & { [name: string]: Dependency<any> | unknown }

/** The value a dependency resolves to. */
export type DependencyValue<D> = D extends Dependency<infer T> ? T : never

type GroupOf<S> = S extends Schema
  ? InferOut<S>
  : S extends Record<string, Schema>
    ? { -readonly [K in keyof S]: InferOut<S[K]> }
    : never

/** What a dependency function receives: its resolved inputs plus the request's context. */
export type DependencyArgs<I> = {
  readonly [K in keyof I]: K extends keyof DependencyParams ? GroupOf<I[K]> : DependencyValue<I[K]>
} & DependencyContextArgs &
  (I extends { body: infer B } ? SentBodyArgs<GroupOf<B>> : {})

/** What a dependency that reads body fields also receives. */
export interface SentBodyArgs<B> {
  /** Its body fields with only what the client sent, at every depth (Pydantic's `exclude_unset`). */
  readonly sentBody: SentFields<B>
}

/** Context every dependency can read, as handlers do. */
export interface DependencyContextArgs {
  readonly request: Request
  readonly response: import('../http/response-params.js').ResponseParams
  /** The request's state: what the lifespan yielded, typed by the declared `State`. */
  readonly state: DeclaredState
  readonly ctx: import('../http/request-context.js').RequestContext
  /** Aborted when the client goes away or a graceful shutdown begins, as the handler's. */
  readonly signal: AbortSignal
  /** The prefix in front of the routed path (FastAPI's `request.scope["root_path"]`). */
  readonly rootPath: string
  /** Tasks to run after the response, shared with the handler and every other dependency. */
  readonly background: import('../http/background-tasks.js').BackgroundTasks
  /**
   * The OAuth2 scopes required along the chain that led to this dependency: every
   * `security(dep, { scopes })` from the route down to here (FastAPI's `SecurityScopes`).
   */
  readonly scopes: SecurityScopes
}

/**
 * The scopes a dependency is required with, accumulated from the route down through every
 * `security(dep, { scopes })` on the way (FastAPI's `SecurityScopes`).
 */
export class SecurityScopes {
  /** Each scope once, outermost first. */
  readonly scopes: readonly string[]
  /** The scopes joined by spaces, as OAuth2 writes them (`WWW-Authenticate: Bearer scope="…"`). */
  readonly scopeStr: string

  constructor(scopes: readonly string[] = []) {
    this.scopes = Object.freeze([...scopes])
    this.scopeStr = scopes.join(' ')
  }
}

/** How a security scheme documents itself: its `components.securitySchemes` entry. */
export interface SecuritySchemeInfo {
  /** The key in `components.securitySchemes` (FastAPI's `scheme_name`, the class name by default). */
  readonly name: string
  /** The Security Scheme Object. */
  readonly scheme: Readonly<Record<string, unknown>>
  /**
   * The error the scheme answers missing or malformed credentials with, built on demand for the
   * document (`openapiSecurityResponses`); undefined, or absent, when it never refuses a request.
   */
  readonly refusal?: () => HTTPException | undefined
}

/** A dependency's result: a value, a promise, or a generator whose first `yield` is the value. */
type Unwrap<R> =
  R extends AsyncGenerator<infer Y, any, any> ? Y : R extends Generator<infer Y, any, any> ? Y : Awaited<R>

/**
 * A value a route (or another dependency) needs, computed once per request: FastAPI's `Depends`.
 * Made with `depends()`; the graph of dependencies is compiled when routes are, and only executed
 * per request.
 */
export class Dependency<T = unknown> {
  /** Phantom field carrying the value type; never set. */
  declare readonly __value: T
  readonly fn: (args: any) => unknown
  readonly dependencies: ReadonlyMap<string, Dependency<any>>
  readonly params: DependencyParams
  readonly cache: boolean
  readonly scope: DependencyScope
  readonly name: string
  /** Scopes this use of the dependency requires (set by `security()`), on top of its callers'. */
  readonly scopes: readonly string[] = []
  /** The dependency as declared: itself, or the one a `security()` wrapper wraps. */
  readonly origin: Dependency<any> = this
  /** Set on security schemes: what the OpenAPI document says about them. */
  readonly securityScheme: SecuritySchemeInfo | undefined

  constructor(
    fn: (args: any) => unknown,
    inputs: DependencyInputs,
    options: DependsOptions,
    securityScheme?: SecuritySchemeInfo,
  ) {
    this.fn = fn
    this.securityScheme = securityScheme
    const named = options.name ?? fn.name
    this.name = named || ANONYMOUS_DEPENDENCY
    checkOptions(`depends() of ${this.name}`, options, DEPENDS_OPTIONS)
    this.cache = options.cache ?? true
    if (typeof this.cache !== 'boolean') {
      throw new ConfigError(
        `Dependency ${this.name} has cache ${JSON.stringify(this.cache)}; cache is true or false.`,
      )
    }
    this.scope = options.scope ?? 'request'
    if (this.scope !== 'request' && this.scope !== 'function') {
      throw new ConfigError(
        `Dependency ${this.name} has scope ${JSON.stringify(this.scope)}; a scope is "request" or "function".`,
      )
    }
    const dependencies = new Map<string, Dependency<any>>()
    const params: DependencyParams = {}
    for (const [key, value] of Object.entries(inputs)) {
      if (PARAM_KEYS.has(key)) params[key as keyof DependencyParams] = value as never
      else if (RESERVED_INPUT_NAMES.has(key)) {
        throw new ConfigError(
          `Input "${key}" of dependency ${this.name} has the name of a field every dependency receives ` +
            `(${[...RESERVED_INPUT_NAMES].join(', ')}); give it another name.`,
        )
      } else if (value instanceof Dependency) dependencies.set(key, value)
      else {
        throw new ConfigError(
          `Input "${key}" of dependency ${this.name} is neither a dependency nor one of path, query, headers, cookies, body.`,
        )
      }
    }
    // A dependency's body is always fields: they join the route's embedded body.
    checkDeclarations(named ? `dependency ${named}` : 'an anonymous dependency', params, true)
    this.dependencies = dependencies
    this.params = params
  }
}

/**
 * Declares a dependency. `fn` may return a value or a promise, or be a generator (sync or async):
 * the value is what it yields first, and the code after `yield` runs as teardown, in reverse order
 * of setup, seeing the handler's error if there was one (it may rethrow or translate it).
 *
 * @example
 * const pagination = depends({ query: { skip: z.int().default(0), limit: z.int().default(100) } },
 *   ({ query }) => query)
 * const getDb = depends(async function* () {
 *   const db = await pool.connect()
 *   try { yield db } finally { db.release() }
 * })
 * app.get('/items', { deps: { page: pagination, db: getDb } }, ({ page, db }) => db.items(page))
 */
export function depends<R>(
  fn: (args: DependencyContextArgs) => R,
  options?: DependsOptions,
): Dependency<Unwrap<R>>
export function depends<const I extends DependencyInputs, R>(
  inputs: I,
  fn: (args: DependencyArgs<I>) => R,
  options?: DependsOptions,
): Dependency<Unwrap<R>>
export function depends(
  a: DependencyInputs | ((args: any) => unknown),
  b?: ((args: any) => unknown) | DependsOptions,
  c?: DependsOptions,
): Dependency<unknown> {
  if (typeof a === 'function') return new Dependency(a, {}, (b as DependsOptions | undefined) ?? {})
  if (typeof b !== 'function')
    throw new ConfigError('depends(inputs, fn) needs a function as its second argument.')
  return new Dependency(b, a, c ?? {})
}

/** Options of `security()`. */
export interface SecurityOptions {
  /** OAuth2 scopes this use requires; they add to the scopes of the callers above it. */
  scopes?: readonly string[]
}

const SECURITY_OPTIONS = { scopes: true } as const satisfies KnownOptions<SecurityOptions>

/**
 * Uses a dependency with OAuth2 scopes (FastAPI's `Security(dep, scopes=[...])`): the scopes are
 * added to those of every caller above it, handed down the chain as `scopes` to each dependency
 * below, and listed in the operation's OpenAPI `security`. The result is the same dependency
 * for overrides; its per-request cache is kept apart per set of scopes, as in FastAPI.
 *
 * @example
 * app.get('/users/me/items/', { deps: { user: security(getCurrentActiveUser, { scopes: ['items'] }) } }, ...)
 */
export function security<T>(dependency: Dependency<T>, options: SecurityOptions = {}): Dependency<T> {
  checkOptions(`security() of ${dependency.name}`, options, SECURITY_OPTIONS)
  const wrapper = Object.create(Dependency.prototype) as Dependency<T>
  Object.assign(wrapper, dependency, {
    scopes: [...dependency.scopes, ...(options.scopes ?? [])],
    origin: dependency.origin,
  })
  return Object.freeze(wrapper)
}
