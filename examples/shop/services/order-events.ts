import type { Order } from './orders.js'

/**
 * What the order service tells the rest of the shop when an order changes state, after the
 * change is committed: the seam for live notifications (a WebSocket to the customer and the
 * staff) and for anything else that reacts to sales. An implementation should not throw: the
 * order has changed whatever it does, and an error would turn the client's answer into a 500.
 */
export interface OrderEvents {
  orderConfirmed(order: Order): void | Promise<void>
  orderCancelled(order: Order): void | Promise<void>
}

/** Nobody listens yet. */
export const noOrderEvents: OrderEvents = {
  orderConfirmed() {},
  orderCancelled() {},
}
