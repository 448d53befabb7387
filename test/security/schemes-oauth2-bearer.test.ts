// OAuth2PasswordBearer and OAuth2AuthorizationCodeBearer, against FastAPI's
// tests/test_security_oauth2_password_bearer_optional*.py, _oauth2_authorization_code_bearer*.py and
// _oauth2_authorization_code_bearer_scopes_openapi.py (scopes merged from app, router, route and
// dependency levels).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  depends,
  type OAuth2,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  type OpenAPIDocument,
  Router,
  security,
  TestClient,
} from '../../src/index.js'
import { assertDocument, fastapi, ok } from '../fastapi/fastapi-document.js'

const auth = (authorization: string) => ({ headers: { Authorization: authorization } })

/** test_security_oauth2_*_bearer*.py's app: GET /items/ answers the token, or a message without. */
function tokenApp(scheme: OAuth2<boolean>): TestClient {
  const app = fastapi()
  app.get('/items/', { deps: { token: scheme } }, async function read_items({ token }) {
    return token === undefined ? { msg: 'Create an account first' } : { token }
  })
  return new TestClient(app)
}

const itemsDocument = (name: string, scheme: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/items/': {
      get: {
        responses: { '200': ok() },
        summary: 'Read Items',
        operationId: 'read_items_items__get',
        security: [{ [name]: [] }],
      },
    },
  },
  components: { securitySchemes: { [name]: scheme } },
})

describe('OAuth2PasswordBearer with autoError: false (test_security_oauth2_password_bearer_optional*.py)', () => {
  for (const description of [undefined, 'OAuth2PasswordBearer security scheme']) {
    const client = tokenApp(new OAuth2PasswordBearer({ tokenUrl: '/token', autoError: false, description }))

    test(`${description ? 'with' : 'without'} a description: token, or undefined`, async () => {
      assert.deepEqual((await client.get('/items', auth('Bearer testtoken'))).json(), { token: 'testtoken' })
      for (const options of [{}, auth('Notexistent testtoken'), auth('Bearer')]) {
        const res = await client.get('/items', options)
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.json(), { msg: 'Create an account first' })
      }
    })

    test(`${description ? 'with' : 'without'} a description: OpenAPI`, async () => {
      const scheme: Record<string, unknown> = {
        type: 'oauth2',
        flows: { password: { scopes: {}, tokenUrl: '/token' } },
      }
      if (description) scheme.description = description
      await assertDocument(client, itemsDocument('OAuth2PasswordBearer', scheme))
    })
  }

  test('refreshUrl is documented in the password flow', async () => {
    const client = tokenApp(new OAuth2PasswordBearer({ tokenUrl: 'token', refreshUrl: 'refresh' }))
    const scheme = (await client.get('/openapi.json')).json<OpenAPIDocument>().components?.securitySchemes
      ?.OAuth2PasswordBearer
    assert.deepEqual(scheme, {
      type: 'oauth2',
      flows: { password: { scopes: {}, tokenUrl: 'token', refreshUrl: 'refresh' } },
    })
  })
})

describe('OAuth2AuthorizationCodeBearer (test_security_oauth2_authorization_code_bearer*.py)', () => {
  const flow = { authorizationCode: { authorizationUrl: 'authorize', tokenUrl: 'token', scopes: {} } }

  for (const description of [undefined, 'OAuth2 Code Bearer']) {
    const client = tokenApp(
      new OAuth2AuthorizationCodeBearer({ authorizationUrl: 'authorize', tokenUrl: 'token', description }),
    )
    const variant = description ? 'with a description' : 'plain'

    test(`${variant}: no token, or another scheme: 401 Bearer`, async () => {
      for (const options of [{}, auth('Non-existent testtoken')]) {
        const res = await client.get('/items', options)
        assert.equal(res.status, 401, res.text)
        assert.deepEqual(res.json(), { detail: 'Not authenticated' })
        assert.equal(res.headers.get('www-authenticate'), 'Bearer')
      }
    })

    test(`${variant}: the token, spaces around it stripped`, async () => {
      assert.deepEqual((await client.get('/items', auth('Bearer testtoken'))).json(), { token: 'testtoken' })
      assert.deepEqual((await client.get('/items', auth('Bearer  testtoken '))).json(), {
        token: 'testtoken',
      })
    })

    test(`${variant}: OpenAPI`, async () => {
      const scheme: Record<string, unknown> = { type: 'oauth2', flows: flow }
      if (description) scheme.description = description
      await assertDocument(client, itemsDocument('OAuth2AuthorizationCodeBearer', scheme))
    })
  }
})

describe('scopes on app, router, route and dependency (test_security_oauth2_authorization_code_bearer_scopes_openapi.py)', () => {
  const oauth2Scheme = new OAuth2AuthorizationCodeBearer({
    authorizationUrl: 'authorize',
    tokenUrl: 'token',
    scopes: { read: 'Read access', write: 'Write access' },
  })
  const getToken = depends({ token: oauth2Scheme }, async function get_token({ token }) {
    return token
  })
  const app = fastapi({ dependencies: [getToken] })
  app.get('/', async function root() {
    return { message: 'Hello World' }
  })
  app.get(
    '/with-oauth2-scheme',
    { dependencies: [security(oauth2Scheme, { scopes: ['read', 'write'] })] },
    async function read_with_oauth2_scheme() {
      return { message: 'Admin Access' }
    },
  )
  app.get(
    '/with-get-token',
    { dependencies: [security(getToken, { scopes: ['read', 'write'] })] },
    async function read_with_get_token() {
      return { message: 'Admin Access' }
    },
  )
  const router = new Router({ dependencies: [security(oauth2Scheme, { scopes: ['read'] })] })
  router.get('/items/', { deps: { token: oauth2Scheme } }, async function read_items({ token }) {
    return { token }
  })
  router.post(
    '/items/',
    { deps: { token: security(oauth2Scheme, { scopes: ['read', 'write'] }) } },
    async function create_item({ token }) {
      return { token }
    },
  )
  app.include(router)
  const client = new TestClient(app)

  test('every route answers with a token', async () => {
    const withToken = auth('Bearer testtoken')
    assert.deepEqual((await client.get('/', withToken)).json(), { message: 'Hello World' })
    assert.deepEqual((await client.get('/with-oauth2-scheme', withToken)).json(), { message: 'Admin Access' })
    assert.deepEqual((await client.get('/with-get-token', withToken)).json(), { message: 'Admin Access' })
    assert.deepEqual((await client.get('/items/', withToken)).json(), { token: 'testtoken' })
    assert.deepEqual((await client.post('/items/', withToken)).json(), { token: 'testtoken' })
  })

  test('the app-level dependency protects every route', async () => {
    assert.equal((await client.get('/')).status, 401)
  })

  test('OpenAPI: the scopes of every level merged per scheme, the scheme listed once', async () => {
    const requirement = (...scopes: string[]) => [{ OAuth2AuthorizationCodeBearer: scopes }]
    const operation = (summary: string, operationId: string, security: object) => ({
      summary,
      operationId,
      responses: { '200': ok() },
      security,
    })
    await assertDocument(client, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/': { get: operation('Root', 'root__get', requirement()) },
        '/with-oauth2-scheme': {
          get: operation(
            'Read With Oauth2 Scheme',
            'read_with_oauth2_scheme_with_oauth2_scheme_get',
            requirement('read', 'write'),
          ),
        },
        '/with-get-token': {
          get: operation(
            'Read With Get Token',
            'read_with_get_token_with_get_token_get',
            requirement('read', 'write'),
          ),
        },
        '/items/': {
          get: operation('Read Items', 'read_items_items__get', requirement('read')),
          post: operation('Create Item', 'create_item_items__post', requirement('read', 'write')),
        },
      },
      components: {
        securitySchemes: {
          OAuth2AuthorizationCodeBearer: {
            type: 'oauth2',
            flows: {
              authorizationCode: {
                scopes: { read: 'Read access', write: 'Write access' },
                authorizationUrl: 'authorize',
                tokenUrl: 'token',
              },
            },
          },
        },
      },
    })
  })
})
