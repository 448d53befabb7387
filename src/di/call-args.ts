import type { BaseHandlerContext } from '../handler/handler-context.js'
import type { BackgroundTasks } from '../http/background-tasks.js'
import type { RequestContext } from '../http/request-context.js'
import type { ResponseParams } from '../http/response-params.js'
import type { DeclaredState } from '../http/state.js'
import type { ValidatedGroups } from '../params/param-group.js'
import { pruneOutput } from '../schema/prune-output.js'

const SENT_FIELDS = { excludeUnset: true, excludeNone: false } as const

/**
 * The single argument a handler (or a dependency function) receives. Validated groups are plain fields; groups the route did
 * not declare fall back to the raw values; `request` and `response` are built on first access so
 * a handler that never touches them costs nothing for them.
 */
export class CallArgs implements BaseHandlerContext {
  readonly ctx: RequestContext
  readonly body: unknown
  /** The JSON the body was parsed from, for `sentBody`. */
  readonly #bodyInput: unknown
  readonly #path: unknown
  readonly #query: unknown
  readonly #headers: unknown
  readonly #cookies: unknown
  readonly #form: unknown
  readonly #files: unknown

  constructor(ctx: RequestContext, groups: ValidatedGroups, body: unknown, bodyInput?: unknown) {
    this.ctx = ctx
    this.#path = groups.path
    this.#query = groups.query
    this.#headers = groups.header
    this.#cookies = groups.cookie
    this.#form = groups.body
    this.#files = groups.files
    this.body = body
    this.#bodyInput = bodyInput
  }

  /**
   * The body with only the fields the client sent (Pydantic's `exclude_unset`), worked out on
   * access from the received JSON, so a route that never reads it pays nothing for it.
   */
  get sentBody(): unknown {
    return pruneOutput(this.body, this.#bodyInput, SENT_FIELDS)
  }

  get path(): unknown {
    return this.#path ?? this.ctx.params
  }

  get query(): unknown {
    return this.#query ?? this.ctx.query
  }

  get headers(): unknown {
    return this.#headers ?? this.ctx.headers
  }

  get cookies(): unknown {
    return this.#cookies ?? this.ctx.cookies
  }

  /** Validated form fields; the raw form when the route declares none of its own. */
  get form(): unknown {
    return this.#form ?? this.ctx.form
  }

  /** The route's validated `files`; the files received by name when it declares none. */
  get files(): unknown {
    return this.#files ?? this.ctx.files
  }

  get state(): DeclaredState {
    return this.ctx.state
  }

  /** The prefix in front of the routed path (FastAPI's `request.scope["root_path"]`). */
  get rootPath(): string {
    return this.ctx.rootPath
  }

  /** Aborted when the client goes away or a graceful shutdown begins (`RequestContext.signal`). */
  get signal(): AbortSignal {
    return this.ctx.signal
  }

  get request(): Request {
    return this.ctx.request
  }

  /** Shared with every dependency of the request (one temporal response, as in FastAPI). */
  get response(): ResponseParams {
    return this.ctx.response
  }

  /** The response parameters if anything used them, without creating them. */
  get usedResponse(): ResponseParams | undefined {
    return this.ctx.usedResponse
  }

  /** Tasks that run after the response has been sent. */
  get background(): BackgroundTasks {
    return this.ctx.background
  }
}
