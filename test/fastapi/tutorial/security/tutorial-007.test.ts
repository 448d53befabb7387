// FastAPI tutorial "HTTP Basic Auth: check the username" (docs_src/security/tutorial007_an_py310.py),
// ported to Brisk with safeEqual in place of `secrets.compare_digest`, and checked as
// tests/test_tutorial/test_security/test_tutorial007.py checks it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type App, depends, HTTPBasic, HTTPException, TestClient } from '../../../../src/index.js'
import { safeEqual } from '../../../../src/security/compare.js'
import { assertDocument, fastapi, fastapiDocument } from '../../fastapi-document.js'

const basicAuth = (credentials: string) => ({
  headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
})

function tutorialApp(): App {
  const app = fastapi()
  const security = new HTTPBasic()

  const getCurrentUsername = depends(
    { credentials: security },
    function get_current_username({ credentials }) {
      // Both checks always run, each in constant time, so the response time does not tell which
      // one failed nor how much of the secret matched.
      const isCorrectUsername = safeEqual(credentials.username, 'stanleyjobson')
      const isCorrectPassword = safeEqual(credentials.password, 'swordfish')
      if (!(isCorrectUsername && isCorrectPassword)) {
        throw new HTTPException(401, 'Incorrect username or password', {
          headers: { 'WWW-Authenticate': 'Basic' },
        })
      }
      return credentials.username
    },
  )

  app.get('/users/me', { deps: { username: getCurrentUsername } }, function read_current_user({ username }) {
    return { username }
  })
  return app
}

describe('security tutorial007: HTTP Basic with a constant-time check', () => {
  const client = new TestClient(tutorialApp())

  test('the right user and password', async () => {
    const res = await client.get('/users/me', basicAuth('stanleyjobson:swordfish'))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { username: 'stanleyjobson' })
  })

  test('no credentials: 401 from the scheme', async () => {
    const res = await client.get('/users/me')
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Basic')
  })

  test('not base64: 401 from the scheme', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Basic notabase64token' } })
    assert.equal(res.status, 401, res.text)
    assert.equal(res.headers.get('www-authenticate'), 'Basic')
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  })

  test('no colon: 401 from the scheme', async () => {
    const res = await client.get('/users/me', basicAuth('johnsecret'))
    assert.equal(res.status, 401, res.text)
    assert.equal(res.headers.get('www-authenticate'), 'Basic')
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  })

  for (const [name, credentials] of [
    ['a wrong user', 'alice:swordfish'],
    ['a wrong password', 'stanleyjobson:wrongpassword'],
    ['a prefix of the password', 'stanleyjobson:sword'],
    ['the password with more after it', 'stanleyjobson:swordfish2'],
    ['the user in another case', 'StanleyJobson:swordfish'],
    ['user and password swapped', 'swordfish:stanleyjobson'],
    ['empty user and password', ':'],
  ] as const) {
    test(`${name}: 401 Incorrect username or password`, async () => {
      const res = await client.get('/users/me', basicAuth(credentials))
      assert.equal(res.status, 401, res.text)
      assert.deepEqual(res.json(), { detail: 'Incorrect username or password' })
      assert.equal(res.headers.get('www-authenticate'), 'Basic')
    })
  }

  test('OpenAPI: the http basic scheme found through the dependency', async () => {
    await assertDocument(client, fastapiDocument('test_security/test_tutorial007.py'))
  })
})
