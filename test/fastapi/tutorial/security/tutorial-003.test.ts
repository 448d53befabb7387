// FastAPI tutorial "Simple OAuth2 with Password and Bearer" (docs_src/security/tutorial003_an_py310.py),
// ported to Brisk and checked as tests/test_tutorial/test_security/test_tutorial003.py checks it, plus
// the form's validation errors (FastAPI's contract §2.1, test_request_forms and test_security_oauth2).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type App, depends, HTTPException, OAuth2PasswordBearer, TestClient } from '../../../../src/index.js'
import { safeEqual } from '../../../../src/security/compare.js'
import { OAuth2PasswordRequestForm } from '../../../../src/security/index.js'
import type { ValidationErrorBody } from '../../../response-bodies.js'
import { assertDocument, fastapi, fastapiDocument } from '../../fastapi-document.js'

interface UserInDB {
  username: string
  full_name: string
  email: string
  hashed_password: string
  disabled: boolean
}

const fakeUsersDb: Record<string, UserInDB> = {
  johndoe: {
    username: 'johndoe',
    full_name: 'John Doe',
    email: 'johndoe@example.com',
    hashed_password: 'fakehashedsecret',
    disabled: false,
  },
  alice: {
    username: 'alice',
    full_name: 'Alice Wonderson',
    email: 'alice@example.com',
    hashed_password: 'fakehashedsecret2',
    disabled: true,
  },
}

// The tutorial's stand-in for hashing; tutorial004 hashes for real.
const fakeHashPassword = (password: string) => `fakehashed${password}`
const getUser = (username: string): UserInDB | undefined =>
  Object.hasOwn(fakeUsersDb, username) ? fakeUsersDb[username] : undefined

function tutorialApp(): App {
  const app = fastapi()
  const oauth2Scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })

  // The token is the user name: no security at all, as the tutorial says.
  const getCurrentUser = depends({ token: oauth2Scheme }, async function get_current_user({ token }) {
    const user = getUser(token)
    if (user === undefined) {
      throw new HTTPException(401, 'Not authenticated', { headers: { 'WWW-Authenticate': 'Bearer' } })
    }
    return user
  })
  const getCurrentActiveUser = depends(
    { current_user: getCurrentUser },
    async function get_current_active_user({ current_user }) {
      if (current_user.disabled) throw new HTTPException(400, 'Inactive user')
      return current_user
    },
  )

  app.post('/token', { deps: { form_data: OAuth2PasswordRequestForm } }, async function login({ form_data }) {
    const user = getUser(form_data.username)
    if (user === undefined) throw new HTTPException(400, 'Incorrect username or password')
    // FastAPI's tutorial compares with `==`; a secret is compared in constant time.
    if (!safeEqual(fakeHashPassword(form_data.password), user.hashed_password)) {
      throw new HTTPException(400, 'Incorrect username or password')
    }
    return { access_token: user.username, token_type: 'bearer' }
  })

  app.get(
    '/users/me',
    { deps: { current_user: getCurrentActiveUser } },
    async function read_users_me({ current_user }) {
      return current_user
    },
  )
  return app
}

const client = new TestClient(tutorialApp())

describe('security tutorial003: logging in with OAuth2PasswordRequestForm', () => {
  test('the right password: the token', async () => {
    const res = await client.post('/token', { form: { username: 'johndoe', password: 'secret' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { access_token: 'johndoe', token_type: 'bearer' })
  })

  test('a wrong password: 400', async () => {
    const res = await client.post('/token', { form: { username: 'johndoe', password: 'incorrect' } })
    assert.equal(res.status, 400, res.text)
    assert.deepEqual(res.json(), { detail: 'Incorrect username or password' })
  })

  test('an unknown user: the same 400', async () => {
    const res = await client.post('/token', { form: { username: 'foo', password: 'secret' } })
    assert.equal(res.status, 400, res.text)
    assert.deepEqual(res.json(), { detail: 'Incorrect username or password' })
  })

  test('grant_type=password, scope, client_id and client_secret are accepted', async () => {
    const res = await client.post('/token', {
      form: {
        grant_type: 'password',
        username: 'johndoe',
        password: 'secret',
        scope: 'me items',
        client_id: 'cli',
        client_secret: 'shh',
      },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { access_token: 'johndoe', token_type: 'bearer' })
  })

  test('no fields: 422 naming both required ones, in declaration order', async () => {
    const res = await client.post('/token', { form: {} })
    assert.equal(res.status, 422, res.text)
    assert.deepEqual(res.json(), {
      detail: [
        { type: 'missing', loc: ['body', 'username'], msg: 'Field required', input: null },
        { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
      ],
    })
  })

  test('no body at all: the same 422', async () => {
    const res = await client.post('/token')
    assert.equal(res.status, 422, res.text)
    assert.deepEqual(
      res.json<ValidationErrorBody>().detail.map((error) => error.loc),
      [
        ['body', 'username'],
        ['body', 'password'],
      ],
    )
  })

  test('only the username: 422 for the password', async () => {
    const res = await client.post('/token', { form: { username: 'johndoe' } })
    assert.equal(res.status, 422, res.text)
    assert.deepEqual(res.json(), {
      detail: [{ type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null }],
    })
  })

  test('JSON sent to the form: both fields missing (FastAPI contract §2.1)', async () => {
    const res = await client.post('/token', { json: { username: 'johndoe', password: 'secret' } })
    assert.equal(res.status, 422, res.text)
    assert.deepEqual(res.json(), {
      detail: [
        { type: 'missing', loc: ['body', 'username'], msg: 'Field required', input: null },
        { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
      ],
    })
  })

  // FastAPI reads an empty form value as no value (dependencies/utils.py _get_multidict_value;
  // contract §1.2): a required field is then missing, an optional one takes its default.
  test('empty username and password are missing: 422', async () => {
    const res = await client.post('/token', { form: { username: '', password: '' } })
    assert.equal(res.status, 422, res.text)
    assert.deepEqual(res.json(), {
      detail: [
        { type: 'missing', loc: ['body', 'username'], msg: 'Field required', input: null },
        { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
      ],
    })
  })

  test('an empty grant_type is no grant_type: accepted', async () => {
    const res = await client.post('/token', {
      form: { username: 'johndoe', password: 'secret', grant_type: '' },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { access_token: 'johndoe', token_type: 'bearer' })
  })

  for (const grantType of ['incorrect', 'passwordblah', 'blahpassword']) {
    test(`grant_type=${grantType}: 422 string_pattern_mismatch`, async () => {
      const res = await client.post('/token', {
        form: { username: 'johndoe', password: 'secret', grant_type: grantType },
      })
      assert.equal(res.status, 422, res.text)
      assert.deepEqual(res.json(), {
        detail: [
          {
            type: 'string_pattern_mismatch',
            loc: ['body', 'grant_type'],
            msg: "String should match pattern '^password$'",
            input: grantType,
            ctx: { pattern: '^password$' },
          },
        ],
      })
    })
  }
})

describe('security tutorial003: the current, active user', () => {
  test('no token: 401', async () => {
    const res = await client.get('/users/me')
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('a known user: everything in the record, as the tutorial returns it', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer johndoe' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      username: 'johndoe',
      full_name: 'John Doe',
      email: 'johndoe@example.com',
      hashed_password: 'fakehashedsecret',
      disabled: false,
    })
  })

  test("an unknown user: the dependency's own 401", async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer nonexistent' } })
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('another scheme: 401 from the scheme', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Notexistent testtoken' } })
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('an inactive user: 400', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer alice' } })
    assert.equal(res.status, 400, res.text)
    assert.deepEqual(res.json(), { detail: 'Inactive user' })
  })

  test('a user name from the object prototype is no user', async () => {
    // A plain-object "database" would find `constructor` or `__proto__` without the own-key check.
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer constructor' } })
    assert.equal(res.status, 401, res.text)
  })
})

describe('security tutorial003: OpenAPI', () => {
  test("the document is FastAPI's", async () => {
    await assertDocument(client, fastapiDocument('test_security/test_tutorial003.py'))
  })
})
