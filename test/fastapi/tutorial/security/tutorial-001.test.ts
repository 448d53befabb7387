// FastAPI tutorial "Security - First Steps" (docs_src/security/tutorial001_an_py310.py), ported to
// Brisk and checked as FastAPI's tests/test_tutorial/test_security/test_tutorial001.py checks it:
// status, body, `WWW-Authenticate`, and the whole OpenAPI document.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type App, OAuth2PasswordBearer, TestClient } from '../../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../../fastapi-document.js'

function tutorialApp(): App {
  // Brisk's default title is "Brisk"; FastAPI's documents say "FastAPI".
  const app = fastapi()
  const oauth2Scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
  app.get('/items/', { deps: { token: oauth2Scheme } }, async function read_items({ token }) {
    return { token }
  })
  return app
}

describe('security tutorial001: OAuth2PasswordBearer hands the handler the bearer token', () => {
  const client = new TestClient(tutorialApp())

  test('no Authorization header: 401 with the Bearer challenge', async () => {
    // `/items` reaches `/items/` through the trailing-slash redirect, as in FastAPI's test.
    const res = await client.get('/items')
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('a bearer token is handed over as is', async () => {
    const res = await client.get('/items', { headers: { Authorization: 'Bearer testtoken' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { token: 'testtoken' })
  })

  test('another scheme is no credential: 401', async () => {
    const res = await client.get('/items', { headers: { Authorization: 'Notexistent testtoken' } })
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('the scheme name is case-insensitive (RFC 9110 §11.1), as FastAPI lowercases it', async () => {
    const res = await client.get('/items/', { headers: { Authorization: 'bEaReR testtoken' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { token: 'testtoken' })
  })

  test('an empty token is a 401 (Brisk: FastAPI hands the handler "")', async () => {
    // A deliberate difference: `Authorization: Bearer ` carries no credential, so Brisk refuses it
    // where FastAPI's OAuth2PasswordBearer returns the empty string.
    const res = await client.get('/items/', { headers: { Authorization: 'Bearer ' } })
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
  })

  test('OpenAPI: the scheme in components, the requirement on the operation, and no 422', async () => {
    // The scheme declares no parameters, so the operation has no 422 and there are no schemas.
    await assertDocument(client, fastapiDocument('test_security/test_tutorial001.py'))
  })
})
