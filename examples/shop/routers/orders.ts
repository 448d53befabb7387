import { Router } from '../../../src/index.js'
import { currentUser, getDb, getOrderEvents } from '../dependencies.js'
import { Id, Message, pageQuery } from '../models/common.js'
import { Order, OrderCreate, OrderPage, OrderStatus } from '../models/orders.js'
import { cancelOrder, confirmOrder, getOrder, listOrders, placeOrder, toOrder } from '../services/orders.js'
import { queueConfirmationEmail } from '../services/outbox.js'

// Every route needs a signed-in user. A customer sees and changes only their own orders (another
// customer's is a 404, as if it did not exist); an admin, every order.
export const ordersRouter = new Router({
  prefix: '/orders',
  tags: ['orders'],
  responses: { 404: { model: Message, description: 'No such order of yours' } },
})

const orderPath = { order_id: Id }
const conflict = (description: string) => ({ 409: { model: Message, description } })

ordersRouter.post(
  '',
  {
    body: OrderCreate,
    deps: { db: getDb, user: currentUser },
    response: Order,
    status: 201,
    responses: conflict('A product does not exist or has too little stock; nothing was ordered'),
    summary: 'Order the cart',
    description:
      'Takes the stock of every line at once, or of none: a line that cannot be served refuses the whole order. The order starts `pending`.',
  },
  async function checkout({ body, db, user }) {
    const cart = body.lines.map((line) => ({ productId: line.product_id, quantity: line.quantity }))
    return toOrder(await placeOrder(db, user.id, cart))
  },
)

ordersRouter.get(
  '',
  {
    query: { ...pageQuery, status: OrderStatus.optional() },
    deps: { db: getDb, user: currentUser },
    response: OrderPage,
  },
  async function listMyOrders({ query, db, user }) {
    const { orders, total } = await listOrders(db, user, query)
    return { items: orders.map(toOrder), total, page: query.page, limit: query.limit }
  },
)

ordersRouter.get(
  '/{order_id}',
  { path: orderPath, deps: { db: getDb, user: currentUser }, response: Order },
  async function readOrder({ path, db, user }) {
    return toOrder(await getOrder(db, path.order_id, user))
  },
)

ordersRouter.post(
  '/{order_id}/confirm',
  {
    path: orderPath,
    deps: { db: getDb, user: currentUser, events: getOrderEvents },
    response: Order,
    responses: conflict('The order is not pending'),
    summary: 'Confirm a pending order',
    description: 'The confirmation email is written to the outbox after the response.',
  },
  async function confirm({ path, db, user, events, background }) {
    const order = await confirmOrder(db, path.order_id, user, events)
    background.add(queueConfirmationEmail, db, order)
    return toOrder(order)
  },
)

ordersRouter.post(
  '/{order_id}/cancel',
  {
    path: orderPath,
    deps: { db: getDb, user: currentUser, events: getOrderEvents },
    response: Order,
    responses: conflict('The order is already cancelled'),
    summary: 'Cancel a pending or confirmed order',
    description: 'Its items go back into stock.',
  },
  async function cancel({ path, db, user, events }) {
    return toOrder(await cancelOrder(db, path.order_id, user, events))
  },
)
