import { asc, desc, eq, sql } from 'drizzle-orm'
import { orderItems, outbox, products, users } from '../db/schema.js'
import type { Db } from '../db/session.js'
import type { Order } from './orders.js'

export type EmailRow = typeof outbox.$inferSelect

export function toEmail(row: EmailRow) {
  return {
    id: row.id,
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    created_at: row.createdAt.toISOString(),
  }
}

/**
 * Writes the order's confirmation email to the outbox, for a mail relay to send. It runs as a
 * background task, after the response: the customer does not wait for it. It goes to the
 * order's customer, whoever confirmed it (the customer at checkout, or an admin).
 */
export async function queueConfirmationEmail(db: Db, order: Order): Promise<void> {
  const [customer] = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, order.userId))
  if (customer === undefined) return // the account was deleted meanwhile: nobody to write to
  const lines = await db
    .select({
      name: products.name,
      quantity: orderItems.quantity,
      unitPrice: orderItems.unitPrice,
      // Multiplied by PostgreSQL in numeric, like the total: no float ever touches a price.
      subtotal: sql<string>`${orderItems.unitPrice} * ${orderItems.quantity}`,
    })
    .from(orderItems)
    .innerJoin(products, eq(orderItems.productId, products.id))
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(products.name))
  const body = [
    `Hello ${customer.name},`,
    '',
    `Thank you for your order #${order.id}. It is confirmed:`,
    '',
    ...lines.map((line) => `  ${line.quantity} × ${line.name} at ${line.unitPrice}: ${line.subtotal}`),
    '',
    `Total: ${order.total}`,
  ].join('\n')
  await db
    .insert(outbox)
    .values({ recipient: customer.email, subject: `Your order #${order.id} is confirmed`, body })
}

/** The newest emails first. */
export function listOutbox(db: Db, limit: number): Promise<EmailRow[]> {
  return db.select().from(outbox).orderBy(desc(outbox.id)).limit(limit)
}
