// `openapiSecurityResponses`: the 401 each security scheme sends is documented as it is sent, off
// by default (FastAPI documents none), set on the app, a router, an include or a route.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  App,
  ConfigError,
  HTTPBase,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  HTTPException,
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OpenIdConnect,
  Router,
  type SecurityScheme,
  security,
  TestClient,
} from '../../src/index.js'

const HTTP_ERROR_REF = { $ref: '#/components/schemas/HTTPError' }

function unauthorized(sentBy: string) {
  return {
    description: 'Unauthorized',
    headers: { 'WWW-Authenticate': { description: `Sent by ${sentBy}.`, schema: { type: 'string' } } },
    content: { 'application/json': { schema: HTTP_ERROR_REF } },
  }
}

function responsesOf(app: App, path = '/', method = 'get') {
  return app.openapi().paths[path]![method]!.responses as Record<string, unknown>
}

describe('each scheme’s 401 is documented with the challenge it sends', () => {
  const schemes: [string, SecurityScheme<unknown>, string][] = [
    ['OAuth2PasswordBearer', new OAuth2PasswordBearer({ tokenUrl: 'token' }), 'Bearer'],
    [
      'OAuth2AuthorizationCodeBearer',
      new OAuth2AuthorizationCodeBearer({ authorizationUrl: 'authorize', tokenUrl: 'token' }),
      'Bearer',
    ],
    ['OAuth2', new OAuth2(), 'Bearer'],
    ['OpenIdConnect', new OpenIdConnect({ openIdConnectUrl: '/openid' }), 'Bearer'],
    ['HTTPBearer', new HTTPBearer(), 'Bearer'],
    ['HTTPBasic', new HTTPBasic(), 'Basic'],
    [
      'HTTPBasic with a realm',
      new HTTPBasic({ realm: 'simple "quoted"' }),
      'Basic realm="simple \\"quoted\\""',
    ],
    ['HTTPDigest', new HTTPDigest(), 'Digest'],
    ['HTTPBase', new HTTPBase({ scheme: 'other' }), 'Other'],
    ['APIKeyHeader', new APIKeyHeader({ name: 'X-Key' }), 'APIKey'],
    ['APIKeyQuery', new APIKeyQuery({ name: 'key' }), 'APIKey'],
    ['APIKeyCookie', new APIKeyCookie({ name: 'key' }), 'APIKey'],
  ]
  for (const [label, scheme, challenge] of schemes) {
    test(`${label}: the document says what a request without credentials gets`, async () => {
      const app = new App({ openapiSecurityResponses: true })
      app.get('/', { deps: { credential: scheme } }, function read() {
        return {}
      })
      const name = scheme.securityScheme!.name
      assert.deepEqual(responsesOf(app)['401'], unauthorized(`${name}: \`${challenge}\``))
      assert.deepEqual(app.openapi().components?.schemas?.HTTPError, {
        title: 'HTTPError',
        type: 'object',
        properties: { detail: { title: 'Detail', type: 'string' } },
        required: ['detail'],
      })
      const res = await new TestClient(app).get('/')
      assert.equal(res.status, 401)
      assert.equal(res.headers.get('www-authenticate'), challenge)
      assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    })
  }
})

describe('which operations get the 401', () => {
  const bearer = new HTTPBearer()

  test('off by default, as FastAPI: no 401 and no HTTPError component', () => {
    const app = new App()
    app.get('/', { deps: { token: bearer } }, function read() {})
    assert.deepEqual(Object.keys(responsesOf(app)), ['200'])
    assert.equal(app.openapi().components?.schemas, undefined)
  })

  test('an operation without a security scheme documents no 401', () => {
    const app = new App({ openapiSecurityResponses: true })
    app.get('/', function open() {})
    assert.deepEqual(Object.keys(responsesOf(app)), ['200'])
  })

  test('the nearest setting wins: route over router over include over app', () => {
    const app = new App({ openapiSecurityResponses: true })
    app.get('/app', { deps: { token: bearer } }, function app_default() {})
    app.get(
      '/route-off',
      { deps: { token: bearer }, openapiSecurityResponses: false },
      function route_off() {},
    )
    const quiet = new Router({ openapiSecurityResponses: false })
    quiet.get('/router-off', { deps: { token: bearer } }, function router_off() {})
    quiet.get(
      '/route-on',
      { deps: { token: bearer }, openapiSecurityResponses: true },
      function route_on() {},
    )
    app.include(quiet)
    const plain = new Router()
    plain.get('/include-off', { deps: { token: bearer } }, function include_off() {})
    app.include(plain, { openapiSecurityResponses: false })
    const has401 = (path: string) => '401' in responsesOf(app, path)
    assert.equal(has401('/app'), true)
    assert.equal(has401('/route-off'), false)
    assert.equal(has401('/router-off'), false)
    assert.equal(has401('/route-on'), true)
    assert.equal(has401('/include-off'), false)
  })

  test('a scheme in a sub-dependency or in `dependencies` counts; each scheme once', () => {
    const app = new App({ openapiSecurityResponses: true })
    const key = new APIKeyHeader({ name: 'X-Key' })
    const user = security(bearer, { scopes: ['me'] })
    app.get('/', { deps: { token: user, again: bearer }, dependencies: [key] }, function read() {})
    assert.deepEqual(responsesOf(app)['401'], unauthorized('APIKeyHeader: `APIKey`; by HTTPBearer: `Bearer`'))
  })

  test('two schemes with one challenge share its description', () => {
    const app = new App({ openapiSecurityResponses: true })
    const oauth = new OAuth2PasswordBearer({ tokenUrl: 'token' })
    app.get('/', { deps: { a: oauth, b: bearer } }, function read() {})
    assert.deepEqual(responsesOf(app)['401'], unauthorized('OAuth2PasswordBearer, HTTPBearer: `Bearer`'))
  })

  test('a response the route declares for 401 is left as declared', () => {
    const app = new App({ openapiSecurityResponses: true })
    app.get(
      '/',
      { deps: { token: bearer }, responses: { 401: { description: 'Log in first' } } },
      function read() {},
    )
    assert.deepEqual(responsesOf(app)['401'], { description: 'Log in first' })
    assert.equal(app.openapi().components?.schemas?.HTTPError, undefined)
  })

  test('autoError: false documents no 401, except HTTPBasic, which refuses malformed credentials', async () => {
    const app = new App({ openapiSecurityResponses: true })
    app.get('/bearer', { deps: { token: new HTTPBearer({ autoError: false }) } }, function optional_bearer() {
      return {}
    })
    app.get('/basic', { deps: { user: new HTTPBasic({ autoError: false }) } }, function optional_basic() {
      return {}
    })
    assert.equal('401' in responsesOf(app, '/bearer'), false)
    assert.deepEqual(responsesOf(app, '/basic')['401'], unauthorized('HTTPBasic: `Basic`'))
    const client = new TestClient(app)
    assert.equal((await client.get('/bearer')).status, 200)
    const malformed = await client.get('/basic', { headers: { authorization: 'Basic !!!' } })
    assert.equal(malformed.status, 401)
    assert.equal(malformed.headers.get('www-authenticate'), 'Basic')
  })

  test('an overridden notAuthenticated is documented as it is sent', async () => {
    // FastAPI's how-to for the pre-0.122 status: a 403 with no challenge.
    class ForbiddenBearer extends HTTPBearer {
      protected override notAuthenticated(): HTTPException {
        return new HTTPException(403, 'Not authenticated')
      }
    }
    const app = new App({ openapiSecurityResponses: true })
    app.get('/', { deps: { token: new ForbiddenBearer() } }, function read() {})
    const responses = responsesOf(app)
    assert.equal('401' in responses, false)
    assert.deepEqual(responses['403'], {
      description: 'Forbidden',
      content: { 'application/json': { schema: HTTP_ERROR_REF } },
    })
    assert.equal((await new TestClient(app).get('/')).status, 403)
  })
})

describe('the option is checked where it is given', () => {
  const cases: [string, () => void][] = [
    ['new App()', () => new App({ openapiSecurityResponses: 'yes' as never })],
    ['new Router()', () => new Router({ openapiSecurityResponses: 1 as never })],
    ['include()', () => new App().include(new Router(), { openapiSecurityResponses: null as never })],
    [
      'route GET /',
      () => new App().get('/', { openapiSecurityResponses: 'true' as never }, function read() {}),
    ],
  ]
  for (const [where, make] of cases) {
    test(`${where} refuses a value that is not true or false`, () => {
      assert.throws(make, (error: unknown) => {
        assert.ok(error instanceof ConfigError)
        assert.match(
          error.message,
          new RegExp(`"openapiSecurityResponses" of ${where.replace(/[()]/g, '\\$&')} is true or false`),
        )
        return true
      })
    })
  }

  test('a misspelt name is refused with the right one suggested', () => {
    assert.throws(
      () => new App({ openapiSecurityResponse: true } as never),
      /Unknown option "openapiSecurityResponse" for new App\(\)\. Did you mean "openapiSecurityResponses"\?/,
    )
  })
})
