import type { DeclaredState } from '../http/state.js'
import type { InferOut, Schema } from '../schema/standard.js'
import type { WebSocketMessage } from '../websocket/transport.js'
import type { WebSocket } from '../websocket/websocket.js'
import type { HandlerContext } from './handler-context.js'

type MessageOf<O> = O extends { readonly message: infer M extends Schema } ? InferOut<M> : undefined

/** The socket a route's handler gets: its messages typed by the route's `message` schema. */
export type WebSocketOf<O> =
  MessageOf<O> extends undefined
    ? WebSocket<WebSocketMessage, unknown>
    : WebSocket<MessageOf<O>, MessageOf<O>>

/**
 * The single argument of a WebSocket handler: the handshake's validated `path`, `query`,
 * `headers`, `cookies`, every named dependency's value, `state`, and the `websocket` itself.
 */
export type WebSocketHandlerContext<O, S = DeclaredState> = Omit<
  HandlerContext<O, S>,
  'body' | 'sentBody' | 'form' | 'files' | 'response' | 'background'
> & {
  readonly websocket: WebSocketOf<O>
}

/** A WebSocket route's handler; the connection ends (closed with 1000 if still open) when it returns. */
export type WebSocketHandler<O, S = DeclaredState> = (context: WebSocketHandlerContext<O, S>) => unknown
