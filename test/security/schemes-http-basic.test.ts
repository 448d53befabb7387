// HTTPBasic, against FastAPI's tests/test_security_http_basic_realm.py, _realm_description.py and
// _optional.py, plus the malformed headers those tests stop short of: bad base64, no colon, bytes
// that are not UTF-8, and the realm's quoting.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ConfigError, HTTPBasic, TestClient } from '../../src/index.js'
import { assertDocument, fastapi, ok } from '../fastapi/fastapi-document.js'

const basic = (payload: string | Uint8Array) => `Basic ${Buffer.from(payload).toString('base64')}`
const auth = (authorization: string) => ({ headers: { Authorization: authorization } })

/** FastAPI's test app: GET /users/me answers the credentials, or a message with none. */
function basicApp(scheme: HTTPBasic<boolean>): TestClient {
  const app = fastapi()
  app.get('/users/me', { deps: { credentials: scheme } }, function read_current_user({ credentials }) {
    if (credentials === undefined) return { msg: 'Create an account first' }
    return { username: credentials.username, password: credentials.password }
  })
  return new TestClient(app)
}

async function assertRefused(client: TestClient, authorization: string | undefined, challenge: string) {
  const res = await client.get('/users/me', authorization === undefined ? {} : auth(authorization))
  assert.equal(res.status, 401, `${authorization}: ${res.text}`)
  assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  assert.equal(res.headers.get('www-authenticate'), challenge)
}

const documentFor = (scheme: Record<string, unknown>, name = 'HTTPBasic') => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/users/me': {
      get: {
        responses: { '200': ok() },
        summary: 'Read Current User',
        operationId: 'read_current_user_users_me_get',
        security: [{ [name]: [] }],
      },
    },
  },
  components: { securitySchemes: { [name]: scheme } },
})

describe('HTTPBasic with a realm (test_security_http_basic_realm.py)', () => {
  const client = basicApp(new HTTPBasic({ realm: 'simple' }))
  const challenge = 'Basic realm="simple"'

  test('credentials', async () => {
    const res = await client.get('/users/me', auth(basic('john:secret')))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { username: 'john', password: 'secret' })
  })

  test('no credentials: the challenge names the realm', () => assertRefused(client, undefined, challenge))
  test('not base64: 401', () => assertRefused(client, 'Basic notabase64token', challenge))
  test('no colon: 401', () => assertRefused(client, basic('johnsecret'), challenge))

  test('OpenAPI: the realm is not part of the scheme object', async () => {
    await assertDocument(client, documentFor({ type: 'http', scheme: 'basic' }))
  })
})

describe('HTTPBasic with a realm and a description (test_security_http_basic_realm_description.py)', () => {
  const client = basicApp(new HTTPBasic({ realm: 'simple', description: 'HTTPBasic scheme' }))

  test('credentials; without them, the realm challenge', async () => {
    const res = await client.get('/users/me', auth(basic('john:secret')))
    assert.deepEqual(res.json(), { username: 'john', password: 'secret' })
    await assertRefused(client, undefined, 'Basic realm="simple"')
    await assertRefused(client, 'Basic notabase64token', 'Basic realm="simple"')
    await assertRefused(client, basic('johnsecret'), 'Basic realm="simple"')
  })

  test('OpenAPI: the description on the scheme', async () => {
    await assertDocument(
      client,
      documentFor({ type: 'http', scheme: 'basic', description: 'HTTPBasic scheme' }),
    )
  })
})

describe('HTTPBasic with autoError: false (test_security_http_basic_optional.py)', () => {
  const client = basicApp(new HTTPBasic({ autoError: false }))

  test('credentials', async () => {
    const res = await client.get('/users/me', auth(basic('john:secret')))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { username: 'john', password: 'secret' })
  })

  test('no credentials, or another scheme: the handler gets undefined', async () => {
    for (const authorization of [undefined, 'Bearer token', 'Digest foobar']) {
      const res = await client.get('/users/me', authorization === undefined ? {} : auth(authorization))
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), { msg: 'Create an account first' })
    }
  })

  test('malformed Basic credentials are still a 401, as in FastAPI', async () => {
    // Credentials that were sent but cannot be read are refused, not taken for no credentials:
    // FastAPI's HTTPBasic raises for a bad payload whatever auto_error is.
    await assertRefused(client, 'Basic notabase64token', 'Basic')
    await assertRefused(client, basic('johnsecret'), 'Basic')
  })

  test('OpenAPI: the same scheme as with autoError', async () => {
    await assertDocument(client, documentFor({ type: 'http', scheme: 'basic' }))
  })
})

describe('HTTPBasic: what the header may and may not hold', () => {
  const client = basicApp(new HTTPBasic())

  test('the scheme name in any case (RFC 9110 §11.1)', async () => {
    for (const scheme of ['basic', 'BASIC', 'bAsIc']) {
      const res = await client.get(
        '/users/me',
        auth(`${scheme} ${Buffer.from('john:secret').toString('base64')}`),
      )
      assert.deepEqual(res.json(), { username: 'john', password: 'secret' }, scheme)
    }
  })

  test('spaces around the credentials are ignored, as FastAPI strips them', async () => {
    const res = await client.get(
      '/users/me',
      auth(`Basic   ${Buffer.from('john:secret').toString('base64')}  `),
    )
    assert.deepEqual(res.json(), { username: 'john', password: 'secret' })
  })

  test('an empty user and password are credentials (":"), for the app to refuse', async () => {
    const res = await client.get('/users/me', auth(basic(':')))
    assert.deepEqual(res.json(), { username: '', password: '' })
  })

  test('a password may contain colons; only the first separates', async () => {
    const res = await client.get('/users/me', auth(basic('john:a:b:')))
    assert.deepEqual(res.json(), { username: 'john', password: 'a:b:' })
  })

  for (const [name, header] of [
    ['"Basic" with nothing after it', 'Basic'],
    [
      'base64 without its padding',
      `Basic ${Buffer.from('john:secret').toString('base64').replace(/=+$/, '')}`,
    ],
    ['base64 of text without a colon', basic('johnsecret')],
    ['base64 of an empty string', 'Basic ='],
    ['bytes that are not UTF-8', basic(new Uint8Array([0xff, 0x3a, 0x61]))],
    ['a lone UTF-8 continuation byte', basic(new Uint8Array([0x61, 0x3a, 0x80]))],
    ['an overlong UTF-8 encoding of ":"', basic(new Uint8Array([0x61, 0xc0, 0xba, 0x62]))],
    ['base64url instead of base64', `Basic ${Buffer.from('??>:??>').toString('base64url')}`],
    ['another scheme', 'Bearer am9objpzZWNyZXQ='],
    ['no scheme', Buffer.from('john:secret').toString('base64')],
  ] as const) {
    test(`${name}: 401`, () => assertRefused(client, header, 'Basic'))
  }

  test('characters outside base64 are refused (Brisk; FastAPI drops them and decodes the rest)', async () => {
    // Python's b64decode(validate=False) discards "!" and reads "john:secret"; Brisk refuses a
    // token68 that is not base64 (RFC 7617 §2) rather than guess what the client meant.
    await assertRefused(client, 'Basic am9o!bjpzZWNyZXQ=', 'Basic')
  })

  test('UTF-8 user names and passwords are read (Brisk; FastAPI accepts only ASCII)', async () => {
    // A deliberate difference: RFC 7617 §2.1 lets the server declare charset="UTF-8", and every
    // current browser sends UTF-8; FastAPI's .decode("ascii") answers 401.
    const res = await client.get('/users/me', auth(basic('jöhn:sécret €')))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { username: 'jöhn', password: 'sécret €' })
  })
})

describe('HTTPBasic: the realm in the challenge', () => {
  test('quotes and backslashes in the realm are escaped (Brisk; FastAPI writes them raw)', async () => {
    // RFC 9110 §5.6.4 quoted-string: unescaped, `"` would end the realm early and let the rest of
    // the string pose as further auth-params.
    const client = basicApp(new HTTPBasic({ realm: 'say "hi" \\ bye' }))
    await assertRefused(client, undefined, 'Basic realm="say \\"hi\\" \\\\ bye"')
  })

  test('an empty realm is no realm, as FastAPI’s `if self.realm:`', async () => {
    const res = await basicApp(new HTTPBasic({ realm: '' })).get('/users/me')
    assert.equal(res.status, 401)
    assert.equal(res.headers.get('www-authenticate'), 'Basic')
  })
})

describe('HTTPBasic: a realm that cannot be sent', () => {
  // The challenge is built per request, so a realm no header can carry (CR/LF, characters above
  // U+00FF) would turn every 401 into a 500 (FastAPI's does); Brisk refuses it when it is made.
  for (const realm of ['a\r\nSet-Cookie: x=1', '日本']) {
    test(`${JSON.stringify(realm)} is refused at construction`, () => {
      assert.throws(() => new HTTPBasic({ realm }), ConfigError)
    })
  }
})

describe('HTTPBasic: schemeName', () => {
  test('names the scheme in components and in the requirement', async () => {
    const client = basicApp(new HTTPBasic({ schemeName: 'Login', description: 'Staff login' }))
    await assertDocument(
      client,
      documentFor({ type: 'http', scheme: 'basic', description: 'Staff login' }, 'Login'),
    )
  })
})
