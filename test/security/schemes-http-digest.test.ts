// HTTPDigest, against FastAPI's tests/test_security_http_digest.py, _digest_optional.py and
// _digest_description.py. Like FastAPI's, it only reads the header; checking the digest is the app's.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { HTTPDigest, TestClient } from '../../src/index.js'
import { assertDocument, fastapi, ok } from '../fastapi/fastapi-document.js'

function digestApp(scheme: HTTPDigest<boolean>): TestClient {
  const app = fastapi()
  app.get('/users/me', { deps: { credentials: scheme } }, function read_current_user({ credentials }) {
    if (credentials === undefined) return { msg: 'Create an account first' }
    return { scheme: credentials.scheme, credentials: credentials.credentials }
  })
  return new TestClient(app)
}

const get = (client: TestClient, authorization?: string) =>
  client.get('/users/me', authorization === undefined ? {} : { headers: { Authorization: authorization } })

async function assertRefused(client: TestClient, authorization?: string) {
  const res = await get(client, authorization)
  assert.equal(res.status, 401, res.text)
  assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  assert.equal(res.headers.get('www-authenticate'), 'Digest')
}

const documentFor = (scheme: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/users/me': {
      get: {
        responses: { '200': ok() },
        summary: 'Read Current User',
        operationId: 'read_current_user_users_me_get',
        security: [{ HTTPDigest: [] }],
      },
    },
  },
  components: { securitySchemes: { HTTPDigest: scheme } },
})

// A real Digest header (RFC 7616 §3.9.1), handed over whole after the scheme.
const rfcDigest =
  'username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, ' +
  'nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", ' +
  'qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"'

describe('HTTPDigest (test_security_http_digest.py)', () => {
  const client = digestApp(new HTTPDigest())

  test('Digest credentials', async () => {
    const res = await get(client, 'Digest foobar')
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { scheme: 'Digest', credentials: 'foobar' })
  })

  test('a full RFC 7616 header: everything after the scheme, as sent', async () => {
    const res = await get(client, `Digest ${rfcDigest}`)
    assert.deepEqual(res.json(), { scheme: 'Digest', credentials: rfcDigest })
  })

  test('no header: 401 Digest', () => assertRefused(client))
  test('another scheme: 401 Digest', () => assertRefused(client, 'Other invalidauthorization'))
  test('"Digest" alone: 401', () => assertRefused(client, 'Digest'))

  test('OpenAPI', async () => {
    await assertDocument(client, documentFor({ type: 'http', scheme: 'digest' }))
  })
})

describe('HTTPDigest with autoError: false (test_security_http_digest_optional.py)', () => {
  const client = digestApp(new HTTPDigest({ autoError: false }))

  test('Digest credentials', async () => {
    assert.deepEqual((await get(client, 'Digest foobar')).json(), { scheme: 'Digest', credentials: 'foobar' })
  })

  test('no header, or another scheme: undefined', async () => {
    for (const authorization of [undefined, 'Other invalidauthorization']) {
      const res = await get(client, authorization)
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), { msg: 'Create an account first' })
    }
  })

  test('OpenAPI', async () => {
    await assertDocument(client, documentFor({ type: 'http', scheme: 'digest' }))
  })
})

describe('HTTPDigest with a description (test_security_http_digest_description.py)', () => {
  const client = digestApp(new HTTPDigest({ description: 'HTTPDigest scheme' }))

  test('credentials, and the 401s', async () => {
    assert.deepEqual((await get(client, 'Digest foobar')).json(), { scheme: 'Digest', credentials: 'foobar' })
    await assertRefused(client)
    await assertRefused(client, 'Other invalidauthorization')
  })

  test('OpenAPI: the description on the scheme', async () => {
    await assertDocument(
      client,
      documentFor({ type: 'http', scheme: 'digest', description: 'HTTPDigest scheme' }),
    )
  })
})
