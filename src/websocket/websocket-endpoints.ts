import { HTTPException } from '../errors/http-exception.js'
import { RequestValidationError } from '../errors/request-validation-error.js'
import { WebSocketDisconnect } from '../errors/websocket-disconnect.js'
import { WebSocketException } from '../errors/websocket-exception.js'
import type { RequestContext } from '../http/request-context.js'
import { describeServerError } from '../pipeline/describe-server-error.js'
import { type MountTarget, routingPath } from '../pipeline/dispatch.js'
import type { Logger } from '../pipeline/logger.js'
import type { PlanSettings } from '../pipeline/route-plan.js'
import type { FlatMount, FlatRoute } from '../routing/flatten.js'
import { compilePath } from '../routing/path-template.js'
import { RouteTable, type TableEntry } from '../routing/route-table.js'
import { CloseCode, fitCloseReason } from './close-codes.js'
import { originAllowed } from './origin-check.js'
import type { WebSocketTransport } from './transport.js'
import { WebSocket } from './websocket.js'
import type { WebSocketSettings } from './websocket-options.js'
import { compileWebSocketRoute, type WebSocketPlan } from './websocket-route.js'

/** What the endpoints are built with, once per set of routes. */
export interface WebSocketEndpointsInit {
  readonly routes: readonly FlatRoute[]
  readonly plan: PlanSettings
  readonly settings: WebSocketSettings
  readonly rootPath: string
  readonly logger: Logger
  /** The app's mounts: those of Brisk apps (`MountedApp`) serve their WebSocket routes below their prefixes. */
  readonly mounts?: readonly FlatMount[]
}

/** A mounted Brisk app's mount target: its HTTP entry, and its WebSocket routes'. */
export interface MountedApp extends MountTarget {
  /** Moves the handshake into the app (its limits and state) and gives its WebSocket routes. */
  enterWebSockets(ctx: RequestContext): WebSocketEndpoints
}

type Entry = { kind: 'plan'; plan: WebSocketPlan } | { kind: 'mount'; app: MountedApp }

const JSON_TYPE = { 'content-type': 'application/json' }

/**
 * An app's WebSocket routes, compiled: routes a handshake, refuses what must be refused before
 * the upgrade (bad path, origin, no route), then runs the route and maps how it ended to a close
 * code, FastAPI's way: invalid parameters 1008, `WebSocketException` its code, an unexpected
 * error 1011 (or a 500 before `accept()`). Both the Node server and the test client drive it.
 */
export class WebSocketEndpoints {
  readonly settings: WebSocketSettings
  readonly #table: RouteTable<Entry>
  readonly #rootPath: string
  readonly #logger: Logger

  constructor(init: WebSocketEndpointsInit) {
    this.settings = init.settings
    this.#rootPath = init.rootPath
    this.#logger = init.logger
    const entries: TableEntry<Entry>[] = init.routes.map((route) => ({
      kind: 'websocket',
      template: route.template,
      value: { kind: 'plan', plan: compileWebSocketRoute(route, init.plan) },
    }))
    // Later positions first, so each splice leaves the earlier ones where they were counted.
    for (const { prefix, target, websocketPosition } of [...(init.mounts ?? [])].reverse()) {
      if (!('enterWebSockets' in target)) continue
      entries.splice(websocketPosition, 0, {
        kind: 'mount',
        template: compilePath(prefix),
        value: { kind: 'mount', app: target as MountedApp },
      })
    }
    this.#table = new RouteTable(entries)
  }

  /**
   * Serves one handshake to its end: resolves once the handler has returned and the route's
   * teardowns have run. `onServerError` hears unexpected errors (the test client rethrows them).
   */
  async open(
    ctx: RequestContext,
    transport: WebSocketTransport,
    onServerError?: (error: unknown) => void,
  ): Promise<void> {
    ctx.rootPath = this.#rootPath
    try {
      ctx.path = routingPath(ctx.rawPath, this.#rootPath)
    } catch (error) {
      return deny(transport, error as HTTPException)
    }
    // Before anything of the app runs, so a hostile page's handshake reaches no dependency.
    if (!originAllowed(ctx.header('origin'), ctx.header('host'), this.settings.allowedOrigins)) {
      return deny(transport, new HTTPException(403, 'Origin not allowed'))
    }
    return this.serve(ctx, transport, onServerError)
  }

  /** Matches and serves a handshake whose path is read (a parent app's mount hands it over so). */
  async serve(
    ctx: RequestContext,
    transport: WebSocketTransport,
    onServerError?: (error: unknown) => void,
  ): Promise<void> {
    const match = this.#table.matchWebSocket(ctx.path)
    // Starlette's test client sees a close for an unknown path; over a real socket uvicorn
    // refuses the upgrade. Both adapters refuse it here with a plain 404.
    if (match.kind === 'none') return deny(transport, new HTTPException(404, 'Not Found'))
    ctx.params = match.params
    if (match.kind === 'mount' && match.value.kind === 'mount') {
      // The app below routes on what follows the prefix, as an HTTP request's mount does.
      ctx.rootPath += match.matched
      ctx.path = match.rest
      return match.value.app.enterWebSockets(ctx).serve(ctx, transport, onServerError)
    }
    if (match.value.kind !== 'plan') return deny(transport, new HTTPException(404, 'Not Found'))
    const plan = match.value.plan
    const socket = new WebSocket(transport, plan.incoming)
    try {
      await plan.run(ctx, socket)
    } catch (error) {
      this.#ended(ctx, socket, transport, plan.route, error, onServerError)
    }
    // A handler that returns without accepting refused the connection (uvicorn answers 403).
    if (socket.state === 'connecting') deny(transport, new HTTPException(403))
    else await socket.close(CloseCode.normal)
    await ctx.runAfterResponse((error, what) => {
      this.#logger.error(
        { err: error, requestId: ctx.id, url: ctx.url },
        `Failed after a WebSocket closed: ${what}`,
      )
    })
  }

  #ended(
    ctx: RequestContext,
    socket: WebSocket<any, any>,
    transport: WebSocketTransport,
    route: FlatRoute,
    error: unknown,
    onServerError: ((error: unknown) => void) | undefined,
  ): void {
    if (error instanceof WebSocketDisconnect) {
      void socket.close(error.code, error.reason)
      return
    }
    if (error instanceof WebSocketException) {
      void socket.close(error.code, error.reason)
      return
    }
    if (error instanceof RequestValidationError) {
      void socket.close(CloseCode.policyViolation, validationReason(error))
      return
    }
    if (error instanceof HTTPException) {
      if (socket.state === 'connecting') deny(transport, error)
      else void socket.close(CloseCode.policyViolation, typeof error.detail === 'string' ? error.detail : '')
      return
    }
    const report = describeServerError(ctx, error, route)
    this.#logger.error(
      { err: error, ...report.details },
      report.message.replace('handling', 'handling WebSocket'),
    )
    onServerError?.(error)
    if (socket.state === 'connecting')
      transport.deny(500, { 'content-type': 'text/plain; charset=utf-8' }, 'Internal Server Error')
    else void socket.close(CloseCode.internalError)
  }
}

/**
 * FastAPI closes with the errors as the reason; a close frame holds 123 bytes, so longer errors
 * keep their `type` and `loc` only, and failing that the count.
 */
function validationReason(error: RequestValidationError): string {
  for (const errors of [error.errors, error.errors.map(({ type, loc }) => ({ type, loc }))]) {
    const reason = JSON.stringify(errors)
    if (fitCloseReason(reason) === reason) return reason
  }
  return error.message
}

/** Refuses the upgrade with the error's status, headers and `{"detail": ...}`, as an HTTP route would. */
function deny(transport: WebSocketTransport, error: HTTPException): void {
  transport.deny(error.status, { ...JSON_TYPE, ...error.headers }, JSON.stringify({ detail: error.detail }))
}
