import type { Broadcaster } from '../../../src/index.js'
import type { OrderEvents } from './order-events.js'
import type { Order } from './orders.js'

/** The channel of one user's notifications, and the one every admin hears. */
export const userChannel = (userId: number) => `user:${userId}`
export const STAFF_CHANNEL = 'staff'

/** What a notification says: small, so it fits a PostgreSQL NOTIFY (the client fetches the rest). */
export interface OrderNotification {
  type: 'order.confirmed' | 'order.cancelled'
  order_id: number
  status: string
  total: string
}

/**
 * Order events as live notifications: the customer's sockets and the staff's hear of every
 * confirmation and cancellation, on every worker and instance when the broadcaster is
 * PostgreSQL's. A failed publish is logged, never thrown: the order has changed either way.
 */
export function orderNotifications(
  broadcaster: Broadcaster,
  onError: (error: unknown) => void = (error) => console.error('[notifications]', error),
): OrderEvents {
  const notify = async (type: OrderNotification['type'], order: Order) => {
    const message: OrderNotification = { type, order_id: order.id, status: order.status, total: order.total }
    try {
      await Promise.all([
        broadcaster.publish(userChannel(order.userId), message),
        broadcaster.publish(STAFF_CHANNEL, message),
      ])
    } catch (error) {
      onError(error)
    }
  }
  return {
    orderConfirmed: (order) => notify('order.confirmed', order),
    orderCancelled: (order) => notify('order.cancelled', order),
  }
}
