import pino from 'pino'
import { App, json } from '../../src/index.js'
import { accessLog, compression, cors, requestId } from '../../src/middleware/index.js'
import { JwtCodec } from '../../src/security/index.js'
import { seedDemoData } from './db/seed.js'
import { connect } from './db/session.js'
import type { AppState } from './dependencies.js'
import { authRouter } from './routers/auth.js'
import { categoriesRouter } from './routers/categories.js'
import { healthRouter } from './routers/health.js'
import { ordersRouter } from './routers/orders.js'
import { outboxRouter } from './routers/outbox.js'
import { productsRouter } from './routers/products.js'
import { usersRouter } from './routers/users.js'
import { ConflictError, NotFoundError } from './services/errors.js'
import { noOrderEvents } from './services/order-events.js'
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
      try {
        if (settings.seedDemoData) await seedDemoData(database.db)
      } catch (error) {
        await database.close()
        throw error
      }
      yield {
        db: database.db,
        tokens: new JwtCodec({ algorithm: 'HS256', secret: settings.secretKey }),
        tokenLifetime: settings.accessTokenMinutes * 60,
        ping: () => database.ping(),
        readyTimeoutMs: settings.readyTimeoutMs,
        orderEvents: noOrderEvents,
      }
      await database.close()
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
  return app
}
