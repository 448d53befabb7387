// APIKeyHeader, APIKeyQuery and APIKeyCookie, against FastAPI's tests/test_security_api_key_{header,
// query,cookie}.py and their _optional and _description variants: the same app for each place the
// key can be, plus the empty and repeated values those tests leave out.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  depends,
  type OpenAPIDocument,
  TestClient,
  type TestRequestOptions,
} from '../../src/index.js'
import { assertDocument, fastapi, ok } from '../fastapi/fastapi-document.js'

type KeyScheme = APIKeyHeader<boolean> | APIKeyQuery<boolean> | APIKeyCookie<boolean>

/** FastAPI's test app: the key becomes the user name, through a sub-dependency. */
function apiKeyApp(apiKey: KeyScheme): TestClient {
  const app = fastapi()
  const getCurrentUser = depends({ oauth_header: apiKey }, function get_current_user({ oauth_header }) {
    return oauth_header === undefined ? undefined : { username: oauth_header }
  })
  app.get(
    '/users/me',
    { deps: { current_user: getCurrentUser } },
    function read_current_user({ current_user }) {
      return current_user ?? { msg: 'Create an account first' }
    },
  )
  return new TestClient(app)
}

const places = [
  {
    place: 'header',
    file: 'test_security_api_key_header',
    make: (options: { autoError?: boolean; description?: string }) =>
      new APIKeyHeader({ name: 'key', ...options }),
    send: (value: string): TestRequestOptions => ({ headers: { key: value } }),
  },
  {
    place: 'query',
    file: 'test_security_api_key_query',
    make: (options: { autoError?: boolean; description?: string }) =>
      new APIKeyQuery({ name: 'key', ...options }),
    send: (value: string): TestRequestOptions => ({ query: { key: value } }),
  },
  {
    place: 'cookie',
    file: 'test_security_api_key_cookie',
    make: (options: { autoError?: boolean; description?: string }) =>
      new APIKeyCookie({ name: 'key', ...options }),
    send: (value: string): TestRequestOptions => ({ cookies: { key: value } }),
  },
] as const

const schemeName = { header: 'APIKeyHeader', query: 'APIKeyQuery', cookie: 'APIKeyCookie' } as const

const documentFor = (name: string, scheme: Record<string, unknown>) => ({
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

async function assertRefused(client: TestClient, options: TestRequestOptions = {}) {
  const res = await client.get('/users/me', options)
  assert.equal(res.status, 401, res.text)
  assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  assert.equal(res.headers.get('www-authenticate'), 'APIKey')
}

async function assertUser(client: TestClient, options: TestRequestOptions, username: string) {
  const res = await client.get('/users/me', options)
  assert.equal(res.status, 200, res.text)
  assert.deepEqual(res.json(), { username })
}

for (const { place, file, make, send } of places) {
  const name = schemeName[place]

  describe(`${name} (${file}.py)`, () => {
    const client = apiKeyApp(make({}))

    test('the key', () => assertUser(client, send('secret'), 'secret'))
    test('no key: 401 APIKey', () => assertRefused(client))
    test('an empty key is no key: 401', () => assertRefused(client, send('')))
    test('the key is handed over exactly, spaces and all', () =>
      assertUser(client, send('a b+c=/é'), 'a b+c=/é'))

    test('OpenAPI', async () => {
      await assertDocument(client, documentFor(name, { type: 'apiKey', name: 'key', in: place }))
    })
  })

  describe(`${name} with autoError: false (${file}_optional.py)`, () => {
    const client = apiKeyApp(make({ autoError: false }))

    test('the key', () => assertUser(client, send('secret'), 'secret'))

    test('no key, or an empty one: undefined', async () => {
      for (const options of [{}, send('')]) {
        const res = await client.get('/users/me', options)
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.json(), { msg: 'Create an account first' })
      }
    })

    test('OpenAPI: the same scheme', async () => {
      await assertDocument(client, documentFor(name, { type: 'apiKey', name: 'key', in: place }))
    })
  })

  describe(`${name} with a description (${file}_description.py)`, () => {
    const description = { header: 'An API Key Header', query: 'API Key Query', cookie: 'An API Cookie Key' }[
      place
    ]
    const client = apiKeyApp(make({ description }))

    test('the key, and the 401', async () => {
      await assertUser(client, send('secret'), 'secret')
      await assertRefused(client)
    })

    test('OpenAPI: the description on the scheme', async () => {
      await assertDocument(client, documentFor(name, { type: 'apiKey', name: 'key', in: place, description }))
    })
  })
}

describe('API keys: where each one is looked for', () => {
  test('a header key is found whatever the case of its name (RFC 9110 §5.1)', async () => {
    const client = apiKeyApp(new APIKeyHeader({ name: 'X-API-Key' }))
    await assertUser(client, { headers: { 'x-api-key': 'lower' } }, 'lower')
    await assertUser(client, { headers: { 'X-API-KEY': 'upper' } }, 'upper')
  })

  test('the OpenAPI name of a header key is the name as given', async () => {
    const client = apiKeyApp(new APIKeyHeader({ name: 'X-API-Key' }))
    const scheme = (await client.get('/openapi.json')).json<OpenAPIDocument>().components?.securitySchemes
      ?.APIKeyHeader
    assert.deepEqual(scheme, { type: 'apiKey', name: 'X-API-Key', in: 'header' })
  })

  test('a query key is case-sensitive, as query names are', () =>
    assertRefused(apiKeyApp(new APIKeyQuery({ name: 'api_key' })), { query: { API_KEY: 'x' } }))

  test('a repeated query key: the last value, as Starlette reads it', () =>
    assertUser(apiKeyApp(new APIKeyQuery({ name: 'key' })), { query: { key: ['first', 'last'] } }, 'last'))

  test('a key in the wrong place is no key', async () => {
    await assertRefused(apiKeyApp(new APIKeyHeader({ name: 'key' })), {
      query: { key: 'x' },
      cookies: { key: 'x' },
    })
    await assertRefused(apiKeyApp(new APIKeyQuery({ name: 'key' })), {
      headers: { key: 'x' },
      cookies: { key: 'x' },
    })
    await assertRefused(apiKeyApp(new APIKeyCookie({ name: 'key' })), {
      headers: { key: 'x' },
      query: { key: 'x' },
    })
  })

  test('a cookie key among other cookies', () =>
    assertUser(
      apiKeyApp(new APIKeyCookie({ name: 'session' })),
      { headers: { cookie: 'theme=dark; session=abc123; lang=en' } },
      'abc123',
    ))

  test('a repeated cookie: the first one (Brisk; Starlette keeps the last)', () =>
    // Browsers send the cookie with the most specific path first (RFC 6265 §5.4), so Brisk's
    // cookie parser keeps the first of a name; a key set for a sub-path wins over a site-wide one.
    assertUser(
      apiKeyApp(new APIKeyCookie({ name: 'key' })),
      { headers: { cookie: 'key=first; key=second' } },
      'first',
    ))

  test('a quoted or percent-encoded cookie key is read decoded (Brisk; Starlette keeps %20)', async () => {
    // Brisk's cookie parser decodes as the `cookie` package does, mirroring how it encodes
    // Set-Cookie; Starlette only unquotes. A key with `%` in it must be sent encoded as %25.
    const client = apiKeyApp(new APIKeyCookie({ name: 'key' }))
    await assertUser(client, { headers: { cookie: 'key="abc"' } }, 'abc')
    await assertUser(client, { headers: { cookie: 'key=a%20b' } }, 'a b')
  })

  test('schemeName renames the scheme in components and the requirement', async () => {
    const client = apiKeyApp(new APIKeyHeader({ name: 'X-API-Key', schemeName: 'PartnerKey' }))
    await assertDocument(
      client,
      documentFor('PartnerKey', { type: 'apiKey', name: 'X-API-Key', in: 'header' }),
    )
  })

  test('two keys on one route: both required at run time, each documented once', async () => {
    const app = fastapi()
    const header = new APIKeyHeader({ name: 'X-Key' })
    const query = new APIKeyQuery({ name: 'key' })
    app.get('/both', { deps: { h: header, q: query } }, function both({ h, q }) {
      return { h, q }
    })
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/both', { headers: { 'X-Key': 'a' }, query: { key: 'b' } })).json(), {
      h: 'a',
      q: 'b',
    })
    assert.equal((await client.get('/both', { headers: { 'X-Key': 'a' } })).status, 401)
    const document = (await client.get('/openapi.json')).json<OpenAPIDocument>()
    // As FastAPI lists them (openapi/utils.py _get_openapi_security_definitions): one requirement
    // object per scheme. OpenAPI reads a list as "any one of" (3.1 §4.8.30), though at run time
    // both are needed unless autoError is false; FastAPI's form is kept for conformance.
    assert.deepEqual(document.paths['/both']?.get?.security, [{ APIKeyHeader: [] }, { APIKeyQuery: [] }])
  })
})
