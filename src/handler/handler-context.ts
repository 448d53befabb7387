import type { Dependency, DependencyValue } from '../di/dependency.js'
import type { BackgroundTasks } from '../http/background-tasks.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { ResponseParams } from '../http/response-params.js'
import type { DeclaredState } from '../http/state.js'
import type { UploadFile } from '../http/upload-file.js'
import type { SchemaShape } from '../params/param-spec.js'
import type { FilesSpec, InferFiles } from '../params/upload-spec.js'
import type { SentFields } from '../schema/prune-output.js'
import type { InferIn, InferOut, Schema } from '../schema/standard.js'

// The types of what a handler receives and returns, inferred from its route's declarations. They
// live apart from the route options so the routing layer never needs the request's types.

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

/** What every handler receives, whatever the route declares. */
export interface BaseHandlerContext<S = DeclaredState> {
  /** The request as a web `Request`, built on first access only. */
  readonly request: Request
  /** Sets the status, headers and cookies of the response the handler returns. */
  readonly response: ResponseParams
  /** Tasks to run after the response has been sent. */
  readonly background: BackgroundTasks
  /** Per-request state: a copy of what the lifespan yielded, shared with middleware and dependencies. */
  readonly state: S
  /**
   * Aborted when the client goes away before the response is complete, and when a graceful
   * shutdown begins: pass it to `fetch` and database calls. `signal.reason` is a DOMException
   * named `AbortError` ("The client disconnected" or "The server is shutting down").
   */
  readonly signal: AbortSignal
  /** The request context middleware see: method, path, raw headers, query, cookies. */
  readonly ctx: RequestContext
  /**
   * The prefix in front of the routed path that the app does not route on: its `rootPath` (what a
   * proxy strips) and the prefixes of the mounts the request came through (FastAPI's
   * `request.scope["root_path"]`). Put it in front of links the client should follow.
   */
  readonly rootPath: string
}

type DepValues<D> =
  D extends Record<string, Dependency<any>> ? { readonly [K in keyof D]: DependencyValue<D[K]> } : {}

/** The single argument of a handler, typed from its route's declarations. */
export type HandlerContext<O, S = DeclaredState> = BaseHandlerContext<S> &
  DepValues<Lookup<O, 'deps'>> & {
    readonly path: InferSpec<Lookup<O, 'path'>, Record<string, string>>
    readonly query: InferSpec<Lookup<O, 'query'>, RawGroup>
    readonly headers: InferSpec<Lookup<O, 'headers'>, RawGroup>
    readonly cookies: InferSpec<Lookup<O, 'cookies'>, Record<string, string>>
    readonly body: InferSpec<Lookup<O, 'body'>, undefined>
    /**
     * The body with only the fields the client sent, at every depth: no defaults filled in, so a
     * PATCH can apply just those (Pydantic's `model_dump(exclude_unset=True)`). Worked out when
     * read; `undefined` when the route declares no JSON body.
     */
    readonly sentBody: SentFields<InferSpec<Lookup<O, 'body'>, undefined>>
    readonly form: InferSpec<Lookup<O, 'form'>, RawGroup | undefined>
    /** The route's `files`: an `UploadFile`, a list of them, or undefined for an optional one not sent. */
    readonly files: Lookup<O, 'files'> extends FilesSpec
      ? InferFiles<Lookup<O, 'files'>>
      : ReadonlyMap<string, readonly UploadFile[]> | undefined
  }

type MaybePromise<T> = T | Promise<T>

/** A `responseClass` whose body the handler gives as a string: the page, text, URL or path. */
type StringResponseClass = 'html' | 'text' | 'redirect' | 'file'

/**
 * What a handler may return: a value fitting `response`, a `Reply`, a web `Response` or a stream;
 * with a `responseClass` that is not JSON, the string that class sends, a `Reply` or a `Response`.
 */
export type HandlerResult<O> =
  Lookup<O, 'responseClass'> extends StringResponseClass
    ? MaybePromise<string | Reply | Response>
    :
        | MaybePromise<
            | (Lookup<O, 'response'> extends Schema ? InferIn<Lookup<O, 'response'>> : unknown)
            | Reply
            | Response
          >
        | AsyncIterable<unknown>

/** A route handler. */
export type Handler<O, S = DeclaredState> = (context: HandlerContext<O, S>) => HandlerResult<O>
