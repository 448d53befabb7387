import {
  APIKeyQuery,
  type Broadcaster,
  depends,
  HTTPException,
  OAuth2PasswordBearer,
  WebSocketException,
} from '../../src/index.js'
import { InvalidTokenError, type JwtCodec } from '../../src/security/index.js'
import type { Db } from './db/session.js'
import type { OrderEvents } from './services/order-events.js'
import type { ReportJobs } from './services/reports.js'
import { findUser, type Role, type UserRow } from './services/users.js'

/** What the lifespan (app.ts) opens once and every request shares. */
export type AppState = {
  db: Db
  tokens: JwtCodec
  /** How long an access token lasts, in seconds. */
  tokenLifetime: number
  /** Resolves when the database answers a query. */
  ping: () => Promise<void>
  /** How long `/ready` waits for `ping`. */
  readyTimeoutMs: number
  orderEvents: OrderEvents
  /** Notifications to WebSockets, across workers and instances on PostgreSQL. */
  broadcaster: Broadcaster
  /** The durable sales-report jobs (pg-boss). */
  reports: ReportJobs
}

// Routers and dependencies do not import the app, so they read its state through this.
const stateOf = (state: Record<string, unknown>) => state as unknown as AppState

/** The database (FastAPI's `get_db`); a test can override it. */
export const getDb = depends(function getDb({ state }) {
  return stateOf(state).db
})

/** Who hears about confirmed and cancelled orders (services/order-events.ts). */
export const getOrderEvents = depends(function getOrderEvents({ state }) {
  return stateOf(state).orderEvents
})

/** Where notifications for WebSockets are published and subscribed (services/notifications.ts). */
export const getBroadcaster = depends(function getBroadcaster({ state }) {
  return stateOf(state).broadcaster
})

/** The sales-report job queue. */
export const getReports = depends(function getReports({ state }) {
  return stateOf(state).reports
})

/** How `/ready` asks the database whether it answers, and how long it waits. */
export const getDatabaseProbe = depends(function getDatabaseProbe({ state }) {
  const { ping, readyTimeoutMs } = stateOf(state)
  return { ping, timeoutMs: readyTimeoutMs }
})

/** Signs and verifies the access tokens. */
export const getTokens = depends(function getTokens({ state }) {
  const { tokens, tokenLifetime } = stateOf(state)
  return {
    verify: (token: string) => tokens.verify(token),
    sign: (sub: string) => tokens.sign({ sub }, { expiresIn: tokenLifetime }),
  }
})

export const oauth2Scheme = new OAuth2PasswordBearer({
  tokenUrl: 'token',
  description: 'Log in with the email as the username. Demo accounts: see the README.',
})

const unauthorized = () =>
  new HTTPException(401, 'Could not validate credentials', { headers: { 'WWW-Authenticate': 'Bearer' } })

type Tokens = { verify(token: string): Promise<{ sub?: unknown }> }

/** The user a token names, or undefined for a bad or expired token or a deleted user. */
async function userFromToken(token: string, db: Db, tokens: Tokens): Promise<UserRow | undefined> {
  let subject: unknown
  try {
    subject = (await tokens.verify(token)).sub
  } catch (error) {
    if (error instanceof InvalidTokenError) return undefined
    throw error
  }
  const id = typeof subject === 'string' ? Number(subject) : Number.NaN
  if (!Number.isSafeInteger(id)) return undefined
  // The role is read from the database on every request, not from the token: taking a role
  // away works at once, not when the token expires.
  return findUser(db, id)
}

/** The user the bearer token names; a 401 for a missing, invalid or expired token or a deleted user. */
export const currentUser = depends(
  { token: oauth2Scheme, db: getDb, tokens: getTokens },
  async function currentUser({ token, db, tokens }) {
    const user = await userFromToken(token, db, tokens)
    if (user === undefined) throw unauthorized()
    return user
  },
)

/**
 * The same access token for a WebSocket, in the `token` query parameter: a browser cannot set
 * an `Authorization` header on one. A missing token refuses the upgrade with 401; a bad one
 * closes the socket with 1008.
 */
export const socketUser = depends(
  {
    token: new APIKeyQuery({ name: 'token', description: 'The access token, for WebSockets' }),
    db: getDb,
    tokens: getTokens,
  },
  async function socketUser({ token, db, tokens }) {
    const user = await userFromToken(token, db, tokens)
    if (user === undefined) throw new WebSocketException(1008, 'Could not validate credentials')
    return user
  },
)

/**
 * A dependency that lets only users with `role` through (and gives the user): 401 without a
 * valid token, 403 for a signed-in user without the role. The same role gives the same
 * dependency, so a test can override it once for every route.
 */
export function requireRole(role: Role) {
  return roleChecks[role]
}

function makeRoleCheck(role: Role) {
  return depends(
    { user: currentUser },
    ({ user }) => {
      if (user.role !== role) throw new HTTPException(403, `Only users with the ${role} role may do this`)
      return user
    },
    { name: `requireRole(${role})` },
  )
}

const roleChecks = { admin: makeRoleCheck('admin'), customer: makeRoleCheck('customer') } satisfies Record<
  Role,
  unknown
>
