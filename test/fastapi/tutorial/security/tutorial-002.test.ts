// FastAPI tutorial "Get Current User" (docs_src/security/tutorial002_an_py310.py), ported to Brisk
// and checked as tests/test_tutorial/test_security/test_tutorial002.py checks it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type App, depends, OAuth2PasswordBearer, TestClient } from '../../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../../fastapi-document.js'

interface User {
  username: string
  email: string | null
  full_name: string | null
  disabled: boolean | null
}

function tutorialApp(): App {
  const app = fastapi()
  const oauth2Scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })

  // No security at all: the next tutorials decode a real token.
  const fakeDecodeToken = (token: string): User => ({
    username: `${token}fakedecoded`,
    email: 'john@example.com',
    full_name: 'John Doe',
    disabled: null,
  })
  const getCurrentUser = depends({ token: oauth2Scheme }, async function get_current_user({ token }) {
    return fakeDecodeToken(token)
  })

  app.get(
    '/users/me',
    { deps: { current_user: getCurrentUser } },
    async function read_users_me({ current_user }) {
      return current_user
    },
  )
  return app
}

describe('security tutorial002: a dependency turns the token into the current user', () => {
  const client = new TestClient(tutorialApp())

  test('no token: the scheme answers 401 before get_current_user runs', async () => {
    const res = await client.get('/users/me')
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('a token: the user decoded from it', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Bearer testtoken' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      username: 'testtokenfakedecoded',
      email: 'john@example.com',
      full_name: 'John Doe',
      disabled: null,
    })
  })

  test('OpenAPI: the scheme found through the sub-dependency, no 422', async () => {
    await assertDocument(client, fastapiDocument('test_security/test_tutorial002.py'))
  })
})
