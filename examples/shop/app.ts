import pino from 'pino'
import { App, json, MemoryBroadcaster } from '../../src/index.js'
import { accessLog, compression, cors, requestId } from '../../src/middleware/index.js'
import { JwtCodec } from '../../src/security/index.js'
import { startJobQueue } from '../shared/jobs.js'
import { PostgresBroadcaster } from '../shared/postgres-broadcaster.js'
import { demoAccountLines, seedDemoData } from './db/seed.js'
import { connect } from './db/session.js'
import type { AppState } from './dependencies.js'
import { authRouter } from './routers/auth.js'
import { categoriesRouter } from './routers/categories.js'
import { healthRouter } from './routers/health.js'
import { notificationsRouter } from './routers/notifications.js'
import { ordersRouter } from './routers/orders.js'
import { outboxRouter } from './routers/outbox.js'
import { productsRouter } from './routers/products.js'
import { reportsRouter } from './routers/reports.js'
import { usersRouter } from './routers/users.js'
import { ConflictError, NotFoundError } from './services/errors.js'
import { orderNotifications } from './services/notifications.js'
import { ReportJobs } from './services/reports.js'
import { loadSettings, type Settings } from './settings.js'

/**
 * The shop of the seed articles: a catalogue of categories and products, customers who order
 * from it, admins who run it. On PostgreSQL when `DATABASE_URL` is set, else on PGlite under
 * `.data/shop`, migrated and filled with demo data on first start.
 */
export function createApp(settings: Settings = loadSettings()): App<AppState> {
  const app = new App({
    title: 'Shop',
    version: '1.0.0',
    license: { name: 'MIT', identifier: 'MIT' },
    description:
      'Browse `/products` freely. To order, **Authorize** as `customer@shop.example` / `customer-password`; to change the catalogue, as `admin@shop.example` / `admin-password`.',
    openapiSecurityResponses: true,
    lifespan: async function* () {
      const database = await connect(settings)
      // Closed in reverse order of opening, also when a later step of the startup fails.
      const opened: (() => Promise<void>)[] = [() => database.close()]
      const closeAll = async () => {
        for (const close of opened.reverse()) await close()
      }
      let state: AppState
      try {
        if (settings.seedDemoData) {
          await seedDemoData(database.db)
          // For whoever started it: the accounts to Authorize with in the docs.
          if (settings.logLevel !== 'silent') console.log(demoAccountLines().join('\n'))
        }
        const { driver } = database
        // On PostgreSQL notifications travel through LISTEN/NOTIFY to every worker and instance;
        // PGlite lives in one process, so they stay in it.
        const broadcaster =
          driver.kind === 'postgres'
            ? await PostgresBroadcaster.connect(driver.url, driver.pool)
            : new MemoryBroadcaster()
        if (broadcaster instanceof PostgresBroadcaster) opened.push(() => broadcaster.close())
        const boss = await startJobQueue(driver)
        // Waits for the reports being computed before the database closes.
        opened.push(() => boss.stop({ graceful: true, wait: true, timeout: 10_000 }))
        const reports = await ReportJobs.open(boss, database.db, {
          work: settings.runJobs,
          pollingIntervalSeconds: settings.jobPollSeconds,
        })
        state = {
          db: database.db,
          tokens: new JwtCodec({ algorithm: 'HS256', secret: settings.secretKey }),
          tokenLifetime: settings.accessTokenMinutes * 60,
          ping: () => database.ping(),
          readyTimeoutMs: settings.readyTimeoutMs,
          orderEvents: orderNotifications(broadcaster),
          broadcaster,
          reports,
        }
      } catch (error) {
        await closeAll()
        throw error
      }
      yield state
      await closeAll()
    },
  })

  // accessLog first, so its line covers what the others answer themselves (a CORS preflight).
  app.use(accessLog({ logger: pino({ level: settings.logLevel }).child({ component: 'http' }) }))
  app.use(requestId())
  app.use(compression())
  if (settings.corsOrigins.length > 0)
    app.use(
      cors({
        allowOrigins: settings.corsOrigins,
        allowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['X-Request-ID'],
      }),
    )

  app.exceptionHandler(NotFoundError, (_ctx, error) => json({ detail: error.message }, { status: 404 }))
  app.exceptionHandler(ConflictError, (_ctx, error) => json({ detail: error.message }, { status: 409 }))

  app.include(healthRouter)
  app.include(authRouter)
  app.include(usersRouter)
  app.include(categoriesRouter)
  app.include(productsRouter)
  app.include(ordersRouter)
  app.include(outboxRouter)
  app.include(reportsRouter)
  app.include(notificationsRouter)
  return app
}
