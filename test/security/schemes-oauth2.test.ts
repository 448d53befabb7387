// OAuth2 (flows described by hand) and OAuth2PasswordRequestFormStrict, against FastAPI's
// tests/test_security_oauth2.py, _oauth2_optional.py and _oauth2_optional_description.py. The bearer
// flavours are in schemes-oauth2-bearer.test.ts.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { depends, OAuth2, TestClient } from '../../src/index.js'
import { OAuth2PasswordRequestFormStrict } from '../../src/security/index.js'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi/fastapi-document.js'

const auth = (authorization: string) => ({ headers: { Authorization: authorization } })

/** test_security_oauth2.py's app: the whole header is the user name; /login echoes the strict form. */
function oauth2App(options: { autoError?: boolean; description?: string }, handlerName: string): TestClient {
  const app = fastapi()
  const reusableOauth2 = new OAuth2({
    flows: {
      password: {
        tokenUrl: 'token',
        scopes: { 'read:users': 'Read the users', 'write:users': 'Create users' },
      },
    },
    ...options,
  })
  const getCurrentUser = depends(
    { oauth_header: reusableOauth2 },
    function get_current_user({ oauth_header }) {
      return oauth_header === undefined ? undefined : { username: oauth_header }
    },
  )
  app.post('/login', { deps: { form_data: OAuth2PasswordRequestFormStrict } }, function login({ form_data }) {
    return form_data
  })
  app.get('/users/me', { deps: { current_user: getCurrentUser }, name: handlerName }, ({ current_user }) => {
    return current_user ?? { msg: 'Create an account first' }
  })
  return new TestClient(app)
}

const missing = (field: string) => ({
  type: 'missing',
  loc: ['body', field],
  msg: 'Field required',
  input: null,
})

for (const [title, options, handlerName] of [
  ['OAuth2 (test_security_oauth2.py)', {}, 'read_current_user'],
  ['OAuth2 with autoError: false (test_security_oauth2_optional.py)', { autoError: false }, 'read_users_me'],
  [
    'OAuth2 with a description (test_security_oauth2_optional_description.py)',
    { autoError: false, description: 'OAuth2 security scheme' },
    'read_users_me',
  ],
] as const) {
  describe(title, () => {
    const client = oauth2App(options, handlerName)
    const optional = options.autoError === false

    test('the whole Authorization header, whatever its scheme', async () => {
      for (const header of ['Bearer footokenbar', 'Other footokenbar']) {
        const res = await client.get('/users/me', auth(header))
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.json(), { username: header })
      }
    })

    test(optional ? 'no header: undefined' : 'no header: 401 Bearer', async () => {
      const res = await client.get('/users/me')
      if (optional) {
        assert.equal(res.status, 200, res.text)
        assert.deepEqual(res.json(), { msg: 'Create an account first' })
      } else {
        assert.equal(res.status, 401, res.text)
        assert.deepEqual(res.json(), { detail: 'Not authenticated' })
        assert.equal(res.headers.get('www-authenticate'), 'Bearer')
      }
    })

    test('strict form, no data: grant_type, username and password missing, in that order', async () => {
      const res = await client.post('/login')
      assert.equal(res.status, 422, res.text)
      assert.deepEqual(res.json(), {
        detail: [missing('grant_type'), missing('username'), missing('password')],
      })
    })

    test('strict form without grant_type: 422 for it alone', async () => {
      const res = await client.post('/login', { form: { username: 'johndoe', password: 'secret' } })
      assert.equal(res.status, 422, res.text)
      assert.deepEqual(res.json(), { detail: [missing('grant_type')] })
    })

    for (const grantType of ['incorrect', 'passwordblah', 'blahpassword']) {
      test(`strict form, grant_type=${grantType}: 422 string_pattern_mismatch`, async () => {
        const res = await client.post('/login', {
          form: { username: 'johndoe', password: 'secret', grant_type: grantType },
        })
        assert.equal(res.status, 422, res.text)
        assert.deepEqual(res.json(), {
          detail: [
            {
              type: 'string_pattern_mismatch',
              loc: ['body', 'grant_type'],
              msg: "String should match pattern '^password$'",
              input: grantType,
              ctx: { pattern: '^password$' },
            },
          ],
        })
      })
    }

    test('strict form, grant_type=password: the request, with the wire names', async () => {
      // OAuth2PasswordRequest keeps RFC 6749's names (grant_type, client_id, client_secret), as
      // FastAPI's attributes do; `scope` arrives split into `scopes`.
      const res = await client.post('/login', {
        form: { username: 'johndoe', password: 'secret', grant_type: 'password' },
      })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), {
        grant_type: 'password',
        username: 'johndoe',
        password: 'secret',
        scopes: [],
        client_id: null,
        client_secret: null,
      })
    })

    test('strict form with every field', async () => {
      const res = await client.post('/login', {
        form: {
          grant_type: 'password',
          username: 'johndoe',
          password: 'secret',
          scope: 'read:users  write:users',
          client_id: 'app',
          client_secret: 'shh',
        },
      })
      assert.deepEqual(res.json(), {
        grant_type: 'password',
        username: 'johndoe',
        password: 'secret',
        scopes: ['read:users', 'write:users'],
        client_id: 'app',
        client_secret: 'shh',
      })
    })

    test('OpenAPI', async () => {
      const scheme: Record<string, unknown> = {
        type: 'oauth2',
        flows: {
          password: {
            scopes: { 'read:users': 'Read the users', 'write:users': 'Create users' },
            tokenUrl: 'token',
          },
        },
      }
      if ('description' in options) scheme.description = options.description
      const summary = handlerName === 'read_users_me' ? 'Read Users Me' : 'Read Current User'
      await assertDocument(client, {
        openapi: '3.1.0',
        info: { title: 'FastAPI', version: '0.1.0' },
        paths: {
          '/login': {
            post: {
              responses: { '200': ok(), '422': invalid },
              summary: 'Login',
              operationId: 'login_login_post',
              requestBody: {
                content: { 'application/x-www-form-urlencoded': { schema: ref('Body_login_login_post') } },
                required: true,
              },
            },
          },
          '/users/me': {
            get: {
              responses: { '200': ok() },
              summary,
              operationId: `${handlerName}_users_me_get`,
              security: [{ OAuth2: [] }],
            },
          },
        },
        components: {
          schemas: {
            Body_login_login_post: {
              title: 'Body_login_login_post',
              required: ['grant_type', 'username', 'password'],
              type: 'object',
              properties: {
                grant_type: { title: 'Grant Type', pattern: '^password$', type: 'string' },
                username: { title: 'Username', type: 'string' },
                // FastAPI's strict form documents no `format: password` (its Form() has no
                // json_schema_extra); Brisk marks both secrets, as the non-strict form does.
                password: { title: 'Password', type: 'string', format: 'password' },
                scope: { title: 'Scope', type: 'string', default: '' },
                client_id: { title: 'Client Id', anyOf: [{ type: 'string' }, { type: 'null' }] },
                client_secret: {
                  title: 'Client Secret',
                  anyOf: [{ type: 'string' }, { type: 'null' }],
                  format: 'password',
                },
              },
            },
            ...validationSchemas,
          },
          securitySchemes: { OAuth2: scheme },
        },
      })
    })
  })
}
