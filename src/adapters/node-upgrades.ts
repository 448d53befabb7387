import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer } from 'ws'
import { RequestContext } from '../http/request-context.js'
import type { AcceptOptions } from '../websocket/transport.js'
import type { WebSocketEndpoints } from '../websocket/websocket-endpoints.js'
import type { WebSocketSettings } from '../websocket/websocket-options.js'
import { checkHandshake } from './handshake-check.js'
import { nodeBodyReader } from './node-body.js'
import type { NodeApp } from './node-server.js'
import { NodeWsTransport, type TransportHub } from './node-ws-transport.js'
import { writeRawResponse } from './raw-response.js'

const JSON_TYPE = { 'content-type': 'application/json' }
const noop = () => {}

/**
 * The server's `upgrade` requests: checked (handshake, shutdown), handed to the app's WebSocket
 * routes, and every open socket kept for the keep-alive pings and for the shutdown's 1001.
 */
export class NodeUpgrades implements TransportHub {
  readonly acceptOptions = new WeakMap<IncomingMessage, AcceptOptions>()
  readonly #app: NodeApp
  readonly #isClosing: () => boolean
  /** Accepted sockets: pinged, and closed with 1001 on shutdown. */
  readonly #open = new Set<NodeWsTransport>()
  /** Every connection being served, accepted or still in its handler's dependencies. */
  readonly #serving = new Set<NodeWsTransport>()
  #wss: Promise<WebSocketServer> | undefined
  #pinger: NodeJS.Timeout | undefined

  constructor(app: NodeApp, isClosing: () => boolean) {
    this.#app = app
    this.#isClosing = isClosing
  }

  get closing(): boolean {
    return this.#isClosing()
  }

  get settings(): WebSocketSettings {
    return this.#app.websockets().settings
  }

  /**
   * Made on the first handshake an app accepts, with the app's limits: `ws` is loaded only then,
   * so an app without WebSockets never imports it (cold start). `ws` only frames; Brisk routes.
   */
  server(): Promise<WebSocketServer> {
    this.#wss ??= import('ws').then(({ WebSocketServer }) => {
      const wss = new WebSocketServer({
        noServer: true,
        clientTracking: false,
        maxPayload: this.settings.maxMessageSize,
        perMessageDeflate: this.settings.perMessageDeflate,
        closeTimeout: this.settings.closeTimeoutMs,
        handleProtocols: (_offered, req) => this.acceptOptions.get(req)?.subprotocol ?? false,
      } as ConstructorParameters<typeof WebSocketServer>[0])
      wss.on('headers', (headers, req) => {
        for (const [name, value] of Object.entries(this.acceptOptions.get(req)?.headers ?? {})) {
          if (!/[\r\n]/.test(name + value)) headers.push(`${name}: ${value}`)
        }
      })
      return wss
    })
    return this.#wss
  }

  readonly handle = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // An upgraded socket has no error listener of Node's: a reset would otherwise crash the process.
    socket.on('error', noop)
    if (this.closing) {
      writeRawResponse(socket, 503, JSON_TYPE, '{"detail":"Service Unavailable"}')
      return
    }
    const checked = checkHandshake(req)
    if (!Array.isArray(checked)) {
      writeRawResponse(
        socket,
        checked.status,
        { ...JSON_TYPE, ...checked.headers },
        JSON.stringify({ detail: checked.detail }),
      )
      return
    }
    const app = this.#app
    let endpoints: WebSocketEndpoints
    try {
      endpoints = app.websockets()
    } catch (error) {
      // Routes changed after listen() into a configuration that does not compile.
      app.logger.error({ err: error, url: req.url }, 'Failed to compile the WebSocket routes')
      writeRawResponse(socket, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'Internal Server Error')
      return
    }
    const ctx = new RequestContext({
      method: 'GET',
      url: req.url ?? '/',
      headers: req.headers,
      source: req,
      reader: nodeBodyReader,
      limits: app.limits,
      state: app.requestState(),
    })
    const transport = new NodeWsTransport(this, req, socket, head, checked)
    this.#serving.add(transport)
    endpoints
      .open(ctx, transport)
      .catch((error: unknown) => {
        app.logger.error({ err: error, url: ctx.url }, 'Failed to serve a WebSocket')
        transport.terminate()
      })
      .finally(() => this.#serving.delete(transport))
  }

  opened(transport: NodeWsTransport): void {
    this.#open.add(transport)
    if (this.#pinger === undefined) {
      this.#pinger = setInterval(() => {
        for (const open of this.#open) open.heartbeat()
      }, this.settings.pingIntervalMs)
      this.#pinger.unref()
    }
  }

  ended(transport: NodeWsTransport): void {
    this.#open.delete(transport)
  }

  /**
   * Shutdown: every open socket is closed with 1001 (one still in its handshake's dependencies is
   * when it accepts); whatever is left when the grace period ends is cut, so `server.close()`
   * (which waits for upgraded sockets too) can finish.
   */
  closeAll(gracePeriodMs: number): void {
    clearInterval(this.#pinger)
    for (const transport of this.#open) transport.goAway()
    setTimeout(() => {
      for (const transport of new Set([...this.#open, ...this.#serving])) transport.terminate()
    }, gracePeriodMs).unref()
  }
}
