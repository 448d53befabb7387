import { z } from 'zod'
import { Amount } from './orders.js'

export const ReportRequest = z
  .object({
    from: z.iso.date().describe('The first day of sales counted'),
    to: z.iso.date().describe('The last day of sales counted'),
  })
  .refine((range) => range.from <= range.to, { message: '`from` must not be after `to`', path: ['to'] })
  .meta({ id: 'ReportRequest', examples: [{ from: '2026-12-01', to: '2026-12-31' }] })

export const ReportStatus = z.enum(['pending', 'running', 'succeeded', 'failed']).meta({ id: 'ReportStatus' })

export const SalesReport = z
  .object({
    orders: z.int(),
    revenue: Amount,
    products: z.array(
      z.object({ product_id: z.int(), name: z.string(), quantity: z.int(), revenue: Amount }),
    ),
  })
  .meta({ id: 'SalesReport' })

export const Report = z
  .object({
    id: z.uuid(),
    status: ReportStatus,
    from: z.iso.date(),
    to: z.iso.date(),
    result: SalesReport.nullable(),
    error: z.string().nullable(),
    created_at: z.iso.datetime(),
    completed_at: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Report' })
