import type { Dependency } from '../di/dependency.js'
import type { KnownOptions } from '../errors/check-options.js'
import type { ParamSpec } from '../params/param-spec.js'
import type { Schema } from '../schema/standard.js'

/**
 * What a WebSocket route may declare (`app.websocket(path, options, handler)`), all optional. The
 * parameter groups and dependencies are read from the handshake request exactly as an HTTP
 * route's are: coerced, validated, typed; a failure closes the socket with 1008 before it opens.
 */
export interface WebSocketRouteOptions {
  path?: ParamSpec
  query?: ParamSpec
  headers?: ParamSpec
  cookies?: ParamSpec
  /** Dependencies whose values the handler receives under these names. */
  deps?: Record<string, Dependency<any>>
  /** Dependencies run for their effect (a check that may throw); their values are discarded. */
  dependencies?: Dependency<any>[]
  /**
   * The schema every incoming JSON message is validated against: iterating over the socket and
   * `receiveJson()` give validated, typed messages.
   */
  message?: Schema
  /**
   * What an incoming message that fails `message` gets: `'reply'` (default) answers
   * `{"detail": [...]}` with the 422 body's items and waits for the next; `'close'` closes with 1008.
   */
  invalidMessage?: 'reply' | 'close'
  /** The route's name (defaults to the handler function's name), listed by `brisk routes`. */
  name?: string
}

/** Every option of a WebSocket route, so a misspelt one is refused at registration. */
export const WEBSOCKET_ROUTE_OPTIONS = {
  path: true,
  query: true,
  headers: true,
  cookies: true,
  deps: true,
  dependencies: true,
  message: true,
  invalidMessage: true,
  name: true,
} as const satisfies KnownOptions<WebSocketRouteOptions>
