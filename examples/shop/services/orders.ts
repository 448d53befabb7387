import { and, asc, count, desc, eq, gte, inArray, type SQL, sql } from 'drizzle-orm'
import { orderItems, orders, products } from '../db/schema.js'
import type { Db, Tx } from '../db/session.js'
import { ConflictError, NotFoundError } from './errors.js'
import type { OrderEvents } from './order-events.js'
import type { UserRow } from './users.js'

export type OrderRow = typeof orders.$inferSelect
export type OrderStatus = OrderRow['status']
type ItemRow = typeof orderItems.$inferSelect
export type Order = OrderRow & { lines: ItemRow[] }

/** Who asks: an admin sees every order, a customer only their own. */
export type Actor = Pick<UserRow, 'id' | 'role'>

export interface CartLine {
  productId: number
  quantity: number
}

export function toOrder(order: Order) {
  return {
    id: order.id,
    user_id: order.userId,
    status: order.status,
    total: order.total,
    lines: order.lines.map((line) => ({
      product_id: line.productId,
      quantity: line.quantity,
      unit_price: line.unitPrice,
    })),
    created_at: order.createdAt.toISOString(),
    updated_at: order.updatedAt.toISOString(),
    confirmed_at: order.confirmedAt?.toISOString() ?? null,
  }
}

const visibleTo = (actor: Actor) => (actor.role === 'admin' ? undefined : eq(orders.userId, actor.id))

/**
 * Places an order for the cart in one transaction: each line takes its stock with a guarded
 * `UPDATE … SET stock = stock - n WHERE stock >= n`, so two orders for the last item cannot both
 * get it (the second waits for the first's row lock, then finds the stock gone), and a line that
 * fails rolls the whole order back. Lines are taken in product order, so two carts never lock
 * the same rows in opposite orders (a deadlock).
 */
export function placeOrder(db: Db, userId: number, cart: CartLine[]): Promise<Order> {
  const lines = mergeLines(cart)
  return db.transaction(async (tx) => {
    const [order] = await tx.insert(orders).values({ userId }).returning()
    const items: ItemRow[] = []
    for (const line of lines) {
      const [taken] = await tx
        .update(products)
        .set({ stock: sql`${products.stock} - ${line.quantity}`, updatedAt: new Date() })
        .where(and(eq(products.id, line.productId), gte(products.stock, line.quantity)))
        .returning({ price: products.price })
      if (taken === undefined) throw await outOfStock(tx, line)
      items.push({
        orderId: order!.id,
        productId: line.productId,
        quantity: line.quantity,
        unitPrice: taken.price,
      })
    }
    await tx.insert(orderItems).values(items)
    // PostgreSQL adds the prices up in numeric, exactly; in JavaScript 0.1 + 0.2 is not 0.3.
    const [priced] = await tx
      .update(orders)
      .set({
        total: sql`(select coalesce(sum(unit_price * quantity), 0) from order_items where order_id = ${order!.id})`,
      })
      .where(eq(orders.id, order!.id))
      .returning()
    return { ...priced!, lines: items }
  })
}

/** One line per product, quantities added up, in product id order. */
function mergeLines(cart: CartLine[]): CartLine[] {
  const quantities = new Map<number, number>()
  for (const line of cart)
    quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity)
  return [...quantities].sort(([a], [b]) => a - b).map(([productId, quantity]) => ({ productId, quantity }))
}

async function outOfStock(tx: Tx, line: CartLine): Promise<ConflictError> {
  const [product] = await tx
    .select({ slug: products.slug, stock: products.stock })
    .from(products)
    .where(eq(products.id, line.productId))
  if (product === undefined) return new ConflictError(`Product ${line.productId} does not exist`)
  return new ConflictError(
    `Not enough stock for "${product.slug}": ${line.quantity} asked, ${product.stock} left`,
  )
}

export async function getOrder(db: Db | Tx, id: number, actor: Actor): Promise<Order> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), visibleTo(actor)))
  if (row === undefined) throw new NotFoundError(`Order ${id} not found`)
  return (await withLines(db, [row]))[0]!
}

export interface OrderFilters {
  page: number
  limit: number
  status?: OrderStatus | undefined
}

export async function listOrders(db: Db, actor: Actor, filters: OrderFilters) {
  const conditions: (SQL | undefined)[] = [visibleTo(actor)]
  if (filters.status !== undefined) conditions.push(eq(orders.status, filters.status))
  const where = and(...conditions)
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(filters.limit)
      .offset((filters.page - 1) * filters.limit),
    db.select({ value: count() }).from(orders).where(where),
  ])
  return { orders: await withLines(db, rows), total: total?.value ?? 0 }
}

async function withLines(db: Db | Tx, rows: OrderRow[]): Promise<Order[]> {
  if (rows.length === 0) return []
  const items = await db
    .select()
    .from(orderItems)
    .where(
      inArray(
        orderItems.orderId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(orderItems.productId))
  return rows.map((row) => ({ ...row, lines: items.filter((item) => item.orderId === row.id) }))
}

/**
 * pending → confirmed. The `WHERE status = 'pending'` makes the check and the change one
 * statement: of two concurrent confirmations, the second finds the order no longer pending.
 */
export async function confirmOrder(db: Db, id: number, actor: Actor, events: OrderEvents): Promise<Order> {
  const now = new Date()
  const [row] = await db
    .update(orders)
    .set({ status: 'confirmed', confirmedAt: now, updatedAt: now })
    .where(and(eq(orders.id, id), visibleTo(actor), eq(orders.status, 'pending')))
    .returning()
  if (row === undefined) throw await refusal(db, id, actor, 'confirmed')
  const order = (await withLines(db, [row]))[0]!
  await events.orderConfirmed(order)
  return order
}

/**
 * pending or confirmed → cancelled, and the stock goes back, in one transaction. A confirmed
 * order may still be cancelled: this shop has no shipping step after which it could not be.
 */
export async function cancelOrder(db: Db, id: number, actor: Actor, events: OrderEvents): Promise<Order> {
  const order = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(orders)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(and(eq(orders.id, id), visibleTo(actor), inArray(orders.status, ['pending', 'confirmed'])))
      .returning()
    if (row === undefined) throw await refusal(tx, id, actor, 'cancelled')
    await tx.execute(sql`
      update products set stock = products.stock + order_items.quantity, updated_at = now()
      from order_items
      where order_items.order_id = ${id} and products.id = order_items.product_id`)
    return (await withLines(tx, [row]))[0]!
  })
  await events.orderCancelled(order)
  return order
}

/** Why a transition did not happen: no such order of the actor's (404), or the wrong status (409). */
async function refusal(db: Db | Tx, id: number, actor: Actor, target: OrderStatus): Promise<Error> {
  const { status } = await getOrder(db, id, actor) // throws the 404
  const allowed = target === 'confirmed' ? 'a pending order' : 'a pending or confirmed order'
  return new ConflictError(`Order ${id} is ${status}; only ${allowed} can be ${target}`)
}
