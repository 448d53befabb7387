import { z } from 'zod'
import { App, depends, HTTPException, OAuth2PasswordBearer, security } from '../../src/index.js'
import {
  InvalidTokenError,
  JwtCodec,
  OAuth2PasswordRequestForm,
  verifyPassword,
} from '../../src/security/index.js'

/**
 * FastAPI's "OAuth2 with Password (and hashing), Bearer with JWT tokens" and "OAuth2 scopes"
 * tutorials in Brisk: log in at `/token` (in the docs: "Authorize", user `johndoe`, password
 * `secret`), then call `/users/me/` and `/users/me/items/` with the token.
 */

// Set SECRET_KEY in production (`openssl rand -hex 32`); this one is public, for the example.
const SECRET_KEY =
  process.env.SECRET_KEY ?? '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7'
const ACCESS_TOKEN_EXPIRE = '30m'

const tokens = new JwtCodec({ algorithm: 'HS256', secret: SECRET_KEY })

interface UserInDB {
  username: string
  full_name: string | null
  email: string | null
  disabled: boolean
  hashed_password: string
  /** The scopes this user may be granted; the tutorial grants whatever is asked, we do not. */
  scopes: string[]
}

// FastAPI's tutorial users and argon2id hashes: the passwords are "secret" and "secretalice".
const users: Record<string, UserInDB> = {
  johndoe: {
    username: 'johndoe',
    full_name: 'John Doe',
    email: 'johndoe@example.com',
    hashed_password:
      '$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc',
    disabled: false,
    scopes: ['me', 'items'],
  },
  alice: {
    username: 'alice',
    full_name: 'Alice Chains',
    email: 'alicechains@example.com',
    hashed_password:
      '$argon2id$v=19$m=65536,t=3,p=4$g2/AV1zwopqUntPKJavBFw$BwpRGDCyUHLvHICnwijyX8ROGoiUPwNKZ7915MeYfCE',
    disabled: true,
    scopes: ['me'],
  },
}

const Token = z.object({ access_token: z.string(), token_type: z.string() }).meta({ id: 'Token' })

const User = z
  .object({
    username: z.string(),
    email: z.string().nullable().default(null),
    full_name: z.string().nullable().default(null),
    disabled: z.boolean().nullable().default(null),
  })
  .meta({ id: 'User' })

export const oauth2Scheme = new OAuth2PasswordBearer({
  tokenUrl: 'token',
  scopes: { me: 'Read information about the current user.', items: 'Read items.' },
})

/** The body of an `HTTPException`: `{"detail": "Inactive user"}`. */
const Message = z.object({ detail: z.string() }).meta({ id: 'Message' })

export const app = new App({
  title: 'OAuth2 with JWT',
  version: '1.0.0',
  license: { name: 'MIT', identifier: 'MIT' },
  // Document the 401 (with `WWW-Authenticate: Bearer`) of every route behind `oauth2Scheme`, so a
  // client generated from the document knows it; FastAPI, and Brisk by default, leave it out.
  openapiSecurityResponses: true,
})

/** The user whose name and password these are; an unknown user costs as much time as a known one. */
async function authenticateUser(username: string, password: string): Promise<UserInDB | undefined> {
  const user = Object.hasOwn(users, username) ? users[username] : undefined
  const valid = await verifyPassword(password, user?.hashed_password)
  return valid ? user : undefined
}

/**
 * The user the bearer token names, with every scope the route chain requires (`scopes`);
 * otherwise a 401 whose challenge names the scopes, as OAuth2 asks.
 */
const getCurrentUser = depends({ token: oauth2Scheme }, async ({ token, scopes }) => {
  const authenticate = scopes.scopes.length > 0 ? `Bearer scope="${scopes.scopeStr}"` : 'Bearer'
  const unauthorized = (detail: string) =>
    new HTTPException(401, detail, { headers: { 'WWW-Authenticate': authenticate } })
  let payload: Awaited<ReturnType<typeof tokens.verify>>
  try {
    payload = await tokens.verify(token)
  } catch (error) {
    if (error instanceof InvalidTokenError) throw unauthorized('Could not validate credentials')
    throw error
  }
  const username = typeof payload.sub === 'string' ? payload.sub : undefined
  const user = username !== undefined && Object.hasOwn(users, username) ? users[username] : undefined
  if (user === undefined) throw unauthorized('Could not validate credentials')
  const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : []
  for (const scope of scopes.scopes) {
    if (!granted.includes(scope)) throw unauthorized('Not enough permissions')
  }
  return user
})

const getCurrentActiveUser = depends({ user: security(getCurrentUser, { scopes: ['me'] }) }, ({ user }) => {
  if (user.disabled) throw new HTTPException(400, 'Inactive user')
  return user
})

// What `getCurrentActiveUser` answers for a disabled account, on each route that uses it.
const inactiveUser = { model: Message, description: 'Inactive user' }

app.post(
  '/token',
  {
    deps: { form_data: OAuth2PasswordRequestForm },
    response: Token,
    responses: { 400: { model: Message, description: 'Incorrect username or password' } },
  },
  async function login_for_access_token({ form_data }) {
    const user = await authenticateUser(form_data.username, form_data.password)
    if (user === undefined) throw new HTTPException(400, 'Incorrect username or password')
    const scope = form_data.scopes.filter((requested) => user.scopes.includes(requested)).join(' ')
    const access_token = await tokens.sign({ sub: user.username, scope }, { expiresIn: ACCESS_TOKEN_EXPIRE })
    return { access_token, token_type: 'bearer' }
  },
)

app.get(
  '/users/me/',
  { deps: { user: getCurrentActiveUser }, response: User, responses: { 400: inactiveUser } },
  function read_users_me({ user }) {
    return user
  },
)

app.get(
  '/users/me/items/',
  { deps: { user: security(getCurrentActiveUser, { scopes: ['items'] }) }, responses: { 400: inactiveUser } },
  function read_own_items({ user }) {
    return [{ item_id: 'Foo', owner: user.username }]
  },
)

app.get('/status/', { deps: { user: getCurrentUser } }, function read_system_status() {
  return { status: 'ok' }
})
