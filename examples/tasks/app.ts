import { App } from '../../src/index.js'
import { JwtCodec } from '../../src/security/index.js'
import { connect } from './db/session.js'
import type { AppState } from './dependencies.js'
import { tasksRouter } from './routers/tasks.js'
import { usersRouter } from './routers/users.js'
import { loadSettings, type Settings } from './settings.js'

/**
 * The task manager of the seed articles: sign up, log in (OAuth2 password flow, JWT), and keep a
 * list of tasks with a status, a priority and a due date, filtered, searched and paged. On
 * PostgreSQL when `DATABASE_URL` is set, else on PGlite under `.data/tasks`.
 */
export function createApp(settings: Settings = loadSettings()): App<AppState> {
  const app = new App({
    title: 'Tasks',
    version: '1.0.0',
    license: { name: 'MIT', identifier: 'MIT' },
    description: 'Sign up with `POST /users`, then **Authorize** with your email and password.',
    lifespan: async function* () {
      const database = await connect(settings)
      const tokens = new JwtCodec({ algorithm: 'HS256', secret: settings.secretKey })
      yield { db: database.db, tokens, tokenLifetime: settings.accessTokenMinutes * 60 }
      await database.close()
    },
  })
  app.get('/health', { tags: ['health'] }, function health() {
    return { status: 'ok' }
  })
  app.include(usersRouter)
  app.include(tasksRouter)
  return app
}
