import { HTTPException, Router } from '../../../src/index.js'
import { OAuth2PasswordRequestForm } from '../../../src/security/index.js'
import { getDb, getTokens } from '../dependencies.js'
import { Message } from '../models/common.js'
import { Token } from '../models/users.js'
import { authenticate } from '../services/users.js'

export const authRouter = new Router({ tags: ['auth'] })

authRouter.post(
  '/token',
  {
    deps: { credentials: OAuth2PasswordRequestForm, db: getDb, tokens: getTokens },
    response: Token,
    responses: { 400: { model: Message, description: 'Incorrect email or password' } },
    summary: 'Log in (OAuth2 password flow)',
  },
  async function login({ credentials, db, tokens }) {
    // OAuth2's form calls it `username`; here it is the email.
    const user = await authenticate(db, credentials.username, credentials.password)
    if (user === undefined) throw new HTTPException(400, 'Incorrect email or password')
    return { access_token: await tokens.sign(String(user.id)), token_type: 'bearer' as const }
  },
)
