// examples/oauth2-jwt: FastAPI's OAuth2 + JWT + scopes tutorials, end to end through the test client.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { SignJWT } from 'jose'
import { app } from '../../examples/oauth2-jwt/app.js'
import { TestClient } from '../../src/index.js'
import { JwtCodec } from '../../src/security/index.js'
import type { TokenBody, ValidationErrorBody } from '../response-bodies.js'

const client = new TestClient(app)

async function login(username: string, password: string, scope?: string) {
  return client.post('/token', { form: { username, password, ...(scope === undefined ? {} : { scope }) } })
}

async function tokenFor(scope: string): Promise<string> {
  const res = await login('johndoe', 'secret', scope)
  assert.equal(res.status, 200)
  return res.json<TokenBody>().access_token
}

// The 401 `openapiSecurityResponses` documents on every route behind `oauth2Scheme`.
const unauthorized = {
  description: 'Unauthorized',
  headers: {
    'WWW-Authenticate': {
      description: 'Sent by OAuth2PasswordBearer: `Bearer`.',
      schema: { type: 'string' },
    },
  },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } },
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

describe('examples/oauth2-jwt', () => {
  test('the password flow issues a bearer JWT for the scopes the user may have', async () => {
    const res = await login('johndoe', 'secret', 'me items admin')
    assert.equal(res.status, 200)
    const body = res.json<TokenBody>()
    assert.equal(body.token_type, 'bearer')
    const payload = JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString())
    assert.equal(payload.sub, 'johndoe')
    assert.equal(payload.scope, 'me items') // "admin" was asked for, not granted
    assert.ok(payload.exp - payload.iat === 30 * 60)
  })

  test('a wrong password and an unknown user get the same 400', async () => {
    for (const [user, password] of [
      ['johndoe', 'wrong'],
      ['nobody', 'secret'],
    ]) {
      const res = await login(user!, password!)
      assert.equal(res.status, 400)
      assert.deepEqual(res.json(), { detail: 'Incorrect username or password' })
    }
  })

  test('the login form is validated like FastAPI’s OAuth2PasswordRequestForm', async () => {
    const res = await client.post('/token', {
      form: { username: 'johndoe', grant_type: 'client_credentials' },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json<ValidationErrorBody>().detail, [
      {
        type: 'string_pattern_mismatch',
        loc: ['body', 'grant_type'],
        msg: "String should match pattern '^password$'",
        input: 'client_credentials',
        ctx: { pattern: '^password$' },
      },
      { type: 'missing', loc: ['body', 'password'], msg: 'Field required', input: null },
    ])
  })

  test('/users/me/ with a "me" token; /users/me/items/ needs "items" too', async () => {
    const me = await tokenFor('me')
    const res = await client.get('/users/me/', bearer(me))
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      username: 'johndoe',
      email: 'johndoe@example.com',
      full_name: 'John Doe',
      disabled: false,
    })
    const items = await client.get('/users/me/items/', bearer(me))
    assert.equal(items.status, 401)
    assert.deepEqual(items.json(), { detail: 'Not enough permissions' })
    assert.equal(items.headers.get('www-authenticate'), 'Bearer scope="items me"')
    const both = await client.get('/users/me/items/', bearer(await tokenFor('me items')))
    assert.deepEqual(both.json(), [{ item_id: 'Foo', owner: 'johndoe' }])
  })

  test('/status/ needs a valid token and no scope', async () => {
    assert.deepEqual((await client.get('/status/', bearer(await tokenFor('')))).json(), { status: 'ok' })
  })

  test('no token, a malformed token, a forged one and an expired one are all 401s', async () => {
    const missing = await client.get('/users/me/')
    assert.equal(missing.status, 401)
    assert.deepEqual(missing.json(), { detail: 'Not authenticated' })
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer')
    const forger = new JwtCodec({ algorithm: 'HS256', secret: 'another-secret-another-secret-another' })
    const forged = await forger.sign({ sub: 'johndoe', scope: 'me items' })
    // Expired a minute ago, signed with the example's own key.
    const now = Math.floor(Date.now() / 1000)
    const old = await new SignJWT({ sub: 'johndoe', scope: 'me' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 60)
      .sign(new TextEncoder().encode('09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7'))
    for (const token of ['not-a-jwt', forged, old]) {
      const res = await client.get('/users/me/', bearer(token))
      assert.equal(res.status, 401)
      assert.deepEqual(res.json(), { detail: 'Could not validate credentials' })
      assert.equal(res.headers.get('www-authenticate'), 'Bearer scope="me"')
    }
  })

  test('an inactive user gets a 400', async () => {
    const res = await login('alice', 'secretalice', 'me')
    const me = await client.get('/users/me/', bearer(res.json<TokenBody>().access_token))
    assert.equal(me.status, 400)
    assert.deepEqual(me.json(), { detail: 'Inactive user' })
  })

  test('OpenAPI: the password flow, its scopes and each operation’s security', () => {
    const doc = app.openapi()
    assert.deepEqual(doc.components?.securitySchemes, {
      OAuth2PasswordBearer: {
        type: 'oauth2',
        flows: {
          password: {
            scopes: { me: 'Read information about the current user.', items: 'Read items.' },
            tokenUrl: 'token',
          },
        },
      },
    })
    assert.deepEqual(doc.paths['/users/me/']!.get!.security, [{ OAuth2PasswordBearer: ['me'] }])
    assert.deepEqual(doc.paths['/users/me/items/']!.get!.security, [
      { OAuth2PasswordBearer: ['items', 'me'] },
    ])
    assert.deepEqual(doc.paths['/status/']!.get!.security, [{ OAuth2PasswordBearer: [] }])
    // Security schemes add no parameters, so protected GET routes have no 422; the 401 is
    // documented because the app sets `openapiSecurityResponses`, the 400 because it declares it.
    assert.deepEqual(Object.keys(doc.paths['/users/me/']!.get!.responses), ['200', '400', '401'])
    assert.deepEqual(doc.paths['/token']!.post!.requestBody, {
      content: {
        'application/x-www-form-urlencoded': {
          schema: { $ref: '#/components/schemas/Body_login_for_access_token_token_post' },
        },
      },
      required: true,
    })
  })

  test('OpenAPI: the 401 documented is the one a request without a token gets', async () => {
    const documented = app.openapi().paths['/status/']!.get!.responses['401']
    assert.deepEqual(documented, unauthorized)
    const res = await client.get('/status/')
    assert.equal(res.status, 401)
    assert.equal(res.headers.get('www-authenticate'), 'Bearer')
    assert.deepEqual(res.json(), { detail: 'Not authenticated' })
  })

  // The whole document, pinned: a change to it is a change to every client generated from it.
  test('the whole OpenAPI document', () => {
    assert.deepEqual(app.openapi(), {
      openapi: '3.1.0',
      info: { title: 'OAuth2 with JWT', version: '1.0.0', license: { name: 'MIT', identifier: 'MIT' } },
      paths: {
        '/token': {
          post: {
            summary: 'Login For Access Token',
            operationId: 'login_for_access_token_token_post',
            requestBody: {
              content: {
                'application/x-www-form-urlencoded': {
                  schema: { $ref: '#/components/schemas/Body_login_for_access_token_token_post' },
                },
              },
              required: true,
            },
            responses: {
              '200': {
                description: 'Successful Response',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Token' } } },
              },
              '400': {
                description: 'Incorrect username or password',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Message' } } },
              },
              '422': {
                description: 'Validation Error',
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } },
                },
              },
            },
          },
        },
        '/users/me/': {
          get: {
            summary: 'Read Users Me',
            operationId: 'read_users_me_users_me__get',
            security: [{ OAuth2PasswordBearer: ['me'] }],
            responses: {
              '200': {
                description: 'Successful Response',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/User' } } },
              },
              '400': {
                description: 'Inactive user',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Message' } } },
              },
              '401': unauthorized,
            },
          },
        },
        '/users/me/items/': {
          get: {
            summary: 'Read Own Items',
            operationId: 'read_own_items_users_me_items__get',
            security: [{ OAuth2PasswordBearer: ['items', 'me'] }],
            responses: {
              '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
              '400': {
                description: 'Inactive user',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Message' } } },
              },
              '401': unauthorized,
            },
          },
        },
        '/status/': {
          get: {
            summary: 'Read System Status',
            operationId: 'read_system_status_status__get',
            security: [{ OAuth2PasswordBearer: [] }],
            responses: {
              '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
              '401': unauthorized,
            },
          },
        },
      },
      components: {
        schemas: {
          Body_login_for_access_token_token_post: {
            properties: {
              grant_type: {
                anyOf: [{ type: 'string', pattern: '^password$' }, { type: 'null' }],
                title: 'Grant Type',
              },
              username: { type: 'string', title: 'Username' },
              password: { type: 'string', format: 'password', title: 'Password' },
              scope: { default: '', type: 'string', title: 'Scope' },
              client_id: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Client Id' },
              client_secret: {
                format: 'password',
                anyOf: [{ type: 'string' }, { type: 'null' }],
                title: 'Client Secret',
              },
            },
            type: 'object',
            required: ['username', 'password'],
            title: 'Body_login_for_access_token_token_post',
          },
          HTTPError: {
            title: 'HTTPError',
            type: 'object',
            properties: { detail: { title: 'Detail', type: 'string' } },
            required: ['detail'],
          },
          HTTPValidationError: {
            title: 'HTTPValidationError',
            type: 'object',
            properties: {
              detail: {
                title: 'Detail',
                type: 'array',
                items: { $ref: '#/components/schemas/ValidationError' },
              },
            },
          },
          Message: {
            type: 'object',
            properties: { detail: { type: 'string', title: 'Detail' } },
            required: ['detail'],
            title: 'Message',
          },
          Token: {
            type: 'object',
            properties: {
              access_token: { type: 'string', title: 'Access Token' },
              token_type: { type: 'string', title: 'Token Type' },
            },
            required: ['access_token', 'token_type'],
            title: 'Token',
          },
          User: {
            type: 'object',
            properties: {
              username: { type: 'string', title: 'Username' },
              email: { title: 'Email', anyOf: [{ type: 'string' }, { type: 'null' }] },
              full_name: { title: 'Full Name', anyOf: [{ type: 'string' }, { type: 'null' }] },
              disabled: { title: 'Disabled', anyOf: [{ type: 'boolean' }, { type: 'null' }] },
            },
            required: ['username'],
            title: 'User',
          },
          ValidationError: {
            title: 'ValidationError',
            type: 'object',
            properties: {
              loc: {
                title: 'Location',
                type: 'array',
                items: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
              },
              msg: { title: 'Message', type: 'string' },
              type: { title: 'Error Type', type: 'string' },
              input: { title: 'Input' },
              ctx: { title: 'Context', type: 'object' },
            },
            required: ['loc', 'msg', 'type'],
          },
        },
        securitySchemes: {
          OAuth2PasswordBearer: {
            type: 'oauth2',
            flows: {
              password: {
                scopes: { me: 'Read information about the current user.', items: 'Read items.' },
                tokenUrl: 'token',
              },
            },
          },
        },
      },
    })
  })
})
