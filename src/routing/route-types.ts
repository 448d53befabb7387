import type { Dependency, DependencyValue } from '../di/dependency.js'
import type { BackgroundTasks } from '../http/background-tasks.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { ResponseParams } from '../http/response-params.js'
import type { InferIn, InferOut, Schema } from '../schema/standard.js'
import type { CallbackRouter } from './route-registry.js'

/** The HTTP methods a route can declare. */
export type HTTPMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'TRACE'

/** Named schemas, one per parameter or embedded body field. */
export type SchemaShape = { readonly [key: string]: Schema }

/** A parameter group: an object of schemas, or one object schema (a parameter model). */
export type ParamSpec = SchemaShape | Schema

/** A body: one schema for the whole body, or an object of schemas for an embedded body. */
export type BodySpec = Schema | SchemaShape

/** One entry of `responses`: extra responses documented in OpenAPI (FastAPI's `responses=`). */
export interface ResponseSpec {
  description?: string
  model?: Schema
  content?: Record<string, unknown>
  headers?: Record<string, unknown>
  [extra: string]: unknown
}

/** Extra responses keyed by status code, a range like "4XX", or "default". */
export type ResponsesSpec = Record<string | number, ResponseSpec>

/** Everything a route may declare besides its method, path and handler. All optional. */
export interface RouteOptions {
  path?: ParamSpec
  query?: ParamSpec
  headers?: ParamSpec
  cookies?: ParamSpec
  body?: BodySpec
  /**
   * Fields of an `application/x-www-form-urlencoded` body (FastAPI's `Form`): an object of
   * schemas, or one object schema. Strings are coerced like query parameters; errors have
   * `loc: ["body", field]`. A route reads either `body` (JSON) or `form`, not both.
   */
  form?: ParamSpec
  /** Validates and filters the handler's return value (unknown fields dropped). */
  response?: Schema
  /** Leave out fields the returned value did not set (FastAPI's `response_model_exclude_unset`). */
  responseExcludeUnset?: boolean
  /** Leave out fields whose value is null (FastAPI's `response_model_exclude_none`). */
  responseExcludeNone?: boolean
  /** The success status (default 200). */
  status?: number
  /** The success response's description in OpenAPI (default "Successful Response"). */
  responseDescription?: string
  responses?: ResponsesSpec
  tags?: string[]
  summary?: string
  description?: string
  deprecated?: boolean
  operationId?: string
  /** The route's name (defaults to the handler function's name), used for the operationId. */
  name?: string
  includeInSchema?: boolean
  /** Extra fields deep-merged into the OpenAPI operation. */
  openapi?: Record<string, unknown>
  /**
   * Requests this operation makes to the client's API, documented as OpenAPI `callbacks`: a
   * `CallbackRouter` whose routes are named and pathed as the callbacks (FastAPI's `callbacks=`).
   */
  callbacks?: CallbackRouter<any>
  /** Dependencies whose values the handler receives under these names. */
  deps?: Record<string, Dependency<any>>
  /** Dependencies run for their effect (a check that may throw); their values are discarded. */
  dependencies?: Dependency<any>[]
  /** Maximum request body size in bytes for this route (default: the app's, 1 MiB). */
  bodyLimit?: number
  /** How a returned async iterable is sent: JSON Lines (default) or server-sent events. */
  stream?: 'jsonl' | 'sse'
}

type Lookup<O, K extends string> = O extends { readonly [P in K]: infer V } ? V : undefined

type InferShape<S extends SchemaShape> = { [K in keyof S]: InferOut<S[K]> }

/** The validated type of a parameter group or body declaration. */
export type InferSpec<S, Fallback> = S extends Schema
  ? InferOut<S>
  : S extends SchemaShape
    ? InferShape<S>
    : Fallback

/** Raw values of an undeclared group, as they came in. */
type RawGroup = Record<string, string | string[] | undefined>

/** The state every request starts with: what the app's lifespan yielded. */
export type AppState = Record<string, unknown>

/** What every handler receives, whatever the route declares. */
export interface BaseHandlerContext<State = AppState> {
  /** The request as a web `Request`, built on first access only. */
  readonly request: Request
  /** Sets the status, headers and cookies of the response the handler returns. */
  readonly response: ResponseParams
  /** Tasks to run after the response has been sent. */
  readonly background: BackgroundTasks
  /** Per-request state: a copy of what the lifespan yielded, shared with middleware and dependencies. */
  readonly state: State
  /** The request context middleware see: method, path, raw headers, query, cookies. */
  readonly ctx: RequestContext
}

type DepValues<D> =
  D extends Record<string, Dependency<any>> ? { readonly [K in keyof D]: DependencyValue<D[K]> } : {}

/** The single argument of a handler, typed from its route's declarations. */
export type HandlerContext<O, State = AppState> = BaseHandlerContext<State> &
  DepValues<Lookup<O, 'deps'>> & {
    readonly path: InferSpec<Lookup<O, 'path'>, Record<string, string>>
    readonly query: InferSpec<Lookup<O, 'query'>, RawGroup>
    readonly headers: InferSpec<Lookup<O, 'headers'>, RawGroup>
    readonly cookies: InferSpec<Lookup<O, 'cookies'>, Record<string, string>>
    readonly body: InferSpec<Lookup<O, 'body'>, undefined>
    readonly form: InferSpec<Lookup<O, 'form'>, RawGroup | undefined>
  }

type MaybePromise<T> = T | Promise<T>

/** What a handler may return: a value fitting `response`, a `Reply`, a web `Response` or a stream. */
export type HandlerResult<O> =
  | MaybePromise<
      (Lookup<O, 'response'> extends Schema ? InferIn<Lookup<O, 'response'>> : unknown) | Reply | Response
    >
  | AsyncIterable<unknown>

/** A route handler. */
export type Handler<O, State = AppState> = (context: HandlerContext<O, State>) => HandlerResult<O>
