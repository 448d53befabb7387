import { eq } from 'drizzle-orm'
import { depends, HTTPException, OAuth2PasswordBearer } from '../../src/index.js'
import { InvalidTokenError, type JwtCodec } from '../../src/security/index.js'
import { users } from './db/schema.js'
import type { Db } from './db/session.js'

/** What the lifespan (app.ts) opens once and every request shares. */
export type AppState = {
  db: Db
  tokens: JwtCodec
  /** How long an access token lasts, in seconds. */
  tokenLifetime: number
}

// Routers and dependencies do not import the app, so they read its state through these two.
const stateOf = (state: Record<string, unknown>) => state as unknown as AppState

/** The database (FastAPI's `get_db`); a test can override it. */
export const getDb = depends(function getDb({ state }) {
  return stateOf(state).db
})

/** Signs and verifies the access tokens. */
export const getTokens = depends(function getTokens({ state }) {
  const { tokens, tokenLifetime } = stateOf(state)
  return {
    verify: (token: string) => tokens.verify(token),
    sign: (sub: string) => tokens.sign({ sub }, { expiresIn: tokenLifetime }),
  }
})

export const oauth2Scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })

const unauthorized = () =>
  new HTTPException(401, 'Could not validate credentials', { headers: { 'WWW-Authenticate': 'Bearer' } })

/** The user the bearer token names; a 401 for a missing, invalid or expired token or a deleted user. */
export const currentUser = depends(
  { token: oauth2Scheme, db: getDb, tokens: getTokens },
  async function currentUser({ token, db, tokens }) {
    let subject: unknown
    try {
      subject = (await tokens.verify(token)).sub
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthorized()
      throw error
    }
    const id = typeof subject === 'string' ? Number(subject) : Number.NaN
    if (!Number.isSafeInteger(id)) throw unauthorized()
    const [user] = await db.select().from(users).where(eq(users.id, id))
    if (user === undefined) throw unauthorized()
    return user
  },
)
