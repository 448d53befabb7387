import { eq } from 'drizzle-orm'
import { HTTPException, Router } from '../../../src/index.js'
import { hashPassword, OAuth2PasswordRequestForm, verifyPassword } from '../../../src/security/index.js'
import { users } from '../db/schema.js'
import { currentUser, getDb, getTokens } from '../dependencies.js'
import { Message, Token, User, UserCreate } from '../models.js'

export const usersRouter = new Router({ tags: ['users'] })

type UserRow = typeof users.$inferSelect

export function toUser(row: UserRow) {
  return { id: row.id, email: row.email, name: row.name, created_at: row.createdAt.toISOString() }
}

usersRouter.post(
  '/users',
  {
    body: UserCreate,
    deps: { db: getDb },
    response: User,
    status: 201,
    responses: { 409: { model: Message, description: 'The email is taken' } },
  },
  async function register({ body, db }) {
    const passwordHash = await hashPassword(body.password)
    const email = body.email.toLowerCase()
    const [row] = await db
      .insert(users)
      .values({ email, name: body.name, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning()
    if (row === undefined) throw new HTTPException(409, 'An account with this email already exists')
    return toUser(row)
  },
)

usersRouter.post(
  '/token',
  {
    deps: { credentials: OAuth2PasswordRequestForm, db: getDb, tokens: getTokens },
    response: Token,
    responses: { 400: { model: Message, description: 'Incorrect email or password' } },
  },
  async function login({ credentials, db, tokens }) {
    // OAuth2's form calls it `username`; here it is the email.
    const [user] = await db.select().from(users).where(eq(users.email, credentials.username.toLowerCase()))
    // Verified even for an unknown email, so that both cost the same time.
    const valid = await verifyPassword(credentials.password, user?.passwordHash)
    if (user === undefined || !valid) throw new HTTPException(400, 'Incorrect email or password')
    const access_token = await tokens.sign(String(user.id))
    return { access_token, token_type: 'bearer' as const }
  },
)

usersRouter.get('/users/me', { deps: { user: currentUser }, response: User }, function readMe({ user }) {
  return toUser(user)
})
