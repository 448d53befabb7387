import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { Reply } from '../http/reply.js'
import { RequestContext, type RequestLimits } from '../http/request-context.js'
import type { Dispatcher } from '../pipeline/dispatch.js'
import type { Logger } from '../pipeline/logger.js'
import type { WebSocketEndpoints } from '../websocket/websocket-endpoints.js'
import { runAfterResponse } from './after-response.js'
import { lingerIfBodyUnread } from './lingering-close.js'
import { endProcessOnUncaughtListenError, toListenError } from './listen-failure.js'
import { nodeBodyReader } from './node-body.js'
import { NodeUpgrades } from './node-upgrades.js'
import { writeReply } from './node-writer.js'
import { RequestSignals } from './request-signals.js'

/** Options of `app.listen()`. Every timeout has a safe default (SECURITY-NOTES §2.3). */
export interface ListenOptions {
  /** Default 8000. 0 picks a free port. */
  port?: number
  /** Default '127.0.0.1'; use '0.0.0.0' to accept connections from other machines. */
  host?: string
  /**
   * The server owns its process (default true): it logs its address and docs URL once listening,
   * stops gracefully on SIGTERM and SIGINT and then exits 0, logs (rather than crashes on) promise
   * rejections nobody awaited, and a failure to listen that nobody catches ends the process with
   * one line and exit code 1. `false` for a server inside a larger program, or a test: none of that.
   */
  handleSignals?: boolean
  /** How long in-flight requests may take to finish once shutdown starts (default 10 000 ms). */
  gracePeriodMs?: number
  /** Time allowed to receive a request's headers (default 60 000 ms; slowloris). */
  headersTimeoutMs?: number
  /** Time allowed to receive a whole request (default 120 000 ms; slow bodies). */
  requestTimeoutMs?: number
  /** How long an idle keep-alive connection stays open (default 5 000 ms). */
  keepAliveTimeoutMs?: number
}

/** What the Node adapter needs from an app. */
export interface NodeApp {
  dispatcher(): Dispatcher
  readonly limits: RequestLimits
  /** A fresh copy of the lifespan's state for one request. */
  requestState(): Record<string, unknown>
  readonly logger: Logger
  /** The Swagger UI page's path under the root path, logged when the server starts; none when off. */
  readonly docsPath: string | undefined
  /** The lifespan's shutdown, run once the server has stopped. */
  shutdown(): Promise<void>
  /** The app's compiled WebSocket routes, which upgrade requests go to. */
  websockets(): WebSocketEndpoints
}

/** A listening server. */
export interface BriskServer {
  /** The underlying `node:http` server, for what Brisk does not wrap (its events, its sockets). */
  readonly server: Server
  /** The port listened on: the one the system picked when `port` was 0. */
  readonly port: number
  /** The address listened on, as the system reports it (`127.0.0.1`, `::`). */
  readonly host: string
  /** `http://host:port`. */
  readonly url: string
  /** Graceful stop: no new connections, 503 for new requests on open ones, in-flight requests finish. */
  close(): Promise<void>
}

/** Serves an app on `node:http` through the node-native path (no web `Request` per request). */
export async function listen(app: NodeApp, options: ListenOptions = {}): Promise<BriskServer> {
  const settings = resolveOptions(options)
  let closing = false
  // After-response work still running (background tasks, teardowns); shutdown waits for it.
  const working = new Set<Promise<void>>()
  const track = (work: Promise<void>) => {
    working.add(work)
    void work.finally(() => working.delete(work))
  }
  const signals = new RequestSignals()
  const server = createServer((req, res) => {
    if (closing) return refuse(res)
    handleNodeRequest(app, req, res, track, signals)
  })
  const upgrades = new NodeUpgrades(app, () => closing)
  server.on('upgrade', upgrades.handle)
  server.headersTimeout = settings.headersTimeoutMs
  server.requestTimeout = settings.requestTimeoutMs
  server.keepAliveTimeout = settings.keepAliveTimeoutMs

  try {
    await bind(server, settings.port, settings.host)
  } catch (error) {
    if (settings.handleSignals) endProcessOnUncaughtListenError()
    throw toListenError(error, settings.host, settings.port)
  }
  const address = server.address() as AddressInfo
  let closed: Promise<void> | undefined
  const close = () => {
    closing = true
    // In-flight requests hear of it through `ctx.signal`, and event streams end, so a connected
    // SSE client does not hold the server for the whole grace period.
    signals.shutdown()
    // Open WebSockets would hold `server.close()` for ever: each is told the server is going away.
    upgrades.closeAll(settings.gracePeriodMs)
    closed ??= shutdown(server, settings.gracePeriodMs, working).then(() => app.shutdown())
    return closed
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host}:${address.port}`
  if (settings.handleSignals) {
    installSignalHandlers(close, app.logger)
    installRejectionHandler(app.logger)
    app.logger.info({}, runningMessage(url, app.docsPath))
  }
  return { server, port: address.port, host: address.address, url, close }
}

function bind(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

/** uvicorn's `Uvicorn running on http://127.0.0.1:8000 (Press CTRL+C to quit)`, with the docs. */
function runningMessage(url: string, docsPath: string | undefined): string {
  const docs = docsPath === undefined ? '' : ` with docs at ${url}${docsPath}`
  return `Running on ${url}${docs} (press CTRL+C to quit)`
}

/** Answers one Node request: the node-native fast path (sync replies are written at once). */
export function handleNodeRequest(
  app: NodeApp,
  req: IncomingMessage,
  res: ServerResponse,
  track: (work: Promise<void>) => void,
  signals: RequestSignals,
): void {
  const ctx = new RequestContext({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headers,
    source: req,
    reader: nodeBodyReader,
    limits: app.limits,
    state: app.requestState(),
    signal: signals.open,
    connection: res,
  })
  const send = (reply: Reply) => {
    lingerIfBodyUnread(req)
    const streaming = writeReply(res, reply, app.logger, signals)
    if (!ctx.hasAfterWork) return
    const after = () => runAfterResponse(ctx, app.logger)
    track(streaming === undefined ? after() : streaming.then(after))
  }
  const result = app.dispatcher().handle(ctx)
  if (result instanceof Promise) {
    result.then(send, (error) => {
      app.logger.error({ err: error }, 'Failed to answer a request')
      res.destroy()
    })
  } else send(result)
}

function refuse(res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/json', connection: 'close' })
  res.end('{"detail":"Service Unavailable"}')
}

/**
 * Stops accepting, closes idle keep-alive sockets (again and again, as busy ones turn idle), and
 * after the grace period destroys whatever is left, like Fastify's `close()` with
 * `forceCloseConnections: 'idle'` plus a deadline.
 */
function shutdown(server: Server, gracePeriodMs: number, working: Set<Promise<void>>): Promise<void> {
  const started = Date.now()
  const connectionsClosed = new Promise<void>((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50)
    const deadline = setTimeout(() => server.closeAllConnections(), gracePeriodMs)
    server.close(() => {
      clearInterval(sweep)
      clearTimeout(deadline)
      resolve()
    })
    server.closeIdleConnections()
  })
  // Background tasks and teardowns get what is left of the grace period after the connections.
  return connectionsClosed.then(async () => {
    const left = gracePeriodMs - (Date.now() - started)
    if (working.size === 0 || left <= 0) return
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, left)
    })
    await Promise.race([Promise.allSettled([...working]), timeout])
    clearTimeout(timer)
  })
}

function installSignalHandlers(close: () => Promise<void>, logger: Logger): void {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'Second signal received: exiting now')
      process.exit(1)
    }
    stopping = true
    logger.info({ signal }, 'Shutting down gracefully')
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}

let rejectionHandlerInstalled = false

/**
 * A promise a handler started but never awaited can reject after its response was sent; Node's
 * default is to crash the process for it. A server that owns its process (it handles signals)
 * logs such rejections and keeps serving instead (SECURITY-NOTES §4, policy (a)).
 */
function installRejectionHandler(logger: Logger): void {
  if (rejectionHandlerInstalled) return
  rejectionHandlerInstalled = true
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'Unhandled promise rejection (a promise nobody awaited); still serving')
  })
}

const LISTEN_OPTIONS = {
  port: true,
  host: true,
  handleSignals: true,
  gracePeriodMs: true,
  headersTimeoutMs: true,
  requestTimeoutMs: true,
  keepAliveTimeoutMs: true,
} as const satisfies KnownOptions<ListenOptions>

function resolveOptions(options: ListenOptions): Required<ListenOptions> {
  checkOptions('listen()', options, LISTEN_OPTIONS)
  const settings = {
    port: options.port ?? 8000,
    host: options.host ?? '127.0.0.1',
    handleSignals: options.handleSignals ?? true,
    gracePeriodMs: options.gracePeriodMs ?? 10_000,
    headersTimeoutMs: options.headersTimeoutMs ?? 60_000,
    requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 5_000,
  }
  if (!Number.isInteger(settings.port) || settings.port < 0 || settings.port > 65_535)
    throw new ConfigError(`port must be a whole number from 0 to 65535, got ${String(settings.port)}.`)
  for (const key of [
    'gracePeriodMs',
    'headersTimeoutMs',
    'requestTimeoutMs',
    'keepAliveTimeoutMs',
  ] as const) {
    const value = settings[key]
    // A zero or invalid timeout would silently disable the protection (body-parser GHSA-v422).
    if (!Number.isFinite(value) || value <= 0)
      throw new ConfigError(`${key} must be a positive number of ms.`)
  }
  return settings
}
