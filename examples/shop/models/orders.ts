import { z } from 'zod'
import { Id, pageOf } from './common.js'
import { Price } from './products.js'

export const OrderStatus = z.enum(['pending', 'confirmed', 'cancelled']).meta({ id: 'OrderStatus' })

export const CartLine = z
  .object({ product_id: Id, quantity: z.int().min(1).max(100) })
  .meta({ id: 'CartLine' })

export const OrderCreate = z.object({ lines: z.array(CartLine).min(1).max(50) }).meta({
  id: 'OrderCreate',
  examples: [
    {
      lines: [
        { product_id: 1, quantity: 2 },
        { product_id: 3, quantity: 1 },
      ],
    },
  ],
})

/** An order's total, the exact sum PostgreSQL computed: `"28.49"`. */
export const Amount = z
  .string()
  .regex(/^\d+\.\d{2}$/)
  .meta({ id: 'Amount', examples: ['28.49'] })

export const OrderLine = z
  .object({ product_id: z.int(), quantity: z.int(), unit_price: Price })
  .meta({ id: 'OrderLine' })

export const Order = z
  .object({
    id: z.int(),
    user_id: z.int(),
    status: OrderStatus,
    total: Amount,
    lines: z.array(OrderLine),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    confirmed_at: z.iso.datetime().nullable(),
  })
  .meta({
    id: 'Order',
    examples: [
      {
        id: 7,
        user_id: 2,
        status: 'confirmed',
        total: '28.49',
        lines: [
          { product_id: 1, quantity: 2, unit_price: '9.50' },
          { product_id: 3, quantity: 1, unit_price: '9.49' },
        ],
        created_at: '2026-12-01T09:00:00.000Z',
        updated_at: '2026-12-01T09:02:00.000Z',
        // A confirmed order: the document leaves out keys whose value is null (FastAPI's
        // exclude_none), and an example without `confirmed_at` would not fit the schema.
        confirmed_at: '2026-12-01T09:02:00.000Z',
      },
    ],
  })

export const OrderPage = pageOf(Order, 'OrderPage')

export const Email = z
  .object({
    id: z.int(),
    recipient: z.string(),
    subject: z.string(),
    body: z.string(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Email' })
