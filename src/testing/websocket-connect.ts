import type { AppRuntime } from '../app-runtime.js'
import type { BodyReader } from '../http/body-source.js'
import { RequestContext, type RequestHeaders } from '../http/request-context.js'
import { WebSocketTestSession } from './websocket-test-session.js'

type QueryValue = string | number | boolean | bigint

/** What `client.websocket(url, options)` sends with the handshake. */
export interface WebSocketConnectOptions {
  query?: Record<string, QueryValue | QueryValue[] | undefined>
  headers?: Record<string, string>
  /** Cookies for this handshake, on top of the client's jar. */
  cookies?: Record<string, string>
  /** Offered in `Sec-WebSocket-Protocol`, in this order. */
  subprotocols?: string[]
}

// A handshake has no body.
const noBody: BodyReader<undefined> = {
  read: () => Promise.resolve(new Uint8Array(0)),
  async *stream() {},
}

/** Runs a handshake through the app's WebSocket routes and waits for how it opened. */
export async function openTestWebSocket(
  runtime: AppRuntime,
  url: URL,
  sent: Headers,
  subprotocols: string[],
  raiseServerExceptions: boolean,
): Promise<WebSocketTestSession> {
  const endpoints = runtime.websockets()
  const headers: RequestHeaders = {
    host: url.host,
    connection: 'upgrade',
    upgrade: 'websocket',
    'sec-websocket-key': 'dGVzdGNsaWVudGtleTEyMw==',
    'sec-websocket-version': '13',
  }
  if (subprotocols.length > 0) headers['sec-websocket-protocol'] = subprotocols.join(', ')
  sent.forEach((value, name) => {
    headers[name] = value
  })
  const ctx = new RequestContext({
    method: 'GET',
    url: url.pathname + url.search,
    headers,
    source: undefined,
    reader: noBody,
    limits: runtime.limits,
    state: runtime.requestState(),
    origin: url.origin,
  })
  const session = new WebSocketTestSession(endpoints.settings.maxMessageSize, raiseServerExceptions)
  let serverError: { error: unknown } | undefined
  const finished = endpoints.open(ctx, session.transport(subprotocols, url.href), (error) => {
    serverError = { error }
    session.noteServerError(error)
  })
  session.serve(finished)
  const opening = await session.opening
  // An unhandled error before accept() is rethrown rather than reported as the 500 refusal.
  if (opening.kind !== 'accepted' && serverError !== undefined && raiseServerExceptions)
    throw serverError.error
  if (opening.kind === 'accepted') return session
  throw opening.error
}
