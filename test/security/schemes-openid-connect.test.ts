// OpenIdConnect, against FastAPI's tests/test_security_openid_connect.py, _optional.py and
// _description.py: it documents the discovery URL and hands over the whole Authorization header.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { depends, type OpenAPIDocument, OpenIdConnect, TestClient } from '../../src/index.js'
import { assertDocument, fastapi, ok } from '../fastapi/fastapi-document.js'

function oidcApp(oid: OpenIdConnect<boolean>): TestClient {
  const app = fastapi()
  const getCurrentUser = depends({ oauth_header: oid }, function get_current_user({ oauth_header }) {
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

const documentFor = (scheme: Record<string, unknown>) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/users/me': {
      get: {
        responses: { '200': ok() },
        summary: 'Read Current User',
        operationId: 'read_current_user_users_me_get',
        security: [{ OpenIdConnect: [] }],
      },
    },
  },
  components: { securitySchemes: { OpenIdConnect: scheme } },
})

for (const [title, options] of [
  ['OpenIdConnect (test_security_openid_connect.py)', {}],
  ['OpenIdConnect with autoError: false (test_security_openid_connect_optional.py)', { autoError: false }],
  [
    'OpenIdConnect with a description (test_security_openid_connect_description.py)',
    { description: 'OpenIdConnect security scheme' },
  ],
] as const) {
  describe(title, () => {
    const client = oidcApp(new OpenIdConnect({ openIdConnectUrl: '/openid', ...options }))

    test('the whole header, whatever its scheme: the app verifies it', async () => {
      for (const header of ['Bearer footokenbar', 'Other footokenbar']) {
        const res = await client.get('/users/me', { headers: { Authorization: header } })
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.json(), { username: header })
      }
    })

    test('autoError' in options ? 'no header: undefined' : 'no header: 401 Bearer', async () => {
      const res = await client.get('/users/me')
      if ('autoError' in options) {
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.json(), { msg: 'Create an account first' })
      } else {
        assert.equal(res.status, 401, res.text)
        assert.deepEqual(res.json(), { detail: 'Not authenticated' })
        assert.equal(res.headers.get('www-authenticate'), 'Bearer')
      }
    })

    test('OpenAPI: the discovery URL', async () => {
      const scheme: Record<string, unknown> = { type: 'openIdConnect', openIdConnectUrl: '/openid' }
      if ('description' in options) scheme.description = options.description
      await assertDocument(client, documentFor(scheme))
    })
  })
}

describe('OpenIdConnect: schemeName', () => {
  test('renames the scheme in components and the requirement', async () => {
    const client = oidcApp(
      new OpenIdConnect({
        openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration',
        schemeName: 'Corp',
      }),
    )
    const document = (await client.get('/openapi.json')).json<OpenAPIDocument>()
    assert.deepEqual(document.components?.securitySchemes, {
      Corp: {
        type: 'openIdConnect',
        openIdConnectUrl: 'https://id.example.com/.well-known/openid-configuration',
      },
    })
    assert.deepEqual(document.paths['/users/me']?.get?.security, [{ Corp: [] }])
  })
})
