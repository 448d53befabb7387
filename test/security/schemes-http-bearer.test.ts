// HTTPBearer and HTTPBase, against FastAPI's tests/test_security_http_bearer.py, _bearer_optional.py,
// _bearer_description.py, test_security_http_base.py, _base_optional.py, _base_description.py and
// test_top_level_security_scheme_in_openapi.py.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { ConfigError, HTTPBase, HTTPBearer, type OpenAPIDocument, TestClient } from '../../src/index.js'
import { assertDocument, fastapi, ok } from '../fastapi/fastapi-document.js'

const auth = (authorization: string) => ({ headers: { Authorization: authorization } })

/** FastAPI's test app: GET /users/me answers the scheme and credentials, or a message with none. */
function credentialsApp(scheme: HTTPBase<boolean>): TestClient {
  const app = fastapi()
  app.get('/users/me', { deps: { credentials: scheme } }, function read_current_user({ credentials }) {
    if (credentials === undefined) return { msg: 'Create an account first' }
    return { scheme: credentials.scheme, credentials: credentials.credentials }
  })
  return new TestClient(app)
}

async function assertRefused(client: TestClient, authorization: string | undefined, challenge: string) {
  const res = await client.get('/users/me', authorization === undefined ? {} : auth(authorization))
  assert.equal(res.status, 401, `${authorization}: ${res.text}`)
  assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  assert.equal(res.headers.get('www-authenticate'), challenge)
}

async function assertAnonymous(client: TestClient, authorization: string | undefined) {
  const res = await client.get('/users/me', authorization === undefined ? {} : auth(authorization))
  assert.equal(res.status, 200, `${authorization}: ${res.text}`)
  assert.deepEqual(res.json(), { msg: 'Create an account first' })
}

async function assertCredentials(client: TestClient, authorization: string, expected: object) {
  const res = await client.get('/users/me', auth(authorization))
  assert.equal(res.status, 200, `${authorization}: ${res.text}`)
  assert.deepEqual(res.json(), expected)
}

const documentFor = (scheme: Record<string, unknown>, name: string) => ({
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

describe('HTTPBearer (test_security_http_bearer.py)', () => {
  const client = credentialsApp(new HTTPBearer())

  test('a bearer token: scheme and credentials', () =>
    assertCredentials(client, 'Bearer foobar', { scheme: 'Bearer', credentials: 'foobar' }))
  test('the scheme as sent, matched in any case', () =>
    assertCredentials(client, 'bearer foobar', { scheme: 'bearer', credentials: 'foobar' }))
  test('no header: 401 Bearer', () => assertRefused(client, undefined, 'Bearer'))
  test('another scheme: 401 Bearer', () => assertRefused(client, 'Basic notreally', 'Bearer'))
  test('"Bearer" and nothing else: 401, as in FastAPI', () => assertRefused(client, 'Bearer', 'Bearer'))

  test('OpenAPI', async () => {
    await assertDocument(client, documentFor({ type: 'http', scheme: 'bearer' }, 'HTTPBearer'))
  })
})

describe('HTTPBearer with autoError: false (test_security_http_bearer_optional.py)', () => {
  const client = credentialsApp(new HTTPBearer({ autoError: false }))

  test('a bearer token', () =>
    assertCredentials(client, 'Bearer foobar', { scheme: 'Bearer', credentials: 'foobar' }))
  test('no header: undefined', () => assertAnonymous(client, undefined))
  test('another scheme: undefined', () => assertAnonymous(client, 'Basic notreally'))
  test('an empty token: undefined', () => assertAnonymous(client, 'Bearer'))

  test('OpenAPI: the same scheme', async () => {
    await assertDocument(client, documentFor({ type: 'http', scheme: 'bearer' }, 'HTTPBearer'))
  })
})

describe('HTTPBearer with a description and bearerFormat (test_security_http_bearer_description.py)', () => {
  test('the description on the scheme; 401s unchanged', async () => {
    const client = credentialsApp(new HTTPBearer({ description: 'HTTP Bearer token scheme' }))
    await assertCredentials(client, 'Bearer foobar', { scheme: 'Bearer', credentials: 'foobar' })
    await assertRefused(client, undefined, 'Bearer')
    await assertRefused(client, 'Basic notreally', 'Bearer')
    await assertDocument(
      client,
      documentFor({ type: 'http', scheme: 'bearer', description: 'HTTP Bearer token scheme' }, 'HTTPBearer'),
    )
  })

  test('bearerFormat is documented (FastAPI HTTPBearer(bearerFormat="JWT"))', async () => {
    const client = credentialsApp(new HTTPBearer({ bearerFormat: 'JWT' }))
    await assertDocument(
      client,
      documentFor({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'HTTPBearer'),
    )
  })

  test('schemeName renames it in components and the requirement', async () => {
    const client = credentialsApp(new HTTPBearer({ schemeName: 'ApiToken' }))
    await assertDocument(client, documentFor({ type: 'http', scheme: 'bearer' }, 'ApiToken'))
  })
})

describe('HTTPBase (test_security_http_base.py)', () => {
  const client = credentialsApp(new HTTPBase({ scheme: 'Other' }))

  test('its scheme: scheme and credentials', () =>
    assertCredentials(client, 'Other foobar', { scheme: 'Other', credentials: 'foobar' }))
  test('spaces around the credentials are stripped', () =>
    assertCredentials(client, 'Other  foobar ', { scheme: 'Other', credentials: 'foobar' }))
  test('any other scheme is handed over too, as FastAPI does: HTTPBase does not check it', () =>
    assertCredentials(client, 'Bearer foobar', { scheme: 'Bearer', credentials: 'foobar' }))
  test('no header: 401 whose challenge is the scheme, title-cased', () =>
    assertRefused(client, undefined, 'Other'))
  test('a scheme with no credentials: 401', () => assertRefused(client, 'Other', 'Other'))

  test('OpenAPI: the scheme name as given', async () => {
    await assertDocument(client, documentFor({ type: 'http', scheme: 'Other' }, 'HTTPBase'))
  })
})

describe('HTTPBase with autoError: false and a description (_base_optional.py, _base_description.py)', () => {
  test('autoError: false: credentials, or undefined', async () => {
    const client = credentialsApp(new HTTPBase({ scheme: 'Other', autoError: false }))
    await assertCredentials(client, 'Other foobar', { scheme: 'Other', credentials: 'foobar' })
    await assertAnonymous(client, undefined)
    await assertDocument(client, documentFor({ type: 'http', scheme: 'Other' }, 'HTTPBase'))
  })

  test('description', async () => {
    const client = credentialsApp(new HTTPBase({ scheme: 'Other', description: 'Other Security Scheme' }))
    await assertCredentials(client, 'Other foobar', { scheme: 'Other', credentials: 'foobar' })
    await assertRefused(client, undefined, 'Other')
    await assertDocument(
      client,
      documentFor({ type: 'http', scheme: 'Other', description: 'Other Security Scheme' }, 'HTTPBase'),
    )
  })
})

describe("a scheme in a route's dependencies (test_top_level_security_scheme_in_openapi.py)", () => {
  const app = fastapi()
  app.get('/', { dependencies: [new HTTPBearer()] }, async function get_root() {
    return { message: 'Hello, World!' }
  })
  const client = new TestClient(app)

  test('with a token', async () => {
    const res = await client.get('/', auth('Bearer token'))
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { message: 'Hello, World!' })
  })

  test('without: 401', async () => {
    const res = await client.get('/')
    assert.equal(res.status, 401, res.text)
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  })

  test('OpenAPI: the requirement is listed though the value is discarded', async () => {
    await assertDocument(client, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/': {
          get: {
            summary: 'Get Root',
            operationId: 'get_root__get',
            responses: { '200': ok() },
            security: [{ HTTPBearer: [] }],
          },
        },
      },
      components: { securitySchemes: { HTTPBearer: { type: 'http', scheme: 'bearer' } } },
    })
  })
})

describe('a scheme on a webhook (test_webhooks_security.py)', () => {
  test('the webhook operation lists the requirement and the scheme is in components', async () => {
    const Subscription = z
      .object({ username: z.string(), monthly_fee: z.number(), start_date: z.date() })
      .meta({ id: 'Subscription' })
    const app = fastapi()
    app.webhooks.post(
      'new-subscription',
      { body: Subscription, deps: { token: new HTTPBearer() } },
      function new_subscription() {},
    )
    const document = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>()
    assert.deepEqual(document.paths, {})
    assert.deepEqual(document.webhooks?.['new-subscription']?.post?.security, [{ HTTPBearer: [] }])
    assert.deepEqual(document.components?.securitySchemes, { HTTPBearer: { type: 'http', scheme: 'bearer' } })
  })
})

test('an HTTPBase scheme that is not an HTTP token is refused at construction (it goes into a header)', () => {
  for (const scheme of ['x\r\nSet-Cookie: a=b', 'négo', 'two words', '']) {
    assert.throws(() => new HTTPBase({ scheme }), ConfigError)
  }
})
