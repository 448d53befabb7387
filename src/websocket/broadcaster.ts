import type { WebSocket } from './websocket.js'

/** Hears one channel's messages: the value published, and its JSON (made once per publish). */
export type BroadcastListener = (message: unknown, json: string) => void

/** Stops a subscription. */
export type Unsubscribe = () => Promise<void>

/**
 * Fan-out of notifications to subscribers by channel: the in-memory `MemoryBroadcaster` serves one
 * process; one on PostgreSQL LISTEN/NOTIFY or Redis pub/sub (same interface) reaches the sockets
 * of every worker and instance. Messages are JSON values, so they cross processes unchanged.
 */
export interface Broadcaster {
  /** Calls `listener` with every message later published on `channel`. */
  subscribe(channel: string, listener: BroadcastListener): Promise<Unsubscribe>
  /** Sends `message` to every subscriber of `channel`. */
  publish(channel: string, message: unknown): Promise<void>
}

/**
 * Sends every message published on `channel` to `websocket` as JSON, until the socket closes,
 * which unsubscribes it. Resolves once subscribed.
 *
 * @example
 * app.websocket('/orders/{order_id}/status', { path: { order_id: z.int() } }, async ({ path, websocket }) => {
 *   await websocket.accept()
 *   await forwardToSocket(broadcaster, `order:${path.order_id}`, websocket)
 *   for await (const _ of websocket) {} // until the client leaves
 * })
 */
export async function forwardToSocket(
  broadcaster: Broadcaster,
  channel: string,
  websocket: WebSocket<any, any>,
): Promise<void> {
  const unsubscribe = await broadcaster.subscribe(channel, (_message, json) => {
    // A socket too slow to keep up is closed by its own limit; the rest still get the message.
    websocket.send(json).catch(() => {})
  })
  websocket.onClose(() => void unsubscribe())
}

/**
 * A `Broadcaster` within one process: publishing calls every subscriber of the channel
 * synchronously, with the message serialised once for all of them.
 *
 * @example
 * const broadcaster = new MemoryBroadcaster()
 * await broadcaster.publish('order:42', { status: 'shipped' })
 */
export class MemoryBroadcaster implements Broadcaster {
  readonly #channels = new Map<string, Set<BroadcastListener>>()

  subscribe(channel: string, listener: BroadcastListener): Promise<Unsubscribe> {
    let listeners = this.#channels.get(channel)
    if (listeners === undefined) {
      listeners = new Set()
      this.#channels.set(channel, listeners)
    }
    // Wrapped, so one listener subscribed twice is two subscriptions, each removed on its own.
    const entry: BroadcastListener = (message, json) => listener(message, json)
    listeners.add(entry)
    return Promise.resolve(async () => {
      listeners.delete(entry)
      if (listeners.size === 0 && this.#channels.get(channel) === listeners) this.#channels.delete(channel)
    })
  }

  publish(channel: string, message: unknown): Promise<void> {
    const listeners = this.#channels.get(channel)
    if (listeners === undefined || listeners.size === 0) return Promise.resolve()
    const json = JSON.stringify(message)
    for (const listener of [...listeners]) listener(message, json)
    return Promise.resolve()
  }

  /** How many subscriptions `channel` has (for tests and metrics). */
  subscribers(channel: string): number {
    return this.#channels.get(channel)?.size ?? 0
  }
}
