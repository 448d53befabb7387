// FastAPI tutorial "HTTP Basic Auth" (docs_src/security/tutorial006_an_py310.py), ported to Brisk
// and checked as tests/test_tutorial/test_security/test_tutorial006.py checks it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type App, HTTPBasic, TestClient } from '../../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../../fastapi-document.js'

/** `Authorization: Basic base64(user:password)`, what httpx sends for `auth=(user, password)`. */
const basicAuth = (credentials: string) => ({
  headers: { Authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
})

function tutorialApp(): App {
  const app = fastapi()
  const security = new HTTPBasic()
  app.get('/users/me', { deps: { credentials: security } }, function read_current_user({ credentials }) {
    return { username: credentials.username, password: credentials.password }
  })
  return app
}

describe('security tutorial006: HTTP Basic hands the handler the user name and password', () => {
  const client = new TestClient(tutorialApp())

  test('user and password', async () => {
    const res = await client.get('/users/me', basicAuth('john:secret'))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { username: 'john', password: 'secret' })
  })

  test('only the first colon separates them (RFC 7617 §2: the user-id has none)', async () => {
    const res = await client.get('/users/me', basicAuth('john:se:cr:et'))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { username: 'john', password: 'se:cr:et' })
  })

  test('no credentials: 401 with the Basic challenge, so browsers ask for them', async () => {
    const res = await client.get('/users/me')
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Basic')
  })

  test('not base64: 401', async () => {
    const res = await client.get('/users/me', { headers: { Authorization: 'Basic notabase64token' } })
    assert.equal(res.status, 401, res.text)
    assert.equal(res.headers.get('www-authenticate'), 'Basic')
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  })

  test('base64 without a colon: 401', async () => {
    const res = await client.get('/users/me', basicAuth('johnsecret'))
    assert.equal(res.status, 401, res.text)
    assert.equal(res.headers.get('www-authenticate'), 'Basic')
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  })

  test('OpenAPI: the http basic scheme, no 422', async () => {
    await assertDocument(client, fastapiDocument('test_security/test_tutorial006.py'))
  })
})
