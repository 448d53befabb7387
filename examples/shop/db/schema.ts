import { sql } from 'drizzle-orm'
import {
  check,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'

/** The shop's tables, for Drizzle's queries and drizzle-kit's migrations. */

export const userRole = pgEnum('user_role', ['admin', 'customer'])
export const orderStatus = pgEnum('order_status', ['pending', 'confirmed', 'cancelled'])

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: userRole('role').notNull().default('customer'),
  createdAt: createdAt(),
})

export const categories = pgTable('categories', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
})

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    // An exact decimal: Drizzle reads and writes it as a string ("19.99"), never a float.
    price: numeric('price', { precision: 10, scale: 2 }).notNull(),
    // A category with products cannot be deleted: the shop would lose track of them.
    categoryId: integer('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    stock: integer('stock').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    index('products_category_idx').on(table.categoryId),
    // The last guard against overselling, should a query ever forget its own.
    check('products_stock_not_negative', sql`${table.stock} >= 0`),
  ],
)

export const orders = pgTable(
  'orders',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: orderStatus('status').notNull().default('pending'),
    // The sum of the lines, computed by PostgreSQL in numeric (services/orders.ts); 14 digits
    // hold the largest cart (50 lines of 100 at the highest price).
    total: numeric('total', { precision: 14, scale: 2 }).notNull().default('0'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // When the sale happened, for sales reports; null until the order is confirmed.
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (table) => [index('orders_user_idx').on(table.userId), index('orders_status_idx').on(table.status)],
)

export const orderItems = pgTable(
  'order_items',
  {
    orderId: integer('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    quantity: integer('quantity').notNull(),
    // The price when the order was placed: a later price change does not rewrite old orders.
    unitPrice: numeric('unit_price', { precision: 10, scale: 2 }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.productId] })],
)

/**
 * Emails waiting to be sent (the transactional outbox pattern): the app writes them here, and a
 * mail relay, outside this example, sends them and could mark them sent.
 */
export const outbox = pgTable('outbox', {
  id: serial('id').primaryKey(),
  recipient: text('recipient').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: createdAt(),
})
