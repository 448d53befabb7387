/**
 * The shop's settings, from the environment. Every one has a default that runs the shop on a
 * laptop; in production set `SECRET_KEY`, `DATABASE_URL` and `CORS_ORIGINS`.
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
  /** The browser origins (a storefront) allowed to call the API; none turns CORS off. */
  corsOrigins: string[]
  /** pino's level for the access log: `info`, or `silent` to write nothing (tests). */
  logLevel: string
  /** Fill an empty database with demo users, categories and products at startup. */
  seedDemoData: boolean
  /** How long `/ready` waits for the database before answering 503. */
  readyTimeoutMs: number
  /** Compute queued sales reports in this process (several processes may; each job runs once). */
  runJobs: boolean
  /** How often a job worker looks for new jobs, in seconds. */
  jobPollSeconds: number
}

// Public, for trying the example only: `openssl rand -hex 32` makes a real one.
const DEVELOPMENT_SECRET = 'shop-example-development-secret-change-me-0123456789abcdef'

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const secretKey = env.SECRET_KEY ?? DEVELOPMENT_SECRET
  if (env.NODE_ENV === 'production' && secretKey === DEVELOPMENT_SECRET)
    throw new Error('Set SECRET_KEY in production')
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? '.data/shop',
    secretKey,
    accessTokenMinutes: wholeNumber(env, 'ACCESS_TOKEN_MINUTES', 30),
    corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:3000,http://localhost:5173')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemoData: (env.SEED_DEMO_DATA ?? 'true') !== 'false',
    readyTimeoutMs: wholeNumber(env, 'READY_TIMEOUT_MS', 2000),
    runJobs: (env.RUN_JOBS ?? 'true') !== 'false',
    jobPollSeconds: wholeNumber(env, 'JOB_POLL_SECONDS', 2),
  }
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback)
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0`)
  return value
}
