import type { FetchApp, FetchResult } from './adapters/fetch-adapter.js'
import type { NodeApp } from './adapters/node-server.js'
import type { Reply } from './http/reply.js'
import type { RequestContext } from './http/request-context.js'
import type { ServerErrorHook } from './pipeline/dispatch.js'
import type { WebSocketEndpoints } from './websocket/websocket-endpoints.js'

/**
 * How the adapters, the test client and the benchmarks drive an app: its compiled request path,
 * its lifespan and per-request state. Kept off `App`'s public type, so an app's API is what users
 * call (routes, `listen`, `fetch`, `openapi`) and not the plumbing under it.
 */
export interface AppRuntime extends NodeApp, FetchApp {
  /**
   * Compiles the routes of the app and of the apps mounted in it (configuration errors surface
   * here), then runs the lifespan's startup and the mounted apps' in mount order.
   */
  startup(): Promise<void>
  /** Runs the mounted apps' lifespan shutdowns in reverse mount order, then the app's own. */
  shutdown(): Promise<void>
  /** Compiles the routes of the app and, recursively, of every app mounted in it. */
  compile(): void
  /**
   * Serves a request a parent app's mount handed over (path and root path already shifted): with
   * this app's limits and lifespan state, through its middleware, exception handlers and routes.
   */
  serveMounted(ctx: RequestContext): Reply | Promise<Reply>
  /** A WebSocket handshake a parent app's mount handed over: this app's limits and state, then its routes. */
  enterWebSockets(ctx: RequestContext): WebSocketEndpoints
  /**
   * Like `app.fetch`, reporting unhandled errors to `onServerError` (the test client rethrows
   * them) and telling when the request's after-response work (background tasks, teardowns) is done.
   */
  fetchTracked(request: Request, onServerError?: ServerErrorHook): Promise<FetchResult>
}

const runtimes = new WeakMap<object, AppRuntime>()

/** Called by `App`'s constructor. */
export function registerRuntime(app: object, runtime: AppRuntime): void {
  runtimes.set(app, runtime)
}

/** The runtime of an app. */
export function runtimeOf(app: object): AppRuntime {
  const runtime = runtimes.get(app)
  if (runtime === undefined) throw new TypeError('Expected a Brisk App.')
  return runtime
}
