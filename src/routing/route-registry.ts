import type { Dependency } from '../di/dependency.js'
import { checkFlag, checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { Handler } from '../handler/handler-context.js'
import type { WebSocketHandler } from '../handler/websocket-handler.js'
import type { DeclaredState } from '../http/state.js'
import { isSchema } from '../schema/standard.js'
import { checkResponses, checkRouteSchemas } from './check-route-schemas.js'
import { checkPrefix, compilePath } from './path-template.js'
import { checkResponseClass, checkResponseOptions, type ResponseClass } from './response-class.js'
import { type HTTPMethod, type ResponsesSpec, ROUTE_OPTIONS, type RouteOptions } from './route-options.js'
import { WEBSOCKET_ROUTE_OPTIONS, type WebSocketRouteOptions } from './websocket-options.js'

/** A route as declared: methods, its own path (without prefixes), options and handler. */
export interface RouteDefinition {
  readonly methods: readonly HTTPMethod[]
  readonly path: string
  readonly options: RouteOptions
  readonly handler: Handler<any, any>
}

/** What an `include` adds on top of the included router's own settings. */
export interface IncludeOptions {
  prefix?: string
  /** Dependencies run before every route's own, their values discarded (FastAPI's `dependencies=`). */
  dependencies?: Dependency<any>[]
  tags?: string[]
  responses?: ResponsesSpec
  deprecated?: boolean
  includeInSchema?: boolean
  /**
   * Names the operations of these routes in OpenAPI, when a route sets no `operationId`; the
   * nearest router's wins (FastAPI's `generate_unique_id_function`).
   *
   * @example
   * new App({ generateOperationId: (route) => `${route.tags[0]}-${route.name}` })
   */
  generateOperationId?: (route: OperationRoute) => string
  /**
   * Document, on every operation with a security scheme, the response the scheme answers missing
   * or malformed credentials with: a 401 `{"detail": "Not authenticated"}` and its
   * `WWW-Authenticate` challenge. Off by default, as in FastAPI, which documents none; the
   * nearest setting wins (route, then router, then include, then app). A status the route
   * declares in `responses` is left as declared.
   */
  openapiSecurityResponses?: boolean
  /**
   * The `responseClass` of every route that sets none; the nearest router's wins (FastAPI's
   * `default_response_class`).
   *
   * @example
   * const pages = new Router({ prefix: '/pages', defaultResponseClass: 'html' })
   */
  defaultResponseClass?: ResponseClass
}

/** What `generateOperationId` is told about a route. */
export interface OperationRoute {
  /** The handler's name (or the route's `name`); empty for an anonymous handler. */
  readonly name: string
  /** The full path, as OpenAPI writes it. */
  readonly path: string
  readonly method: string
  readonly tags: readonly string[]
}

/** Settings a router gives every route it holds. */
export interface RouterOptions extends IncludeOptions {}

/** Every option of `new Router()` and of `include()`, so a misspelt one is refused. */
export const ROUTER_OPTIONS = {
  prefix: true,
  dependencies: true,
  tags: true,
  responses: true,
  deprecated: true,
  includeInSchema: true,
  generateOperationId: true,
  openapiSecurityResponses: true,
  defaultResponseClass: true,
} as const satisfies KnownOptions<RouterOptions>

export type RegistryEntry =
  | { readonly kind: 'route'; readonly route: RouteDefinition }
  /** A WebSocket route: its definition has no methods, and its options are `WebSocketRouteOptions`. */
  | { readonly kind: 'websocket'; readonly route: RouteDefinition }
  | { readonly kind: 'include'; readonly registry: RouteRegistry<any>; readonly options: IncludeOptions }
  /** An app or handler served under a prefix (`app.mount`); what serves it is the app's business. */
  | { readonly kind: 'mount'; readonly prefix: string; readonly target: object }

const METHODS: ReadonlySet<string> = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'TRACE',
])

type WebSocketMethod<S> = {
  <const O extends WebSocketRouteOptions>(path: string, options: O, handler: WebSocketHandler<O, S>): void
  (path: string, handler: WebSocketHandler<{}, S>): void
}

type RouteMethod<S> = {
  <const O extends RouteOptions>(path: string, options: O, handler: Handler<O, S>): void
  (path: string, handler: Handler<{}, S>): void
}

/**
 * Holds routes and included routers in registration order; the base of `Router` and `App`.
 * Includes are kept by reference and flattened when the app builds its route table, so a route
 * added to a router after it was included still appears (FastAPI's lazy included routers).
 */
export class RouteRegistry<S = DeclaredState> {
  readonly #entries: RegistryEntry[] = []
  readonly #settings: IncludeOptions
  readonly #parents = new Set<RouteRegistry<any>>()

  /** `where` names the registry in messages: `new Router()`, `new App()`. */
  constructor(settings: IncludeOptions = {}, where = 'new Router()') {
    checkPrefix(settings.prefix ?? '')
    checkResponses(where, settings.responses)
    checkFlag(where, 'openapiSecurityResponses', settings.openapiSecurityResponses)
    checkResponseClass(`defaultResponseClass of ${where}`, settings.defaultResponseClass)
    this.#settings = settings
  }

  /** The router's own prefix, tags and responses. */
  get settings(): IncludeOptions {
    return this.#settings
  }

  /** Routes and includes in registration order. */
  get entries(): readonly RegistryEntry[] {
    return this.#entries
  }

  /**
   * Called whenever this registry or one it includes (at any depth) gains a route or include;
   * the app overrides it to drop its compiled route table.
   */
  protected routesChanged(): void {}

  /** Hears about `registry`'s changes as if it were included, without serving its routes. */
  protected observe(registry: RouteRegistry<any>): void {
    registry.#parents.add(this)
  }

  #changed(): void {
    this.routesChanged()
    for (const parent of this.#parents) parent.#changed()
  }

  readonly get: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['GET'], path, a, b)
  readonly post: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['POST'], path, a, b)
  readonly put: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['PUT'], path, a, b)
  readonly patch: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['PATCH'], path, a, b)
  readonly delete: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['DELETE'], path, a, b)
  readonly options: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['OPTIONS'], path, a, b)
  readonly head: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['HEAD'], path, a, b)
  readonly trace: RouteMethod<S> = (path: string, a: any, b?: any) => this.route(['TRACE'], path, a, b)

  /**
   * Adds a route answering several methods (FastAPI's `api_route`).
   *
   * @example
   * app.route(['GET', 'POST'], '/ping', () => ({ pong: true }))
   */
  route<const O extends RouteOptions>(
    methods: HTTPMethod[],
    path: string,
    options: O,
    handler: Handler<O, S>,
  ): void
  route(methods: HTTPMethod[], path: string, handler: Handler<{}, S>): void
  route(
    methods: HTTPMethod[],
    path: string,
    a: RouteOptions | Handler<any, any>,
    b?: Handler<any, any>,
  ): void {
    const [options, handler] = typeof a === 'function' ? [{}, a] : [a, b]
    if (typeof handler !== 'function') {
      throw new ConfigError(`Route ${methods.join(',')} ${path} needs a handler function.`)
    }
    const owner = `route ${methods.join(',')} ${path}`
    checkOptions(owner, options, ROUTE_OPTIONS)
    if (methods.length === 0) throw new ConfigError(`Route ${path} declares no method.`)
    for (const method of methods) {
      if (!METHODS.has(method)) throw new ConfigError(`Unknown HTTP method "${method}" for route ${path}.`)
    }
    if (path === '' && (this.#settings.prefix ?? '') === '') {
      throw new ConfigError('A route path may be empty only inside a router with a prefix.')
    }
    if (path !== '') this.checkPath(path)
    checkRouteSchemas(owner, options)
    checkFlag(owner, 'openapiSecurityResponses', options.openapiSecurityResponses)
    checkResponseOptions(owner, options)
    this.#entries.push({ kind: 'route', route: { methods: [...methods], path, options, handler } })
    this.#changed()
  }

  /**
   * Adds a WebSocket route (FastAPI's `@app.websocket`): the handshake's parameters and
   * dependencies are declared, validated and typed as an HTTP route's, and the handler gets the
   * `websocket` to accept, send on and receive from. Routers' prefixes and dependencies apply.
   *
   * @example
   * app.websocket('/items/{item_id}/ws', { path: { item_id: z.int() } }, async ({ path, websocket }) => {
   *   await websocket.accept()
   *   await websocket.sendJson({ item_id: path.item_id })
   * })
   */
  readonly websocket: WebSocketMethod<S> = (path: string, a: any, b?: any) => {
    const [options, handler] = typeof a === 'function' ? [{}, a] : [a, b]
    const owner = `WebSocket route ${path}`
    if (typeof handler !== 'function') throw new ConfigError(`${owner} needs a handler function.`)
    checkOptions(owner, options, WEBSOCKET_ROUTE_OPTIONS)
    if (path === '' && (this.#settings.prefix ?? '') === '') {
      throw new ConfigError('A route path may be empty only inside a router with a prefix.')
    }
    if (path !== '') this.checkPath(path)
    checkRouteSchemas(owner, options)
    if (options.message !== undefined && !isSchema(options.message)) {
      throw new ConfigError(`The message of ${owner} must be a schema: message: z.object({ ... }).`)
    }
    const { invalidMessage } = options as WebSocketRouteOptions
    if (invalidMessage !== undefined && invalidMessage !== 'reply' && invalidMessage !== 'close') {
      throw new ConfigError(`invalidMessage of ${owner} must be 'reply' or 'close'.`)
    }
    this.#entries.push({ kind: 'websocket', route: { methods: [], path, options, handler } })
    this.#changed()
  }

  /** Adds a mount in registration order among the routes (only `App` offers `mount`). */
  protected addMount(prefix: string, target: object): void {
    this.#entries.push({ kind: 'mount', prefix, target })
    this.#changed()
  }

  /**
   * Why this registry cannot be included in another, if it cannot. An `App` has its own
   * middleware, exception handlers and docs, which an include would silently drop.
   */
  protected inclusionRefusal(): string | undefined {
    return undefined
  }

  /** Fails early on a malformed path template; routers that are only documented accept any path. */
  protected checkPath(path: string): void {
    compilePath(path)
  }

  /**
   * Includes a router's routes under an optional extra prefix, tags and responses. The same
   * router may be included several times; including a router in itself is refused.
   *
   * @example
   * app.include(usersRouter, { prefix: '/v1', tags: ['v1'] })
   */
  include(registry: RouteRegistry<any>, options: IncludeOptions = {}): void {
    checkOptions('include()', options, ROUTER_OPTIONS)
    checkPrefix(options.prefix ?? '')
    checkResponses('include()', options.responses)
    checkFlag('include()', 'openapiSecurityResponses', options.openapiSecurityResponses)
    checkResponseClass('defaultResponseClass of include()', options.defaultResponseClass)
    const refusal = registry.inclusionRefusal()
    if (refusal !== undefined) throw new ConfigError(refusal)
    if (registry === this || registry.#contains(this)) {
      throw new ConfigError('A router cannot include itself, directly or through another router.')
    }
    this.#entries.push({ kind: 'include', registry, options })
    registry.#parents.add(this)
    this.#changed()
  }

  #contains(target: RouteRegistry<any>): boolean {
    return this.#entries.some(
      (entry) => entry.kind === 'include' && (entry.registry === target || entry.registry.#contains(target)),
    )
  }
}

/**
 * A group of routes with a shared prefix, tags and responses, included into an app or another
 * router (FastAPI's `APIRouter`).
 *
 * @example
 * const items = new Router({ prefix: '/items', tags: ['items'] })
 * items.get('/{item_id}', { path: { item_id: z.int() } }, ({ path }) => ({ id: path.item_id }))
 * app.include(items)
 */
export class Router<S = DeclaredState> extends RouteRegistry<S> {
  constructor(options: RouterOptions = {}) {
    checkOptions('new Router()', options, ROUTER_OPTIONS)
    super(options)
  }
}

/**
 * Routes that are documented in OpenAPI but never served: the requests your API makes to its
 * clients. Used for a route's `callbacks` (FastAPI's callback routers, whose paths are runtime
 * expressions like `{$callback_url}/invoices/{$request.body.id}`) and for `app.webhooks`, whose
 * "paths" are webhook names like `new-subscription`.
 *
 * @example
 * const invoiceCallbacks = new CallbackRouter()
 * invoiceCallbacks.post('{$callback_url}/invoices/{$request.body.id}', { body: InvoiceEvent },
 *   function invoice_notification() {})
 * app.post('/invoices/', { body: Invoice, callbacks: invoiceCallbacks }, create_invoice)
 */
export class CallbackRouter<S = DeclaredState> extends RouteRegistry<S> {
  readonly documentOnly = true as const

  constructor(options: RouterOptions = {}) {
    checkOptions('new CallbackRouter()', options, ROUTER_OPTIONS)
    super(options, 'new CallbackRouter()')
  }

  protected override checkPath(path: string): void {
    if (path.trim() === '') throw new ConfigError('A documented route needs a path or a name.')
  }
}
