import { z } from 'zod'
import { defineSettings } from '../../src/index.js'

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

/** The variables, by name, as `defineSettings` reads them: coerced like query parameters. */
const variables = {
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().min(1).default('.data/shop'),
  SECRET_KEY: z.string().min(32).default(DEVELOPMENT_SECRET),
  ACCESS_TOKEN_MINUTES: z.int().min(1).default(30),
  CORS_ORIGINS: z.string().default('http://localhost:3000,http://localhost:5173'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  SEED_DEMO_DATA: z.boolean().default(true),
  READY_TIMEOUT_MS: z.int().min(1).default(2000),
  RUN_JOBS: z.boolean().default(true),
  JOB_POLL_SECONDS: z.int().min(1).default(2),
  NODE_ENV: z.string().optional(),
}

/**
 * The settings from `env` (default: the process's environment and a `.env` file in the current
 * folder). Every missing or invalid variable is listed in one `SettingsError`, secrets never
 * printed.
 */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const read = defineSettings(variables, env === process.env ? { envFile: '.env' } : { env }).get()
  if (read.NODE_ENV === 'production' && read.SECRET_KEY === DEVELOPMENT_SECRET)
    throw new Error('Set SECRET_KEY in production')
  return {
    databaseUrl: read.DATABASE_URL || undefined,
    dataDir: read.DATA_DIR,
    secretKey: read.SECRET_KEY,
    accessTokenMinutes: read.ACCESS_TOKEN_MINUTES,
    corsOrigins: read.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    logLevel: read.LOG_LEVEL,
    seedDemoData: read.SEED_DEMO_DATA,
    readyTimeoutMs: read.READY_TIMEOUT_MS,
    runJobs: read.RUN_JOBS,
    jobPollSeconds: read.JOB_POLL_SECONDS,
  }
}
