import { and, eq, gte, lt, sql } from 'drizzle-orm'
import type PgBoss from 'pg-boss'
import { orderItems, orders, products } from '../db/schema.js'
import type { Db } from '../db/session.js'
import { NotFoundError } from './errors.js'

/** The pg-boss queue the sales reports run on. */
const QUEUE = 'sales-report'

export interface ReportParams {
  from: string
  to: string
}

export interface SalesReport {
  orders: number
  revenue: string
  products: { product_id: number; name: string; quantity: number; revenue: string }[]
}

export type ReportStatus = 'pending' | 'running' | 'succeeded' | 'failed'

export interface ReportState {
  id: string
  status: ReportStatus
  from: string
  to: string
  result: SalesReport | null
  error: string | null
  created_at: string
  completed_at: string | null
}

/**
 * Sales reports as durable jobs: `request` stores a job in pg-boss's tables and answers at once;
 * a worker (in this process, or any other process of the shop on the same database) computes it;
 * `read` shows where it is. A job sent survives a restart: it is picked up when a worker runs.
 */
export class ReportJobs {
  readonly #boss: PgBoss

  private constructor(boss: PgBoss) {
    this.#boss = boss
  }

  /**
   * The report queue on `boss`. With `work`, this process also computes reports, polling every
   * `pollingIntervalSeconds`; several processes may, each job goes to one of them.
   */
  static async open(
    boss: PgBoss,
    db: Db,
    options: { work: boolean; pollingIntervalSeconds: number },
  ): Promise<ReportJobs> {
    await boss.createQueue(QUEUE)
    if (options.work) {
      await boss.work<ReportParams>(
        QUEUE,
        { pollingIntervalSeconds: options.pollingIntervalSeconds },
        ([job]) => salesReport(db, job!.data),
      )
    }
    return new ReportJobs(boss)
  }

  /** Queues a report; its id is what `read` takes. Tried twice more if it fails. */
  async request(params: ReportParams): Promise<string> {
    const id = await this.#boss.send(QUEUE, params, { retryLimit: 2, retryDelay: 5, expireInMinutes: 15 })
    if (id === null) throw new Error('pg-boss did not queue the report')
    return id
  }

  async read(id: string): Promise<ReportState> {
    const job = await this.#boss.getJobById<ReportParams>(QUEUE, id)
    if (job === null) throw new NotFoundError(`Report ${id} not found`)
    const status = STATUS[job.state]
    const output = job.output as (SalesReport & { message?: never }) | { message?: string } | null
    return {
      id: job.id,
      status,
      from: job.data.from,
      to: job.data.to,
      result: status === 'succeeded' ? (output as SalesReport) : null,
      // pg-boss keeps a failed job's error as its output; only its message is shown.
      error:
        status === 'failed' ? String((output as { message?: string } | null)?.message ?? 'failed') : null,
      created_at: job.createdOn.toISOString(),
      completed_at: job.completedOn?.toISOString() ?? null,
    }
  }
}

/** pg-boss's job states as the API shows them: a job waiting for a retry is still pending. */
const STATUS: Record<PgBoss.JobWithMetadata['state'], ReportStatus> = {
  created: 'pending',
  retry: 'pending',
  active: 'running',
  completed: 'succeeded',
  cancelled: 'failed',
  failed: 'failed',
}

/**
 * The sales of confirmed orders confirmed between `from` and `to` (whole days, UTC): how many
 * orders, their revenue, and per product the quantity and revenue, best sellers first. Sums are
 * PostgreSQL's `numeric`, exact to the cent.
 */
export async function salesReport(db: Db, { from, to }: ReportParams): Promise<SalesReport> {
  const inRange = and(
    eq(orders.status, 'confirmed'),
    gte(orders.confirmedAt, sql`${from}::date`),
    lt(orders.confirmedAt, sql`${to}::date + 1`),
  )
  const [totals] = await db
    .select({
      orders: sql<number>`count(*)::int`,
      revenue: sql<string>`coalesce(sum(${orders.total}), 0)::numeric(14,2)::text`,
    })
    .from(orders)
    .where(inRange)
  const lines = await db
    .select({
      product_id: orderItems.productId,
      name: products.name,
      quantity: sql<number>`sum(${orderItems.quantity})::int`,
      revenue: sql<string>`sum(${orderItems.quantity} * ${orderItems.unitPrice})::numeric(14,2)::text`,
    })
    .from(orderItems)
    .innerJoin(orders, eq(orders.id, orderItems.orderId))
    .innerJoin(products, eq(products.id, orderItems.productId))
    .where(inRange)
    .groupBy(orderItems.productId, products.name)
    .orderBy(sql`sum(${orderItems.quantity} * ${orderItems.unitPrice}) desc`, orderItems.productId)
  return { orders: totals?.orders ?? 0, revenue: totals?.revenue ?? '0.00', products: lines }
}
