import { forwardToSocket, Router } from '../../../src/index.js'
import { getBroadcaster, socketUser } from '../dependencies.js'
import { STAFF_CHANNEL, userChannel } from '../services/notifications.js'

export const notificationsRouter = new Router()

/**
 * Live order notifications: connect with `?token=<access token>`; each confirmation or
 * cancellation of one of your orders (every order, for an admin) arrives as
 * `{"type": "order.confirmed", "order_id": 7, "status": "confirmed", "total": "19.99"}`.
 * The client sends nothing; closing the socket unsubscribes it.
 */
notificationsRouter.websocket(
  '/ws/notifications',
  { deps: { user: socketUser, broadcaster: getBroadcaster } },
  async function notifications({ user, broadcaster, websocket }) {
    await websocket.accept()
    // The staff channel carries every order, an admin's own included.
    const channel = user.role === 'admin' ? STAFF_CHANNEL : userChannel(user.id)
    await forwardToSocket(broadcaster, channel, websocket)
    for await (const _ of websocket) {
      // Nothing to read: the loop ends when the client leaves.
    }
  },
)
