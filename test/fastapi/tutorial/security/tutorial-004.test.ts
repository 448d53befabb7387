// FastAPI tutorial "OAuth2 with Password (and hashing), Bearer with JWT tokens"
// (docs_src/security/tutorial004_an_py310.py), ported to Brisk with JwtCodec and verifyPassword,
// and checked as tests/test_tutorial/test_security/test_tutorial004.py checks it; plus the
// expired, foreign-key and missing-user tokens that test only reaches through PyJWT.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { SignJWT } from 'jose'
import { z } from 'zod'
import { type App, depends, HTTPException, OAuth2PasswordBearer, TestClient } from '../../../../src/index.js'
import { OAuth2PasswordRequestForm } from '../../../../src/security/index.js'
import { InvalidTokenError, JwtCodec, type JwtCodecOptions } from '../../../../src/security/jwt.js'
import { hashPassword, verifyPassword } from '../../../../src/security/passwords.js'
import type { TokenBody } from '../../../response-bodies.js'
import { assertDocument, fastapi, fastapiDocument } from '../../fastapi-document.js'

// The tutorial's key (`openssl rand -hex 32`), used as a 64-byte string, as PyJWT uses it.
const SECRET_KEY = '09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7'
const ACCESS_TOKEN_EXPIRE = '30m'

interface UserInDB {
  username: string
  full_name: string | null
  email: string | null
  hashed_password: string
  disabled: boolean | null
}

const User = z
  .object({
    username: z.string(),
    email: z.string().nullable().default(null),
    full_name: z.string().nullable().default(null),
    disabled: z.boolean().nullable().default(null),
  })
  .meta({ id: 'User' })
const Token = z.object({ access_token: z.string(), token_type: z.string() }).meta({ id: 'Token' })

/** The tutorial's app; `db` is its fake_users_db, which a test may add to (FastAPI patches it). */
function tutorialApp(db: Record<string, UserInDB>, codecOptions: Partial<JwtCodecOptions> = {}): App {
  const app = fastapi()
  const tokens = new JwtCodec({ algorithm: 'HS256', secret: SECRET_KEY, ...codecOptions } as JwtCodecOptions)
  const oauth2Scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
  const getUser = (username: string) => (Object.hasOwn(db, username) ? db[username] : undefined)

  async function authenticateUser(username: string, password: string): Promise<UserInDB | undefined> {
    const user = getUser(username)
    // With no user, verifyPassword checks a dummy hash (the tutorial's DUMMY_HASH), so both
    // failures take the same time.
    if (!(await verifyPassword(password, user?.hashed_password))) return undefined
    return user
  }

  const getCurrentUser = depends({ token: oauth2Scheme }, async function get_current_user({ token }) {
    const credentialsException = new HTTPException(401, 'Could not validate credentials', {
      headers: { 'WWW-Authenticate': 'Bearer' },
    })
    let username: unknown
    try {
      username = (await tokens.verify(token)).sub
    } catch (error) {
      if (error instanceof InvalidTokenError) throw credentialsException
      throw error
    }
    if (typeof username !== 'string') throw credentialsException
    const user = getUser(username)
    if (user === undefined) throw credentialsException
    return user
  })
  const getCurrentActiveUser = depends(
    { current_user: getCurrentUser },
    async function get_current_active_user({ current_user }) {
      if (current_user.disabled) throw new HTTPException(400, 'Inactive user')
      return current_user
    },
  )

  app.post(
    '/token',
    { deps: { form_data: OAuth2PasswordRequestForm }, response: Token },
    async function login_for_access_token({ form_data }) {
      const user = await authenticateUser(form_data.username, form_data.password)
      if (user === undefined) {
        throw new HTTPException(401, 'Incorrect username or password', {
          headers: { 'WWW-Authenticate': 'Bearer' },
        })
      }
      const accessToken = await tokens.sign({ sub: user.username }, { expiresIn: ACCESS_TOKEN_EXPIRE })
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
    { deps: { current_user: getCurrentActiveUser } },
    async function read_own_items({ current_user }) {
      return [{ item_id: 'Foo', owner: current_user.username }]
    },
  )
  return app
}

function fakeUsersDb(): Record<string, UserInDB> {
  return {
    johndoe: {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      // FastAPI's tutorial hash (pwdlib, argon2id m=65536,t=3,p=4) of "secret".
      hashed_password:
        '$argon2id$v=19$m=65536,t=3,p=4$wagCPXjifgvUFBzq4hqe3w$CYaIb8sB+wtD+Vu/P4uod1+Qof8h+1g7bbDlBID48Rc',
      disabled: false,
    },
  }
}

async function accessToken(client: TestClient, username = 'johndoe', password = 'secret'): Promise<string> {
  const res = await client.post('/token', { form: { username, password } })
  assert.equal(res.status, 200, res.text)
  return res.json<TokenBody>().access_token
}

const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })

function assertCredentialsRefused(res: { status: number; text: string; json(): unknown; headers: Headers }) {
  assert.equal(res.status, 401, res.text)
  assert.deepEqual(res.json(), { detail: 'Could not validate credentials' })
  assert.equal(res.headers.get('www-authenticate'), 'Bearer')
}

/** A token signed with the tutorial's key by PyJWT's rules, for claims `JwtCodec.sign` will not set. */
function signRaw(claims: Record<string, unknown>, secret = SECRET_KEY): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret))
}

// FastAPI's test tokens, made by PyJWT with the tutorial's key and no `exp`.
const NO_SUB =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJkYXRhIjoiZm9vIn0.9ynBhuYb4e6aW3oJr_K_TBgwcMTDpRToQIE25L57rOE'
const SUB_FOO =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJmb28ifQ.NnExK_dlNAYyzACrXtXDrcWOgGY2JuPbI4eDaHdfK5Y'
const SUB_BOB =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VybmFtZTpib2IifQ.HcfCW67Uda-0gz54ZWTqmtgJnZeNem0Q757eTa9EZuw'

describe('security tutorial004: logging in issues a JWT', () => {
  const client = new TestClient(tutorialApp(fakeUsersDb()))

  test('the right password (FastAPI\'s argon2id hash of "secret"): a bearer token that is a JWT', async () => {
    const res = await client.post('/token', { form: { username: 'johndoe', password: 'secret' } })
    assert.equal(res.status, 200, res.text)
    const content = res.json<TokenBody>()
    assert.equal(content.token_type, 'bearer')
    assert.match(content.access_token, /^[\w-]+\.[\w-]+\.[\w-]+$/)
    const claims = JSON.parse(Buffer.from(content.access_token.split('.')[1]!, 'base64url').toString())
    assert.equal(claims.sub, 'johndoe')
    // ACCESS_TOKEN_EXPIRE_MINUTES = 30.
    assert.equal(claims.exp - claims.iat, 30 * 60)
  })

  test('a wrong password: 401 with the Bearer challenge', async () => {
    const res = await client.post('/token', { form: { username: 'johndoe', password: 'incorrect' } })
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Incorrect username or password' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('an unknown user: the same 401', async () => {
    const res = await client.post('/token', { form: { username: 'foo', password: 'secret' } })
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Incorrect username or password' })
  })
})

describe('security tutorial004: the current user from the token', () => {
  const db = fakeUsersDb()
  const client = new TestClient(tutorialApp(db))

  test('no token: 401 from the scheme', async () => {
    const res = await client.get('/users/me')
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('a token from /token: the user, without hashed_password (response model User)', async () => {
    const res = await client.get('/users/me', bearer(await accessToken(client)))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      disabled: false,
    })
  })

  test('a token that is no JWT: 401 Could not validate credentials', async () => {
    assertCredentialsRefused(await client.get('/users/me', bearer('nonexistent')))
  })

  test('another scheme: 401 Not authenticated, from the scheme', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Notexistent testtoken' } })
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test("FastAPI's tokens without exp (no sub, sub foo, sub username:bob): 401", async () => {
    // JwtCodec requires `exp` by default, so these stop at verify(), before the `sub` and user
    // checks they reach in FastAPI; the next suite reaches those checks too.
    for (const token of [NO_SUB, SUB_FOO, SUB_BOB])
      assertCredentialsRefused(await client.get('/users/me', bearer(token)))
  })

  test('a valid token for a user who does not exist: 401', async () => {
    assertCredentialsRefused(
      await client.get('/users/me', bearer(await signRaw({ sub: 'bob', exp: inMinutes(30) }))),
    )
  })

  test('a valid token without sub: 401', async () => {
    assertCredentialsRefused(
      await client.get('/users/me', bearer(await signRaw({ data: 'foo', exp: inMinutes(30) }))),
    )
  })

  test('an expired token: 401', async () => {
    // Beyond JwtCodec's default 5 s of clock tolerance.
    const expired = await signRaw({ sub: 'johndoe', iat: inMinutes(-31), exp: inMinutes(-1) })
    assertCredentialsRefused(await client.get('/users/me', bearer(expired)))
  })

  test('a token signed with another key: 401', async () => {
    const forged = await signRaw({ sub: 'johndoe', exp: inMinutes(30) }, 'x'.repeat(64))
    assertCredentialsRefused(await client.get('/users/me', bearer(forged)))
  })

  test('an alg "none" token: 401', async () => {
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')
    const payload = Buffer.from(JSON.stringify({ sub: 'johndoe', exp: inMinutes(30) })).toString('base64url')
    assertCredentialsRefused(await client.get('/users/me', bearer(`${header}.${payload}.`)))
  })

  test('a disabled user (added to the db, as FastAPI patches it): 400 Inactive user', async () => {
    db.alice = {
      username: 'alice',
      full_name: 'Alice Wonderson',
      email: 'alice@example.com',
      hashed_password: await hashPassword('secretalice'),
      disabled: true,
    }
    try {
      const res = await client.get('/users/me', bearer(await accessToken(client, 'alice', 'secretalice')))
      assert.equal(res.status, 400, res.text)
      assert.deepEqual(res.json(), { detail: 'Inactive user' })
    } finally {
      delete db.alice
    }
  })

  test('/users/me/items/ with a token: the items of the user', async () => {
    const res = await client.get('/users/me/items/', bearer(await accessToken(client)))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), [{ item_id: 'Foo', owner: 'johndoe' }])
  })
})

describe("security tutorial004: FastAPI's exp-less tokens reach the sub and user checks", () => {
  // With `requiredClaims: []` the codec accepts tokens without `exp`, as PyJWT does, so FastAPI's
  // own test tokens exercise the same branches they do there.
  const client = new TestClient(tutorialApp(fakeUsersDb(), { requiredClaims: [] }))

  test('test_token_no_sub, test_token_no_username, test_token_nonexistent_user: 401', async () => {
    for (const token of [NO_SUB, SUB_FOO, SUB_BOB])
      assertCredentialsRefused(await client.get('/users/me', bearer(token)))
  })

  test('an exp-less token for johndoe is accepted there', async () => {
    const res = await client.get('/users/me', bearer(await signRaw({ sub: 'johndoe' })))
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json<{ username: string }>().username, 'johndoe')
  })
})

describe('security tutorial004: OpenAPI', () => {
  const client = new TestClient(tutorialApp(fakeUsersDb()))

  // FastAPI's snapshot (test_tutorial004.py test_openapi_schema); the routes protected only by the
  // scheme have no 422, and login's body is the urlencoded form of OAuth2PasswordRequestForm.
  test("the document is FastAPI's", async () => {
    await assertDocument(client, fastapiDocument('test_security/test_tutorial004.py'))
  })
})

function inMinutes(minutes: number): number {
  return Math.floor(Date.now() / 1000) + minutes * 60
}
