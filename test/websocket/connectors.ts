// One way to open a WebSocket for the shared flows: through the TestClient, or over a real socket
// with `ws` as the client. Both reject a refused handshake with WebSocketDenialResponse and report
// a close as WebSocketDisconnect, so a flow reads the same either way.
import { WebSocket as WsClient } from 'ws'
import {
  type App,
  type BriskServer,
  TestClient,
  type WebSocketConnectOptions,
  WebSocketDenialResponse,
  WebSocketDisconnect,
  type WebSocketMessage,
} from '../../src/index.js'

export interface Connection extends AsyncIterable<WebSocketMessage> {
  readonly subprotocol: string | undefined
  readonly acceptHeaders: Readonly<Record<string, string>>
  send(data: WebSocketMessage): Promise<void>
  sendText(text: string): Promise<void>
  sendBytes(bytes: Uint8Array): Promise<void>
  sendJson(value: unknown): Promise<void>
  receive(): Promise<WebSocketMessage>
  receiveText(): Promise<string>
  receiveBytes(): Promise<Uint8Array>
  receiveJson<T = unknown>(): Promise<T>
  close(code?: number, reason?: string): Promise<void>
}

export interface Connector {
  readonly name: string
  start(app: App<any>): Promise<void>
  stop(): Promise<void>
  connect(path: string, options?: WebSocketConnectOptions): Promise<Connection>
}

export function testClientConnector(): Connector {
  let client: TestClient | undefined
  return {
    name: 'TestClient',
    async start(app) {
      client = await TestClient.start(app, { raiseServerExceptions: false })
    },
    async stop() {
      await client?.stop()
    },
    connect: (path, options) => client!.websocket(path, options),
  }
}

export function realSocketConnector(): Connector {
  let server: BriskServer | undefined
  return {
    name: 'real socket',
    async start(app) {
      server = await app.listen({ port: 0, handleSignals: false })
    },
    async stop() {
      await server?.close()
    },
    connect: (path, options = {}) => connectWs(server!.url, path, options),
  }
}

/** Opens a `ws` client connection; resolves on open. */
export function connectWs(
  base: string,
  path: string,
  options: WebSocketConnectOptions = {},
): Promise<Connection> {
  const url = new URL(path, base.replace(/^http/, 'ws'))
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.append(name, String(value))
  }
  const headers: Record<string, string> = { ...options.headers }
  const cookies = Object.entries(options.cookies ?? {})
  if (cookies.length > 0) headers.cookie = cookies.map(([name, value]) => `${name}=${value}`).join('; ')
  const ws = new WsClient(url, options.subprotocols ?? [], { headers })
  return new Promise((resolve, reject) => {
    const incoming: WebSocketMessage[] = []
    const waiting: { resolve(data: WebSocketMessage): void; reject(error: unknown): void }[] = []
    let closed: WebSocketDisconnect | undefined
    let acceptHeaders: Record<string, string> = {}
    const ended = new Promise<void>((done) => ws.once('close', () => done()))
    ws.on('upgrade', (res) => {
      acceptHeaders = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]))
    })
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? new Uint8Array(data as Buffer) : (data as Buffer).toString()
      const next = waiting.shift()
      if (next === undefined) incoming.push(message)
      else next.resolve(message)
    })
    ws.on('close', (code, reason) => {
      closed = new WebSocketDisconnect(code, reason.toString())
      for (const next of waiting.splice(0)) next.reject(closed)
    })
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]))
        reject(
          new WebSocketDenialResponse(
            url.href,
            res.statusCode ?? 0,
            headers,
            Buffer.concat(chunks).toString(),
          ),
        )
      })
    })
    ws.on('error', reject)
    const receive = (): Promise<WebSocketMessage> => {
      const queued = incoming.shift()
      if (queued !== undefined) return Promise.resolve(queued)
      if (closed !== undefined) return Promise.reject(closed)
      return new Promise((resolveNext, rejectNext) =>
        waiting.push({ resolve: resolveNext, reject: rejectNext }),
      )
    }
    const send = (data: WebSocketMessage) =>
      new Promise<void>((done, fail) => ws.send(data, (error) => (error ? fail(error) : done())))
    const connection: Connection = {
      get subprotocol() {
        return ws.protocol === '' ? undefined : ws.protocol
      },
      get acceptHeaders() {
        return acceptHeaders
      },
      send,
      sendText: send,
      sendBytes: send,
      sendJson: (value) => send(JSON.stringify(value)),
      receive,
      async receiveText() {
        const data = await receive()
        if (typeof data !== 'string') throw new TypeError('Expected text')
        return data
      },
      async receiveBytes() {
        const data = await receive()
        if (typeof data === 'string') throw new TypeError('Expected bytes')
        return data
      },
      async receiveJson<T>() {
        const data = await receive()
        return JSON.parse(typeof data === 'string' ? data : Buffer.from(data).toString()) as T
      },
      async close(code = 1000, reason = '') {
        if (closed === undefined) ws.close(code, reason)
        await ended
      },
      async *[Symbol.asyncIterator]() {
        try {
          for (;;) yield await receive()
        } catch (error) {
          if (!(error instanceof WebSocketDisconnect)) throw error
        }
      },
    }
    ws.on('open', () => resolve(connection))
  })
}

/**
 * Expects the handshake to be refused with a close `code`: the TestClient rejects the connection,
 * a real socket opens and then gets the close frame first.
 */
export async function expectClosed(opening: Promise<Connection>, code: number): Promise<WebSocketDisconnect> {
  let connection: Connection
  try {
    connection = await opening
  } catch (error) {
    if (error instanceof WebSocketDisconnect && error.code === code) return error
    throw error
  }
  try {
    const message = await connection.receive()
    throw new Error(`Expected a close with ${code}, got the message ${String(message)}`)
  } catch (error) {
    if (error instanceof WebSocketDisconnect && error.code === code) return error
    throw error
  }
}

/** Expects the handshake to be refused with an HTTP response of `status`. */
export async function expectDenied(
  opening: Promise<Connection>,
  status: number,
): Promise<WebSocketDenialResponse> {
  try {
    await opening
  } catch (error) {
    if (error instanceof WebSocketDenialResponse && error.response.status === status) return error
    throw error
  }
  throw new Error(`Expected a refusal with ${status}, the WebSocket opened`)
}
