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
}

const PARAM_KEYS = new Set(['path', 'query', 'headers', 'cookies', 'body'])

/**
 * Names every dependency function already receives (its context). An input by one of these names could not be passed: the argument's
 * field is a getter, so the value would be lost or the assignment would throw per request.
 */
export const RESERVED_INPUT_NAMES: ReadonlySet<string> = new Set([
  'request',
  'response',
  'state',
  'ctx',
  'background',
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
} & DependencyContextArgs

/** Context every dependency can read, as handlers do. */
export interface DependencyContextArgs {
  readonly request: Request
  readonly response: import('../http/response-params.js').ResponseParams
  readonly state: Record<string, unknown>
  readonly ctx: import('../http/request-context.js').RequestContext
  /** Tasks to run after the response, shared with the handler and every other dependency. */
  readonly background: import('../http/background-tasks.js').BackgroundTasks
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

  constructor(fn: (args: any) => unknown, inputs: DependencyInputs, options: DependsOptions) {
    this.fn = fn
    this.cache = options.cache ?? true
    this.scope = options.scope ?? 'request'
    this.name = options.name ?? (fn.name || 'anonymous dependency')
    const dependencies = new Map<string, Dependency<any>>()
    const params: DependencyParams = {}
    for (const [key, value] of Object.entries(inputs)) {
      if (key === 'body' && !isSchemaShape(value)) {
        throw new TypeError(
          `The body of dependency ${this.name} must be an object of schemas (its fields of an embedded body).`,
        )
      }
      if (PARAM_KEYS.has(key)) params[key as keyof DependencyParams] = value as never
      else if (RESERVED_INPUT_NAMES.has(key)) {
        throw new TypeError(
          `Input "${key}" of dependency ${this.name} has the name of a field every dependency receives ` +
            `(${[...RESERVED_INPUT_NAMES].join(', ')}); give it another name.`,
        )
      } else if (value instanceof Dependency) dependencies.set(key, value)
      else {
        throw new TypeError(
          `Input "${key}" of dependency ${this.name} is neither a dependency nor one of path, query, headers, cookies, body.`,
        )
      }
    }
    this.dependencies = dependencies
    this.params = params
  }
}

/** An object whose every value is a Standard Schema: a set of named fields. */
function isSchemaShape(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || '~standard' in value || value instanceof Dependency)
    return false
  return Object.values(value).every(
    (field) => field !== null && typeof field === 'object' && '~standard' in field,
  )
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
    throw new TypeError('depends(inputs, fn) needs a function as its second argument.')
  return new Dependency(b, a, c ?? {})
}
