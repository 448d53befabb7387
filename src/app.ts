import { handleFetch, handleFetchTracked } from './adapters/fetch-adapter.js'
import { type BriskServer, listen } from './adapters/node-server.js'
import {
  APP_OPTIONS,
  type AppListenOptions,
  type AppOptions,
  checkLimit,
  checkOpenAPIVersion,
  checkRootPath,
} from './app-options.js'
import { type AppRuntime, registerRuntime, runtimeOf } from './app-runtime.js'
import {
  DEFAULT_MULTIPART_LIMITS,
  type MultipartLimits,
  resolveMultipartLimits,
} from './body/multipart-limits.js'
import { DependencyOverrides } from './di/overrides.js'
import { checkFlag, checkOptions } from './errors/check-options.js'
import { ConfigError } from './errors/config-error.js'
import type { Middleware } from './http/middleware.js'
import type { Reply } from './http/reply.js'
import type { RequestContext, RequestLimits } from './http/request-context.js'
import type { DeclaredState } from './http/state.js'
import { LifespanRunner } from './lifespan.js'
import { startMounted, stopMounted } from './mounted-lifespans.js'
import { DOCS_ROUTE_ROLES, docsRouter, openapiUrlOf, swaggerUiPath } from './openapi/docs-routes.js'
import {
  type GeneratedDocument,
  generateOpenAPI,
  type OpenAPIInfo,
  withRootPath,
} from './openapi/document.js'
import type { OpenAPIDocument } from './openapi/types.js'
import type { ErrorLimits } from './params/limit-errors.js'
import { Dispatcher, type MountTarget } from './pipeline/dispatch.js'
import { type ExceptionHandler, ExceptionHandlers } from './pipeline/exception-handlers.js'
import { type FetchHandler, fetchHandlerMount } from './pipeline/fetch-handler-mount.js'
import { consoleLogger, type Logger } from './pipeline/logger.js'
import { compileRoute, type PlanSettings, type RoutePlan } from './pipeline/route-plan.js'
import { checkDuplicateRoutes, checkShadowedRoutes, describeRoute } from './routing/duplicate-routes.js'
import { type FlatMount, type FlatRoute, flattenRoutes } from './routing/flatten.js'
import { checkMountPrefix, mountClash } from './routing/mount-prefix.js'
import { compilePath } from './routing/path-template.js'
import { CallbackRouter, RouteRegistry, type Router } from './routing/route-registry.js'
import { RouteTable, type TableEntry } from './routing/route-table.js'
import { StaticFiles } from './static/static-files.js'
import { type MountedApp, WebSocketEndpoints } from './websocket/websocket-endpoints.js'
import { resolveWebSocketOptions, type WebSocketSettings } from './websocket/websocket-options.js'

/**
 * What `app.mount(prefix, target)` serves: another Brisk app (whole: its middleware, exception
 * handlers, docs and lifespan), a directory (`staticFiles(...)`), a web-standard fetch handler (a Hono app's `app.fetch`), or an
 * object with a `fetch` method (a Hono app itself).
 */
export type Mountable = App<any> | StaticFiles | FetchHandler | { fetch: FetchHandler }

const MIB = 1024 * 1024
/** Root paths `/openapi.json` is kept encoded for (an app, and the mounts it is served through). */
const MAX_OPENAPI_VARIANTS = 16

/**
 * A Brisk application: routes, routers, middleware and exception handlers, served on Node with
 * `listen()` or through `fetch()` anywhere a web `Request` exists.
 *
 * @example
 * const app = new App({ title: 'Shop API' })
 * app.get('/items/{item_id}', { path: { item_id: z.int() } }, ({ path }) => ({ item_id: path.item_id }))
 * await app.listen({ port: 8000 })
 */
export class App<S extends DeclaredState = DeclaredState> extends RouteRegistry<S> {
  readonly title: string
  readonly version: string
  readonly description: string | undefined
  readonly debug: boolean
  #rootPath: string
  readonly logger: Logger
  readonly limits: RequestLimits
  readonly #options: AppOptions<S>
  readonly #lifespan: LifespanRunner<S>
  readonly #errorLimits: ErrorLimits
  readonly #multipart: MultipartLimits
  /** The plumbing adapters use (app-runtime.ts); held here too so `fetch` needs no lookup. */
  readonly #plumbing: AppRuntime
  #state: S | undefined
  readonly #middleware: Middleware[] = []
  readonly #handlers = new ExceptionHandlers()
  /**
   * Replacements for dependencies, read at request time by every route (FastAPI's
   * `app.dependency_overrides`); meant for tests.
   */
  readonly dependencyOverrides = new DependencyOverrides()
  #dispatcher: Dispatcher | undefined
  #routes: FlatRoute[] | undefined
  #websocketRoutes: FlatRoute[] = []
  #websockets: WebSocketEndpoints | undefined
  readonly #websocketSettings: WebSocketSettings
  /** The mounts among `#routes`, each with its place in the route table. */
  #mounts: FlatMount[] = []
  /** Brisk apps mounted in this one, in mount order: their lifespans run with this app's. */
  readonly #mountedApps: App<any>[] = []
  /** The app this one is mounted in, if it is. */
  #mountedIn: App<any> | undefined
  #openapi: GeneratedDocument | Error | undefined
  /** `/openapi.json` as served, by the root path of the request (usually just the app's). */
  readonly #openapiJson = new Map<string, string>()
  /** `/openapi.json`, `/docs`, `/redoc` and their files: matched before the app's own routes. */
  readonly #docs: Router
  /**
   * Requests the API makes to its clients' endpoints, documented under OpenAPI `webhooks` and never
   * served: `app.webhooks.post('new-subscription', { body: Subscription }, function new_subscription() {})`.
   */
  readonly webhooks = new CallbackRouter<S>()

  constructor(options: AppOptions<S> = {}) {
    checkOptions('new App()', options, APP_OPTIONS)
    super(options, 'new App()')
    this.#options = options
    this.#lifespan = new LifespanRunner(options.lifespan, this)
    this.title = options.title ?? 'Brisk'
    this.version = options.version ?? '0.1.0'
    this.description = options.description
    this.debug = options.debug ?? false
    this.#rootPath = checkRootPath(options.rootPath ?? '')
    checkOpenAPIVersion(options.openapiVersion)
    this.logger = options.logger ?? consoleLogger
    const maxQueryParams = options.maxQueryParams ?? 1000
    checkLimit('maxQueryParams', maxQueryParams)
    checkLimit('bodyLimit', options.bodyLimit ?? MIB)
    const maxFormFields = options.maxFormFields ?? 1000
    checkLimit('maxFormFields', maxFormFields)
    checkFlag('new App()', 'requestDecompression', options.requestDecompression)
    this.limits = {
      queryParams: maxQueryParams,
      body: options.bodyLimit ?? MIB,
      formFields: maxFormFields,
      decompression: options.requestDecompression ?? false,
    }
    this.#errorLimits = {
      maxErrors: options.maxValidationErrors ?? 100,
      maxInputLength: options.maxErrorInputLength ?? 1000,
    }
    checkLimit('maxValidationErrors', this.#errorLimits.maxErrors, 1)
    checkLimit('maxErrorInputLength', this.#errorLimits.maxInputLength, 1)
    this.#multipart = resolveMultipartLimits(DEFAULT_MULTIPART_LIMITS, options.multipart, 'new App()')
    this.#websocketSettings = resolveWebSocketOptions(options.websocket)
    this.observe(this.webhooks)
    this.#plumbing = this.#runtime()
    registerRuntime(this, this.#plumbing)
    this.#docs = docsRouter({ ...options, title: this.title }, (rootPath) => this.#openapiJsonFor(rootPath))
  }

  /**
   * The app's OpenAPI document, generated on first use from the routes and cached until a route
   * is added. A duplicate operationId is logged as a warning, as FastAPI does. The object is
   * shared: copy it before changing it.
   */
  openapi(): OpenAPIDocument {
    this.#openapi ??= this.#generateOpenAPI()
    if (this.#openapi instanceof Error) throw this.#openapi
    return this.#openapi.document
  }

  /**
   * The document's JSON for a request's root path: the app's own, or another when the request came
   * through a mount, whose `servers` then name that path. A few are kept; the document is the same.
   */
  #openapiJsonFor(rootPath: string): string {
    let json = this.#openapiJson.get(rootPath)
    if (json === undefined) {
      const document = this.openapi()
      json = JSON.stringify(
        rootPath === this.rootPath ? document : withRootPath(document, this.#info(), rootPath),
      )
      if (this.#openapiJson.size >= MAX_OPENAPI_VARIANTS) this.#openapiJson.clear()
      this.#openapiJson.set(rootPath, json)
    }
    return json
  }

  /**
   * Generates the document once per set of routes. A configuration mistake (two schemas with one
   * id) is remembered too, so `/openapi.json` does not redo the whole generation per request.
   */
  #generateOpenAPI(): GeneratedDocument | Error {
    // A route's callback router can gain routes after it was registered: hear about it.
    for (const route of this.routes) {
      const callbacks = route.definition.options.callbacks
      if (callbacks !== undefined) this.observe(callbacks)
    }
    try {
      const generated = generateOpenAPI(this.routes, this.#info(), this.webhooks)
      for (const warning of generated.warnings) this.logger.warn({}, warning)
      return generated
    } catch (error) {
      if (error instanceof Error) return error
      throw error
    }
  }

  /**
   * Generates the document (or finds it generated) and throws its configuration mistake, if it
   * has one. Any other failure stays for `/openapi.json` to report: it is Brisk's fault, not the
   * app's, and must not keep the API itself from serving.
   */
  #checkOpenAPI(): void {
    this.#openapi ??= this.#generateOpenAPI()
    if (this.#openapi instanceof ConfigError) throw this.#openapi
  }

  #info(): OpenAPIInfo {
    return {
      ...this.#options,
      title: this.title,
      version: this.version,
      description: this.description,
      rootPath: this.rootPath,
      tags: this.#options.openapiTags,
    }
  }

  /** Adds a middleware; the first added runs first (outermost). */
  use(middleware: Middleware): this {
    if (typeof middleware !== 'function') throw new ConfigError('app.use() takes a middleware function.')
    this.#middleware.push(middleware)
    this.#dispatcher = undefined
    return this
  }

  /**
   * Serves `target` under `prefix`: every request to `prefix/…` goes to it, with the prefix added
   * to its root path (Starlette's `Mount`). A mounted Brisk app keeps its own middleware,
   * exception handlers, 404 and 405, docs and `/openapi.json` (whose `servers` name the prefix);
   * it is not listed in this app's document, and its lifespan runs with this one's. A fetch
   * handler is sent the request with the prefix taken off its URL. Mounts and routes match in
   * registration order, the first match winning; `prefix` alone redirects to `prefix/`.
   *
   * @throws ConfigError for a prefix that is empty, not normalised, has a parameter or clashes
   *   with an earlier mount; for an app mounted twice, in itself, or with its own `rootPath`
   * @example
   * const v2 = new App({ title: 'Shop API v2' })
   * v2.get('/items', () => [])
   * app.mount('/v2', v2) // GET /v2/items, docs at /v2/docs
   * app.mount('/legacy', hono) // a Hono app, as it is
   */
  mount(prefix: string, target: Mountable): this {
    checkMountPrefix(prefix)
    const clash = mountClash(
      prefix,
      this.entries.flatMap((entry) => (entry.kind === 'mount' ? [entry.prefix] : [])),
    )
    if (clash !== undefined) throw new ConfigError(clash)
    this.addMount(prefix, this.#mountTarget(prefix, target))
    return this
  }

  #mountTarget(prefix: string, target: Mountable): MountTarget {
    if (target instanceof App) {
      this.#adopt(target)
      const { serveMounted, enterWebSockets } = runtimeOf(target)
      const mounted: MountedApp = { serve: serveMounted, enterWebSockets }
      return mounted
    }
    // Served below the prefix as the app's own routes are, its refusals through this app's
    // exception handlers; not through its `fetch`, which would build a web Request per file.
    if (target instanceof StaticFiles) return target
    if (typeof target === 'function') return fetchHandlerMount(target, prefix)
    if (typeof target === 'object' && target !== null && typeof target.fetch === 'function') {
      const fetch = target.fetch.bind(target)
      return fetchHandlerMount(fetch, prefix)
    }
    throw new ConfigError(
      `app.mount("${prefix}", …) takes a Brisk App, a fetch handler (request) => Response, or an object with a fetch method; got ${target === null ? 'null' : typeof target}.`,
    )
  }

  /** Records `child` as mounted here; an app lives at one place in one tree. */
  #adopt(child: App<any>): void {
    if (child === this) throw new ConfigError('An app cannot be mounted in itself.')
    for (let above = this.#mountedIn; above !== undefined; above = above.#mountedIn) {
      if (above === child) {
        throw new ConfigError('An app cannot be mounted in an app mounted inside it: that would be a loop.')
      }
    }
    if (child.#mountedIn !== undefined) {
      throw new ConfigError(
        `The app "${child.title}" is already mounted: an app is mounted once (its lifespan and docs have one place). Make another App for the second prefix.`,
      )
    }
    if (child.rootPath !== '') {
      throw new ConfigError(
        `The app "${child.title}" has rootPath "${child.rootPath}": a mounted app's root path is its parent's plus the mount prefix. Set rootPath on the outermost app only.`,
      )
    }
    child.#mountedIn = this
    this.#mountedApps.push(child)
  }

  /**
   * Handles an error class (and its subclasses) or an HTTP status. Handlers for 500 or `Error`
   * run outermost, for errors nothing else handled.
   *
   * @example
   * app.exceptionHandler(UnicornError, (ctx, error) => json({ message: `Oops! ${error.name} did something.` }, { status: 418 }))
   */
  exceptionHandler<E>(
    key: (abstract new (...args: any[]) => E) | number,
    handler: ExceptionHandler<E>,
  ): this {
    this.#handlers.add(key, handler)
    this.#dispatcher = undefined
    return this
  }

  /**
   * Every route with its routers' settings applied, in matching order: the docs routes first (as
   * FastAPI adds them when the app is made), untouched by the app's prefix and dependencies.
   */
  get routes(): readonly FlatRoute[] {
    if (this.#routes === undefined) {
      const docs = flattenRoutes(this.#docs)
      const mounts: FlatMount[] = []
      const websockets: FlatRoute[] = []
      const routes = [...docs, ...flattenRoutes(this, undefined, mounts, websockets)]
      this.#websocketRoutes = websockets
      // Mount positions count the app's own routes; the docs routes come before them all.
      this.#mounts = mounts.map((mount) => ({ ...mount, position: mount.position + docs.length }))
      if (this.#options.allowDuplicateRoutes !== true) {
        const describe = (route: FlatRoute) =>
          docs.includes(route)
            ? ` (${DOCS_ROUTE_ROLES[route.definition.options.name ?? ''] ?? 'a docs route'})`
            : describeRoute(route)
        checkDuplicateRoutes(routes, describe)
        checkShadowedRoutes(routes, this.#mounts, describe)
      }
      this.#routes = routes
    }
    return this.#routes
  }

  /** The WebSocket routes, with their routers' prefixes and dependencies, in registration order. */
  get websocketRoutes(): readonly FlatRoute[] {
    void this.routes
    return this.#websocketRoutes
  }

  /** The compiled WebSocket routes; built on first use and whenever routes change. */
  #websocketEndpoints(): WebSocketEndpoints {
    this.#websockets ??= new WebSocketEndpoints({
      routes: this.websocketRoutes,
      plan: this.#planSettings(),
      settings: this.#websocketSettings,
      rootPath: this.rootPath,
      logger: this.logger,
      mounts: this.#mounts,
    })
    return this.#websockets
  }

  /** Runs a web `Request` through the app (tests, Bun, Deno, edge runtimes). */
  fetch = (request: Request): Promise<Response> => handleFetch(this.#plumbing, request)

  /**
   * Starts an HTTP server on Node: compiles every route and runs the lifespan's startup first, so
   * a configuration error or a failing startup rejects before the port is bound. Stopping the
   * server (`close()` or a signal) runs the lifespan's shutdown.
   */
  async listen(options: AppListenOptions = {}): Promise<BriskServer> {
    const { rootPath, ...serverOptions } = options
    if (rootPath !== undefined && rootPath !== this.#rootPath) {
      if (this.#mountedIn !== undefined)
        throw new ConfigError('A mounted app cannot listen under a root path.')
      this.#rootPath = checkRootPath(rootPath)
      this.routesChanged()
    }
    const runtime = this.#plumbing
    await runtime.startup()
    try {
      return await listen(runtime, serverOptions)
    } catch (error) {
      await runtime.shutdown()
      throw error
    }
  }

  /** The path prefix a proxy strips (`rootPath`, or `listen({ rootPath })`). */
  get rootPath(): string {
    return this.#rootPath
  }

  /** The compiled request path; built on first use and whenever routes or middleware change. */
  #compiled(): Dispatcher {
    this.#dispatcher ??= this.#build()
    return this.#dispatcher
  }

  /** The plumbing adapters and the test client use (see app-runtime.ts), bound to this app. */
  #runtime(): AppRuntime {
    const docsPage = swaggerUiPath(this.#options)
    const app = this
    const runtime: AppRuntime = {
      dispatcher: () => this.#compiled(),
      limits: this.limits,
      logger: this.logger,
      get docsPath() {
        return docsPage === undefined ? undefined : app.rootPath + docsPage
      },
      requestState: () => (this.#state === undefined ? {} : { ...this.#state }),
      websockets: () => this.#websocketEndpoints(),
      compile: () => {
        this.#compiled()
        this.#websocketEndpoints()
        for (const child of this.#mountedApps) runtimeOf(child).compile()
      },
      startup: async () => {
        runtime.compile()
        this.#state = (await this.#lifespan.start()) ?? undefined
        try {
          await startMounted(this.#mountedApps.map(runtimeOf))
        } catch (error) {
          await this.#lifespan.stop()
          throw error
        }
      },
      shutdown: async () => {
        try {
          await stopMounted(this.#mountedApps.map(runtimeOf))
        } finally {
          await this.#lifespan.stop()
        }
      },
      serveMounted: (ctx: RequestContext): Reply | Promise<Reply> => {
        ctx.enterMount(this.limits, this.#state)
        return this.#compiled().serve(ctx)
      },
      enterWebSockets: (ctx: RequestContext): WebSocketEndpoints => {
        ctx.enterMount(this.limits, this.#state)
        return this.#websocketEndpoints()
      },
      fetchTracked: (request, onServerError) => handleFetchTracked(runtime, request, onServerError),
    }
    return runtime
  }

  protected override inclusionRefusal(): string {
    return (
      'app.include() takes a Router, not an App: an included App would lose its middleware, exception ' +
      'handlers and docs. Group the routes in a Router to include them, or mount the app with ' +
      'app.mount(prefix, app) to serve it whole under a prefix.'
    )
  }

  protected override routesChanged(): void {
    this.#dispatcher = undefined
    this.#routes = undefined
    this.#websockets = undefined
    this.#openapi = undefined
    this.#openapiJson.clear()
  }

  #planSettings(): PlanSettings {
    return {
      bodyLimit: this.#options.bodyLimit ?? MIB,
      strictContentType: this.#options.strictContentType ?? true,
      overrides: this.dependencyOverrides,
      errorLimits: this.#errorLimits,
      multipart: this.#multipart,
    }
  }

  #build(): Dispatcher {
    const settings = this.#planSettings()
    const entries: TableEntry<RoutePlan | MountTarget>[] = this.routes.map((route) => ({
      kind: 'operation' as const,
      methods: new Set<string>(route.definition.methods),
      template: route.template,
      value: compileRoute(route, settings) as RoutePlan,
    }))
    // Later positions first, so each splice leaves the earlier ones where they were counted.
    for (const mount of [...this.#mounts].reverse()) {
      entries.splice(mount.position, 0, {
        kind: 'mount',
        template: compilePath(mount.prefix),
        value: mount.target as MountTarget,
      })
    }
    // Generated here, once, so that a schema-name clash stops the server from starting; the
    // document is kept for /openapi.json. Apps that serve no document do not pay for it.
    if (openapiUrlOf(this.#options) !== undefined) this.#checkOpenAPI()
    return new Dispatcher({
      table: new RouteTable(entries),
      middleware: [...this.#middleware],
      handlers: this.#handlers,
      rootPath: this.rootPath,
      redirectSlashes: this.#options.redirectSlashes ?? true,
      debug: this.debug,
      logger: this.logger,
    })
  }
}
