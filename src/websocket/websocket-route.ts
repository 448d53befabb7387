import { ConfigError } from '../errors/config-error.js'
import type { RequestContext } from '../http/request-context.js'
import { compileRoutePlan, type PlanSettings } from '../pipeline/route-plan.js'
import type { FlatRoute } from '../routing/flatten.js'
import type { WebSocketRouteOptions } from '../routing/websocket-options.js'
import { compileMessageCheck } from './message-check.js'
import type { IncomingSettings, WebSocket } from './websocket.js'

/** A WebSocket route compiled once: its handshake's parameters and dependencies, then its handler. */
export interface WebSocketPlan {
  readonly route: FlatRoute
  readonly incoming: IncomingSettings
  /** Validates the handshake, resolves dependencies and runs the handler with `socket`. */
  run(ctx: RequestContext, socket: WebSocket<any, any>): unknown
}

// Beside the request rather than on it: only this route's last step and `websocketOf` read it.
const sockets = new WeakMap<RequestContext, WebSocket<any, any>>()

/**
 * The WebSocket of a handshake, for a dependency that needs it (FastAPI's `websocket: WebSocket`
 * parameter of a dependency); undefined for an HTTP request.
 *
 * @example
 * const subprotocol = depends(({ ctx }) => websocketOf(ctx)?.subprotocols[0])
 */
export function websocketOf(ctx: RequestContext): WebSocket<any, any> | undefined {
  return sockets.get(ctx)
}

/**
 * Compiles a WebSocket route with the HTTP route plan (one parameter reader, one dependency
 * solver): its last step hands the handler the socket instead of making a reply, and the plan's
 * teardown of yield dependencies runs when the handler has finished with the socket.
 */
export function compileWebSocketRoute(route: FlatRoute, settings: PlanSettings): WebSocketPlan {
  const options = route.definition.options as WebSocketRouteOptions
  if (options.deps !== undefined && 'websocket' in options.deps) {
    throw new ConfigError(
      `WebSocket route ${route.template.source} names a dependency "websocket", which the handler context already uses; pick another name.`,
    )
  }
  const handler = route.definition.handler as (args: unknown) => unknown
  const plan = compileRoutePlan(route, settings, (args) => {
    Object.defineProperty(args, 'websocket', { value: sockets.get(args.ctx), enumerable: true })
    return handler(args)
  })
  const incoming: IncomingSettings = {
    check: options.message === undefined ? undefined : compileMessageCheck(options.message),
    invalidMessage: options.invalidMessage ?? 'reply',
  }
  return {
    route,
    incoming,
    run(ctx, socket) {
      sockets.set(ctx, socket)
      return plan.run(ctx)
    },
  }
}
