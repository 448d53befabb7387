/**
 * The task manager's settings, from the environment. Every one has a default that runs the app
 * on a laptop; in production set `SECRET_KEY` (and `DATABASE_URL` for PostgreSQL).
 */
export interface Settings {
  /** `postgres://user:pass@host/db`; unset runs PGlite, PostgreSQL in process, under `dataDir`. */
  databaseUrl: string | undefined
  /** PGlite's data directory; `undefined` keeps the database in memory (tests). */
  dataDir: string | undefined
  /** Signs the access tokens (HS256). */
  secretKey: string
  /** How long an access token lasts. */
  accessTokenMinutes: number
}

// Public, for trying the example only: `openssl rand -hex 32` makes a real one.
const DEVELOPMENT_SECRET = 'tasks-example-development-secret-change-me-0123456789abcdef'

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const minutes = Number(env.ACCESS_TOKEN_MINUTES ?? 30)
  if (!Number.isInteger(minutes) || minutes < 1)
    throw new Error('ACCESS_TOKEN_MINUTES must be a whole number of minutes')
  const secretKey = env.SECRET_KEY ?? DEVELOPMENT_SECRET
  if (env.NODE_ENV === 'production' && secretKey === DEVELOPMENT_SECRET)
    throw new Error('Set SECRET_KEY in production')
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? '.data/tasks',
    secretKey,
    accessTokenMinutes: minutes,
  }
}
