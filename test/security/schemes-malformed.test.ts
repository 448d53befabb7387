// Malformed credentials against every scheme: whatever a client sends, the answer is the scheme's
// 401 (or, for the schemes that hand over the whole header, a 200), never a 500. A table of the
// classic shapes, a fast-check property over random headers, and the same shapes over a socket,
// where Node's HTTP parser, not fetch's Headers, decides what reaches the scheme.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import {
  APIKeyCookie,
  APIKeyHeader,
  APIKeyQuery,
  App,
  type BriskServer,
  HTTPBase,
  HTTPBasic,
  HTTPBearer,
  HTTPDigest,
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OpenIdConnect,
  type SecurityScheme,
  TestClient,
} from '../../src/index.js'

// Each scheme on its own route, with the challenge of its 401.
const schemes: { path: string; scheme: SecurityScheme<unknown>; challenge: string }[] = [
  { path: '/password-bearer', scheme: new OAuth2PasswordBearer({ tokenUrl: 'token' }), challenge: 'Bearer' },
  {
    path: '/code-bearer',
    scheme: new OAuth2AuthorizationCodeBearer({ authorizationUrl: 'a', tokenUrl: 't' }),
    challenge: 'Bearer',
  },
  { path: '/oauth2', scheme: new OAuth2(), challenge: 'Bearer' },
  {
    path: '/openid',
    scheme: new OpenIdConnect({ openIdConnectUrl: '/openid' }),
    challenge: 'Bearer',
  },
  { path: '/bearer', scheme: new HTTPBearer(), challenge: 'Bearer' },
  { path: '/basic', scheme: new HTTPBasic({ realm: 'simple' }), challenge: 'Basic realm="simple"' },
  { path: '/digest', scheme: new HTTPDigest(), challenge: 'Digest' },
  { path: '/base', scheme: new HTTPBase({ scheme: 'Other' }), challenge: 'Other' },
]

function schemesApp(): App {
  const app = new App()
  for (const { path, scheme } of schemes)
    app.get(path, { deps: { credential: scheme } }, ({ credential }) => ({ credential }))
  const keys = {
    header: new APIKeyHeader({ name: 'X-Key' }),
    query: new APIKeyQuery({ name: 'key' }),
    cookie: new APIKeyCookie({ name: 'key' }),
  }
  for (const [place, scheme] of Object.entries(keys))
    app.get(`/key-${place}`, { deps: { key: scheme } }, ({ key }) => ({ key }))
  return app
}

// raiseServerExceptions (the default) makes an unhandled error throw here instead of hiding in a 500.
const client = new TestClient(schemesApp())

// Which routes answer 200 to each shape. /oauth2 and /openid hand over any non-empty header, and
// HTTPBase does not check the scheme (both as in FastAPI); the bearer schemes take whatever follows
// "Bearer ", since checking the token is the app's job.
const WHOLE = ['/oauth2', '/openid']
const BEARERS = ['/password-bearer', '/code-bearer', '/bearer']
const MALFORMED: [name: string, value: string, acceptedBy: string[]][] = [
  ['no scheme, only a token', 'testtoken', WHOLE],
  ['a scheme nobody uses', 'Notexistent testtoken', [...WHOLE, '/base']],
  ['empty', '', []],
  // fetch's Headers (like Node's parser) strips the spaces: this arrives empty.
  ['only spaces', '     ', []],
  ['a tab for the space (RFC 9110 §11.4 wants one SP)', 'Bearer\ttesttoken', WHOLE],
  ['the scheme alone', 'Bearer', WHOLE],
  ['the scheme and two spaces', 'Bearer  ', WHOLE],
  ['a comma-separated list of credentials', 'Bearer a, Basic Og==', [...WHOLE, ...BEARERS, '/base']],
  ['auth-params', 'Digest realm="x", nonce="y"==', [...WHOLE, '/digest', '/base']],
  ['Latin-1 bytes', 'Bearer \u00e9\u00ff', [...WHOLE, ...BEARERS, '/base']],
  ['a 20 000-character token', `Bearer ${'A'.repeat(20_000)}`, [...WHOLE, ...BEARERS, '/base']],
  ['a 20 000-character scheme', 'B'.repeat(20_000), WHOLE],
  [
    'Basic with base64 of invalid UTF-8',
    `Basic ${Buffer.from([0xc3, 0x28, 0x3a]).toString('base64')}`,
    [...WHOLE, '/base'],
  ],
  ['Basic with characters outside base64', 'Basic %%%%', [...WHOLE, '/base']],
]

describe('malformed Authorization headers: the 401, or the value for schemes that take it; never a 500', () => {
  for (const { path, challenge } of schemes) {
    test(path, async () => {
      for (const [name, value, acceptedBy] of MALFORMED) {
        const res = await client.get(path, { headers: { Authorization: value } })
        if (acceptedBy.includes(path)) {
          assert.equal(res.status, 200, `${name}: ${res.text.slice(0, 200)}`)
        } else {
          assert.equal(res.status, 401, `${name}: ${res.text.slice(0, 200)}`)
          assert.deepEqual(res.json(), { detail: 'Not authenticated' }, name)
          assert.equal(res.headers.get('www-authenticate'), challenge, name)
        }
      }
    })
  }
})

// Header values a client can actually send: no CR, LF or NUL (fetch and Node refuse them), bytes
// up to 0xFF, with the characters auth-params are made of over-represented.
const headerChar = fc.oneof(
  fc.constantFrom(' ', ' ', '\t', ':', '=', '"', ',', '+', '/', '\\'),
  fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
)
const headerText = fc.string({ unit: headerChar, maxLength: 200 })
const authorization = fc.oneof(
  headerText,
  fc
    .tuple(fc.constantFrom('Bearer', 'bearer', 'Basic', 'BASIC', 'Digest', 'Other', ''), headerText)
    .map(([s, t]) => `${s} ${t}`),
  // Basic with base64 of arbitrary bytes: with and without a colon, valid and invalid UTF-8.
  fc.uint8Array({ maxLength: 64 }).map((bytes) => `Basic ${Buffer.from(bytes).toString('base64')}`),
)

describe('random Authorization headers (fast-check)', () => {
  for (const { path } of schemes) {
    test(`${path}: status is 200 or 401`, async () => {
      await fc.assert(
        fc.asyncProperty(authorization, async (value) => {
          const res = await client.get(path, { headers: { Authorization: value } })
          return res.status === 200 || res.status === 401
        }),
        { numRuns: 300 },
      )
    })
  }

  test('API keys: any header, query or cookie value is 200 or 401', async () => {
    const cookieSafe = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
      maxLength: 100,
    })
    await fc.assert(
      fc.asyncProperty(
        headerText,
        fc.string({ maxLength: 100 }),
        cookieSafe,
        async (header, query, cookie) => {
          const statuses = [
            (await client.get('/key-header', { headers: { 'X-Key': header } })).status,
            (await client.get('/key-query', { query: { key: query } })).status,
            (await client.get('/key-cookie', { headers: { cookie: `key=${cookie}` } })).status,
          ]
          return statuses.every((status) => status === 200 || status === 401)
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('malformed Authorization headers over a socket', () => {
  let server: BriskServer
  before(async () => {
    server = await schemesApp().listen({ port: 0, handleSignals: false })
  })
  after(() => server.close())

  /** Sends `request` as raw bytes and returns the status of the answer. */
  function rawStatus(request: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = connect(server.port, server.host)
      let received = ''
      socket.setEncoding('latin1')
      socket.on('data', (chunk) => {
        received += chunk
        const match = /^HTTP\/1\.1 (\d{3})/.exec(received)
        if (match) {
          socket.destroy()
          resolve(Number(match[1]))
        }
      })
      socket.on('error', reject)
      socket.on('end', () => reject(new Error(`no status line in ${JSON.stringify(received.slice(0, 200))}`)))
      socket.write(request, 'latin1')
    })
  }

  const get = (path: string, headerLines: string) =>
    `GET ${path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n${headerLines}\r\n`

  for (const [name, line] of [
    ['an empty Authorization', 'Authorization:\r\n'],
    ['only spaces', 'Authorization:      \r\n'],
    ['the scheme and trailing spaces', 'Authorization: Bearer    \r\n'],
    ['the scheme and a tab', 'Authorization: Bearer\t\r\n'],
    ['two Authorization headers', 'Authorization: Bearer a\r\nAuthorization: Basic Og==\r\n'],
    ['Latin-1 bytes', 'Authorization: Basic \u00e9\u00ff\u00fe\r\n'],
  ] as const) {
    test(`${name}: 401 or 200 on every scheme, never 500`, async () => {
      for (const { path } of schemes) {
        const status = await rawStatus(get(path, line))
        assert.ok(status === 401 || status === 200, `${path}: ${status}`)
      }
    })
  }

  test('a header beyond the server limit is refused by the parser (431), not a 500', async () => {
    const status = await rawStatus(get('/bearer', `Authorization: Bearer ${'A'.repeat(64 * 1024)}\r\n`))
    assert.equal(status, 431)
  })
})
