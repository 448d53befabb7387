// FastAPI tutorial "OAuth2 scopes" (docs_src/security/tutorial005_an_py310.py), ported to Brisk
// with security(dep, { scopes }) and the `scopes` every dependency receives (FastAPI's
// SecurityScopes), and checked as tests/test_tutorial/test_security/test_tutorial005.py checks it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import {
  type App,
  depends,
  HTTPException,
  OAuth2PasswordBearer,
  security,
  TestClient,
} from '../../../../src/index.js'
import { OAuth2PasswordRequestForm } from '../../../../src/security/index.js'
import { InvalidTokenError, JwtCodec } from '../../../../src/security/jwt.js'
import { verifyPassword } from '../../../../src/security/passwords.js'
import { schemaErrors } from '../../../openapi/check-document.js'
import type { TokenBody } from '../../../response-bodies.js'
import { assertDocument, fastapi, fastapiDocument } from '../../fastapi-document.js'

const SECRET_KEY = '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7'

interface UserInDB {
  username: string
  full_name: string
  email: string
  hashed_password: string
  disabled: boolean
}

// FastAPI's tutorial hashes (pwdlib argon2id) of "secret" and "secretalice".
const fakeUsersDb: Record<string, UserInDB> = {
  johndoe: {
    username: 'johndoe',
    full_name: 'John Doe',
    email: 'johndoe@example.com',
    hashed_password:
      '$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc',
    disabled: false,
  },
  alice: {
    username: 'alice',
    full_name: 'Alice Chains',
    email: 'alicechains@example.com',
    hashed_password:
      '$argon2id$v=19$m=65536,t=3,p=4$g2/AV1zwopqUntPKJavBFw$BwpRGDCyUHLvHICnwijyX8ROGoiUPwNKZ7915MeYfCE',
    disabled: true,
  },
}
const getUser = (username: string) =>
  Object.hasOwn(fakeUsersDb, username) ? fakeUsersDb[username] : undefined

const User = z
  .object({
    username: z.string(),
    email: z.string().nullable().default(null),
    full_name: z.string().nullable().default(null),
    disabled: z.boolean().nullable().default(null),
  })
  .meta({ id: 'User' })
const Token = z.object({ access_token: z.string(), token_type: z.string() }).meta({ id: 'Token' })

const tokens = new JwtCodec({ algorithm: 'HS256', secret: SECRET_KEY })
const oauth2Scheme = new OAuth2PasswordBearer({
  tokenUrl: 'token',
  scopes: { me: 'Read information about the current user.', items: 'Read items.' },
})

const getCurrentUser = depends({ token: oauth2Scheme }, async function get_current_user({ token, scopes }) {
  // The challenge names the scopes this use requires (RFC 6750 §3), as the tutorial builds it.
  const authenticateValue = scopes.scopes.length > 0 ? `Bearer scope="${scopes.scopeStr}"` : 'Bearer'
  const credentialsException = new HTTPException(401, 'Could not validate credentials', {
    headers: { 'WWW-Authenticate': authenticateValue },
  })
  let payload: Awaited<ReturnType<typeof tokens.verify>>
  try {
    payload = await tokens.verify(token)
  } catch (error) {
    if (error instanceof InvalidTokenError) throw credentialsException
    throw error
  }
  // TokenData(scopes=..., username=...): a claim of the wrong type fails validation, a 401 too.
  const tokenData = z.object({ sub: z.string(), scope: z.string().default('') }).safeParse(payload)
  if (!tokenData.success) throw credentialsException
  const user = getUser(tokenData.data.sub)
  if (user === undefined) throw credentialsException
  const tokenScopes = tokenData.data.scope.split(' ')
  for (const scope of scopes.scopes) {
    if (!tokenScopes.includes(scope)) {
      throw new HTTPException(401, 'Not enough permissions', {
        headers: { 'WWW-Authenticate': authenticateValue },
      })
    }
  }
  return user
})

const getCurrentActiveUser = depends(
  { current_user: security(getCurrentUser, { scopes: ['me'] }) },
  async function get_current_active_user({ current_user }) {
    if (current_user.disabled) throw new HTTPException(400, 'Inactive user')
    return current_user
  },
)

function tutorialApp(): App {
  const app = fastapi()
  app.post(
    '/token',
    { deps: { form_data: OAuth2PasswordRequestForm }, response: Token },
    async function login_for_access_token({ form_data }) {
      const user = getUser(form_data.username)
      if (!(await verifyPassword(form_data.password, user?.hashed_password)) || user === undefined) {
        throw new HTTPException(400, 'Incorrect username or password')
      }
      const accessToken = await tokens.sign(
        { sub: user.username, scope: form_data.scopes.join(' ') },
        { expiresIn: '30m' },
      )
      return { access_token: accessToken, token_type: 'bearer' }
    },
  )
  app.get(
    '/users/me/',
    { deps: { current_user: getCurrentActiveUser }, response: User },
    async function read_users_me({ current_user }) {
      return current_user
    },
  )
  app.get(
    '/users/me/items/',
    { deps: { current_user: security(getCurrentActiveUser, { scopes: ['items'] }) } },
    async function read_own_items({ current_user }) {
      return [{ item_id: 'Foo', owner: current_user.username }]
    },
  )
  app.get('/status/', { deps: { current_user: getCurrentUser } }, async function read_system_status() {
    return { status: 'ok' }
  })
  return app
}

const client = new TestClient(tutorialApp())
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })

// Each login verifies an argon2id hash (m=64 MiB, t=3): tokens are made once per user and scope,
// as FastAPI's test caches verify_password for the same reason.
const issued = new Map<string, Promise<string>>()
function accessToken(scope?: string, username = 'johndoe', password = 'secret'): Promise<string> {
  const key = JSON.stringify([scope, username, password])
  let token = issued.get(key)
  if (token === undefined) {
    token = login(scope, username, password)
    issued.set(key, token)
  }
  return token
}

async function login(scope: string | undefined, username: string, password: string): Promise<string> {
  const form: Record<string, string> = { username, password }
  if (scope !== undefined) form.scope = scope
  const res = await client.post('/token', { form })
  assert.equal(res.status, 200, res.text)
  return res.json<TokenBody>().access_token
}

function assertRefused(
  res: { status: number; text: string; json(): unknown; headers: Headers },
  detail: string,
  challenge: string,
) {
  assert.equal(res.status, 401, res.text)
  assert.deepEqual(res.json(), { detail })
  assert.equal(res.headers.get('www-authenticate'), challenge)
}

describe('security tutorial005: login puts the requested scopes in the token', () => {
  test('the right password: a bearer token', async () => {
    const res = await client.post('/token', { form: { username: 'johndoe', password: 'secret' } })
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json<TokenBody>().token_type, 'bearer')
    assert.ok(res.json<TokenBody>().access_token)
  })

  test('the scope field, split on spaces, goes into the token', async () => {
    const token = await accessToken('  me   items ')
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())
    assert.equal(claims.scope, 'me items')
  })

  test('a wrong password, or an unknown user: 400', async () => {
    for (const form of [
      { username: 'johndoe', password: 'incorrect' },
      { username: 'foo', password: 'secret' },
    ]) {
      const res = await client.post('/token', { form })
      assert.equal(res.status, 400, res.text)
      assert.deepEqual(res.json(), { detail: 'Incorrect username or password' })
    }
  })
})

describe('security tutorial005: scopes checked along the chain', () => {
  test('no token: 401 from the scheme, whose challenge names no scope', async () => {
    assertRefused(await client.get('/users/me'), 'Not authenticated', 'Bearer')
  })

  test('a token with scope me: /users/me', async () => {
    const res = await client.get('/users/me', bearer(await accessToken('me')))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      disabled: false,
    })
  })

  test('an invalid token: 401 whose challenge names the required scope', async () => {
    assertRefused(
      await client.get('/users/me', bearer('nonexistent')),
      'Could not validate credentials',
      'Bearer scope="me"',
    )
  })

  test('another scheme: 401 Not authenticated from the scheme', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Notexistent testtoken' } })
    assertRefused(res, 'Not authenticated', 'Bearer')
  })

  test('a token without the scope: 401 Not enough permissions, Bearer scope="me"', async () => {
    assertRefused(
      await client.get('/users/me', bearer(await accessToken())),
      'Not enough permissions',
      'Bearer scope="me"',
    )
  })

  test('a token with only items: /users/me still needs me', async () => {
    assertRefused(
      await client.get('/users/me', bearer(await accessToken('items'))),
      'Not enough permissions',
      'Bearer scope="me"',
    )
  })

  test('a valid token for a user who does not exist: 401', async () => {
    const token = await tokens.sign({ sub: 'username:bob', scope: 'me' })
    assertRefused(
      await client.get('/users/me', bearer(token)),
      'Could not validate credentials',
      'Bearer scope="me"',
    )
  })

  test("a token whose sub is not a string: 401 (the tutorial's ValidationError branch)", async () => {
    const token = await tokens.sign({ sub: 42, scope: 'me' })
    assertRefused(
      await client.get('/users/me', bearer(token)),
      'Could not validate credentials',
      'Bearer scope="me"',
    )
  })

  test('an inactive user with scope me: 400', async () => {
    const res = await client.get('/users/me', bearer(await accessToken('me', 'alice', 'secretalice')))
    assert.equal(res.status, 400, res.text)
    assert.deepEqual(res.json(), { detail: 'Inactive user' })
  })

  test('/users/me/items/ with me and items', async () => {
    const res = await client.get('/users/me/items/', bearer(await accessToken('me items')))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), [{ item_id: 'Foo', owner: 'johndoe' }])
  })

  test('/users/me/items/ with only me: the challenge names both scopes, outermost first', async () => {
    // SecurityScopes accumulates from the route down: items (route), then me (get_current_active_user).
    assertRefused(
      await client.get('/users/me/items/', bearer(await accessToken('me'))),
      'Not enough permissions',
      'Bearer scope="items me"',
    )
  })

  test('/status/ needs no scope', async () => {
    const res = await client.get('/status/', bearer(await accessToken()))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { status: 'ok' })
  })

  test('/status/ without a token: 401 Bearer', async () => {
    assertRefused(await client.get('/status/'), 'Not authenticated', 'Bearer')
  })

  test('/status/ with an invalid token: the challenge names no scope', async () => {
    assertRefused(
      await client.get('/status/', bearer('nonexistent')),
      'Could not validate credentials',
      'Bearer',
    )
  })
})

describe('security tutorial005: OpenAPI', () => {
  // FastAPI's snapshot (test_tutorial005.py test_openapi_schema): each operation lists the scopes
  // of every security() on its chain, and the scheme documents the scopes it knows.
  test("the document is FastAPI's", async () => {
    await assertDocument(client, fastapiDocument('test_security/test_tutorial005.py'))
  })

  test('the document is valid OpenAPI 3.1 (securitySchemes and requirements included)', async () => {
    assert.deepEqual(await schemaErrors((await client.get('/openapi.json')).json()), [])
  })
})
