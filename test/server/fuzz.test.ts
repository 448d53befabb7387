// Property-based robustness: whatever a client sends (odd methods, hostile paths, junk headers and
// cookies, random bodies), Brisk answers with a status below 500 and logs no error. Run through the
// test client (fetch adapter) and through a real Node server fed raw bytes on a socket, which
// reaches paths and methods a WHATWG `Request` would normalise or refuse.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { z } from 'zod'
import { App, type BriskServer, HTTPException, type Logger, Router, TestClient } from '../../src/index.js'

const logged: unknown[] = []
const countingLogger: Logger = {
  error(details, message) {
    logged.push({ message, err: details.err })
  },
  warn() {},
  info() {},
}

function buildApp(): App {
  const app = new App({ logger: countingLogger, bodyLimit: 64 * 1024 })
  // A middleware that reads everything a middleware usually reads.
  app.use(async (ctx, next) => {
    void ctx.query
    void ctx.cookies
    void ctx.header('user-agent')
    const reply = await next()
    reply.headers.set('x-mw', '1')
    return reply
  })
  const Item = z.object({
    name: z.string().min(1),
    price: z.number().gt(0),
    tags: z.array(z.string()).default([]),
    owner: z.object({ id: z.int() }).optional(),
  })
  app.get('/', () => ({ hello: 'world' }))
  app.get(
    '/items/{item_id}',
    {
      path: { item_id: z.int() },
      query: {
        q: z.string().max(50).optional(),
        limit: z.int().min(1).max(100).default(10),
        flags: z.array(z.string()).default([]),
      },
      headers: { x_token: z.string().optional(), user_agent: z.string().optional() },
      cookies: { session: z.string().optional() },
    },
    ({ path, query, headers, cookies }) => ({
      ...path,
      ...query,
      token: headers.x_token ?? null,
      session: cookies.session ?? null,
    }),
  )
  app.post('/items', { body: Item, response: Item, status: 201 }, ({ body }) => body)
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.uuid() }, body: { item: Item, importance: z.int().optional() } },
    ({ path, body }) => ({ id: path.item_id, ...body }),
  )
  app.get('/files/{file_path:path}', ({ path }) => ({ file_path: path.file_path }))
  app.post('/loose', { body: z.looseObject({}) }, ({ body }) => ({ keys: Object.keys(body).length }))
  app.post('/echo', { body: z.unknown() }, ({ body }) => ({ body }))
  app.post('/record', { body: z.record(z.string(), z.union([z.string(), z.number()])) }, ({ body }) => body)
  app.route(['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'], '/multi/{x}', ({ ctx, path }) => ({
    method: ctx.method,
    x: path.x,
  }))
  app.get('/stream', { response: z.object({ n: z.int() }) }, async function* () {
    yield { n: 1 }
    yield { n: 2 }
  })
  app.get('/sse', { stream: 'sse' }, async function* () {
    yield { n: 1 }
  })
  app.get('/teapot', () => {
    throw new HTTPException(418, { why: 'short and stout' })
  })
  app.post('/slash/', { body: z.object({ a: z.string() }).optional() }, ({ body }) => body ?? null)
  const users = new Router({ prefix: '/users', tags: ['users'] })
  users.get('/me', () => ({ me: true }))
  users.get('/{user_id}', { path: { user_id: z.string().min(2) } }, ({ path }) => path)
  users.patch('/{user_id}', { body: z.object({ name: z.string() }).partial() }, ({ body }) => body)
  app.include(users, { prefix: '/v1' })
  app.include(users, { prefix: '/v2' })
  return app
}

// ---------------------------------------------------------------------------------------------
// Generators

const METHODS_COMMON = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
const methodForFetch = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...METHODS_COMMON) },
  fc.constantFrom(...METHODS_COMMON, 'PURGE', 'PROPFIND', 'get', 'Post', 'M-SEARCH', 'QUERY'),
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9!#$&'*+.^_`|~-]{0,15}$/),
)
const methodRaw = fc.oneof(methodForFetch, fc.constantFrom('TRACE', 'CONNECT', 'TRACK', 'BREW', 'X', 'GET/1'))

const segment = fc.oneof(
  fc.constantFrom(
    'items',
    'files',
    'users',
    'me',
    'multi',
    'v1',
    'v2',
    'loose',
    'echo',
    'record',
    'stream',
    'sse',
    'teapot',
    'slash',
    '',
    '.',
    '..',
    '42',
    '-1',
    '1e3',
    '0x10',
    '9007199254740993',
    '550e8400-e29b-41d4-a716-446655440000',
    '%',
    '%2',
    '%zz',
    '%2F',
    '%2f',
    '%00',
    '%C3%A9',
    '%FF',
    '%E0%A4%A',
    '%u0041',
    'é',
    '日本',
    '🙂',
    '{x}',
    '{item_id}',
    '__proto__',
    'constructor',
    ';a=b',
    '%20',
    '+',
    'a%2Fb',
    '%252F',
    '~',
    '*',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
)
const pathParts = fc.array(segment, { maxLength: 7 })
// Paths that reach real routes, with a hostile parameter value.
const knownPath = fc
  .tuple(
    fc.constantFrom(
      '/items/',
      '/files/',
      '/v1/users/',
      '/v2/users/',
      '/multi/',
      '/loose',
      '/echo',
      '/record',
      '/items',
      '/',
      '/stream',
      '/sse',
      '/teapot',
      '/slash',
      '/slash/',
      '/v1/users/me',
      '/items/42',
      '/multi/x',
    ),
    segment,
  )
  .map(([prefix, value]) => (prefix.endsWith('/') && prefix !== '/' ? prefix + value : prefix))
const veryLong = fc.integer({ min: 500, max: 6000 }).map((n) => `/items/${'9'.repeat(n)}`)

const queryString = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    'q=x',
    'limit=0',
    'limit=101',
    'limit=abc',
    'limit=5&limit=6',
    'flags=a&flags=b',
    'q=%',
    'q=%ZZ',
    '&&&',
    '=',
    'a==b',
    `q=${'x'.repeat(60)}`,
    '__proto__=1',
    'constructor[prototype][x]=1',
  ),
  fc.string({ maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.string({ maxLength: 30 }),
)

const contentType = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/geo+json',
    'application/geo+json-seq',
    'text/plain',
    'application/',
    'application',
    ';;;',
    '',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'APPLICATION/JSON',
    'application/json;;',
    'application/json; charset="',
    'application/+json',
    '*/*',
    'application/json\t',
  ),
  fc.string({ maxLength: 40 }),
)
const cookieHeader = fc.oneof(
  fc.constantFrom(
    undefined,
    'session=abc',
    'session=',
    '=',
    ';;',
    'session="quoted"',
    'a=b; a=c',
    'session=%zz',
    '__proto__=x',
    'constructor=1',
  ),
  fc.string({ maxLength: 60 }),
)
const headerValue = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[\x20-\x7e]{0,60}$/) },
  fc.string({ maxLength: 60 }),
)
const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'x-token',
    'user-agent',
    'accept',
    'range',
    'if-none-match',
    'x-forwarded-for',
    'host',
    'content-length-ish',
    'x-anything',
    'accept-encoding',
  ),
  headerValue,
  { maxKeys: 4 },
)

const jsonish = fc.oneof(
  fc.constantFrom(
    '',
    'null',
    '{}',
    '[]',
    '{',
    '"',
    '{"name":"x","price":1}',
    '{"name":"","price":-1}',
    '{"name":"x","price":"1.5"}',
    '{"item":{"name":"x","price":2}}',
    '{"__proto__":{"polluted":1}}',
    '{"constructor":{"prototype":{"polluted":1}}}',
    '{"a":"\\u0000"}',
    '{"a":1e400}',
    '{"a":-0}',
    '1',
    '"string"',
    'true',
    '\uFEFF{}',
    '{"a":1,"a":2}',
    '[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]',
  ),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 80 }),
  fc.integer({ min: 100, max: 20000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 100, max: 20000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
)
const body = fc.oneof(
  jsonish.map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ maxLength: 200 }),
  fc.constant(undefined),
)

// Requests aimed at routes that read a body, with a JSON-ish content type most of the time.
const ROUTES: [string, string][] = [
  ['POST', '/items'],
  ['PUT', '/items/550e8400-e29b-41d4-a716-446655440000'],
  ['POST', '/loose'],
  ['POST', '/echo'],
  ['POST', '/record'],
  ['PATCH', '/v1/users/ab'],
  ['POST', '/slash/'],
  ['POST', '/multi/x'],
  ['GET', '/items/42'],
]
const targeted = fc.record({
  route: fc.constantFrom(...ROUTES),
  query: queryString,
  contentType: fc.oneof({ weight: 3, arbitrary: fc.constant('application/json') }, contentType),
  cookie: cookieHeader,
  headers: extraHeaders,
  body: fc.oneof({ weight: 3, arbitrary: jsonish.map((text) => new TextEncoder().encode(text)) }, body),
})
const request = fc.oneof(
  targeted.map(({ route: [method, parts], ...rest }) => ({ method, parts, ...rest })),
  fc.record({
    method: methodForFetch,
    parts: fc.oneof(
      { weight: 5, arbitrary: pathParts.map((p) => `/${p.join('/')}`) },
      { weight: 1, arbitrary: veryLong },
    ),
    query: queryString,
    contentType,
    cookie: cookieHeader,
    headers: extraHeaders,
    body,
  }),
)

// ---------------------------------------------------------------------------------------------

// BRISK_FUZZ_RUNS=5000 digs deeper locally; the default keeps the suite quick.
const EXTRA_RUNS = Number(process.env.BRISK_FUZZ_RUNS ?? 0)
const FORBIDDEN_FETCH_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK'])

describe('fuzz: every answer is below 500', () => {
  const app = buildApp()
  const client = new TestClient(app, { raiseServerExceptions: false, followRedirects: false })

  test('through the test client (fetch adapter)', async () => {
    logged.length = 0
    const statuses = new Map<number, number>()
    let sent = 0
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        logged.length = 0
        if (FORBIDDEN_FETCH_METHODS.has(r.method.toUpperCase())) return
        const headers: Record<string, string> = {}
        for (const [name, value] of Object.entries(r.headers)) {
          if (isByteString(value)) headers[name] = value
        }
        if (r.contentType !== undefined && isByteString(r.contentType))
          headers['content-type'] = r.contentType
        if (r.cookie !== undefined && isByteString(r.cookie)) headers.cookie = r.cookie
        let url: string
        try {
          url = new URL(r.parts + (r.query === '' ? '' : `?${r.query}`), 'http://testserver').href
        } catch {
          return
        }
        const hasBody =
          r.body !== undefined && r.method.toUpperCase() !== 'GET' && r.method.toUpperCase() !== 'HEAD'
        let res: Awaited<ReturnType<TestClient['request']>>
        try {
          res = await client.request(r.method, url, { headers, ...(hasBody ? { content: r.body! } : {}) })
        } catch (error) {
          // Only a `Request` the fetch API itself refuses to build may throw here.
          if (error instanceof TypeError && logged.length === 0) return
          throw error
        }
        sent++
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        assert.ok(res.status < 500, `${r.method} ${url} → ${res.status} ${res.text.slice(0, 200)}`)
        assert.deepEqual(logged, [], `${r.method} ${url} logged an error`)
      }),
      { numRuns: Math.max(400, EXTRA_RUNS) },
    )
    console.log(`fetch fuzz: ${sent} sent`, Object.fromEntries(statuses))
    assert.ok(sent > 300, `only ${sent} requests were sent`)
  })
})

describe('fuzz: raw bytes to a Node server', () => {
  const app = buildApp()
  let server: BriskServer
  before(async () => {
    server = await app.listen({ port: 0, handleSignals: false })
  })
  after(async () => {
    await server.close()
  })

  const rawRequest = fc.oneof(
    targeted.map(({ route: [method, path], ...rest }) => ({ method, path, chunked: false, ...rest })),
    fc.record({
      method: methodRaw,
      path: fc.oneof(
        { weight: 5, arbitrary: knownPath },
        { weight: 3, arbitrary: pathParts.map((p) => `/${p.join('/')}`) },
        { weight: 1, arbitrary: veryLong },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '//',
            '//items',
            '/../../etc/passwd',
            '/items/..%2F..%2F',
            '/./items/1',
            '*',
            'http://evil.example/items/1',
            '/items/1#frag',
            '/%',
            '/items%2F1',
            '/v1/users/..',
            '/files/../../x',
          ),
        },
      ),
      query: queryString,
      contentType,
      cookie: cookieHeader,
      headers: extraHeaders,
      body,
      chunked: fc.boolean(),
    }),
  )

  test('through node:http', async () => {
    logged.length = 0
    const statuses = new Map<number, number>()
    let answered = 0
    await fc.assert(
      fc.asyncProperty(rawRequest, async (r) => {
        logged.length = 0
        const target = toRequestTarget(r.path) + (r.query === '' ? '' : `?${toRequestTarget(r.query)}`)
        const lines = [
          `${r.method} ${target} HTTP/1.1`,
          `host: 127.0.0.1:${server.port}`,
          'connection: close',
        ]
        const add = (name: string, value: string | undefined) => {
          if (value !== undefined && isHeaderSafe(value)) lines.push(`${name}: ${value}`)
        }
        add('content-type', r.contentType)
        add('cookie', r.cookie)
        for (const [name, value] of Object.entries(r.headers)) if (name !== 'host') add(name, value)
        const payload = r.body ?? new Uint8Array(0)
        let bodyBytes: Uint8Array
        if (r.chunked && payload.length > 0) {
          lines.push('transfer-encoding: chunked')
          bodyBytes = Buffer.concat([
            Buffer.from(`${payload.length.toString(16)}\r\n`),
            payload,
            Buffer.from('\r\n0\r\n\r\n'),
          ])
        } else {
          lines.push(`content-length: ${payload.length}`)
          bodyBytes = payload
        }
        const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8')
        const response = await rawExchange(server.port, Buffer.concat([head, bodyBytes]))
        const status = /^HTTP\/1\.1 (\d{3})/.exec(response)?.[1]
        // A request node:http itself rejects may be answered 400 or closed without a word.
        if (status === undefined) return
        answered++
        statuses.set(Number(status), (statuses.get(Number(status)) ?? 0) + 1)
        assert.ok(Number(status) < 500, `${r.method} ${target} → ${response.slice(0, 300)}`)
        assert.deepEqual(logged, [], `${r.method} ${target} logged an error`)
      }),
      { numRuns: Math.max(300, EXTRA_RUNS) },
    )
    console.log(`raw fuzz: ${answered} answered`, Object.fromEntries(statuses))
    assert.ok(answered > 200, `only ${answered} requests were answered`)
  })
})

function isByteString(value: string): boolean {
  // What `Headers` accepts: no NUL, CR or LF, and only code points below 256; it trims whitespace.
  return !/[\0\r\n]/.test(value) && [...value].every((c) => c.codePointAt(0)! < 256)
}

function isHeaderSafe(value: string): boolean {
  return !/[\0\r\n]/.test(value)
}

/** Keeps a request target on one line with no spaces; other bytes go out raw, as UTF-8. */
function toRequestTarget(text: string): string {
  return text.replace(/[\s]/g, (c) => encodeURIComponent(c))
}

function rawExchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    socket.setTimeout(5000, () => socket.destroy(new Error('raw exchange timed out')))
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The server may close early on a request it refuses (oversized, malformed); what it said counts.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE')
        resolve(Buffer.concat(chunks).toString('latin1'))
      else reject(error)
    })
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')))
    socket.end(bytes)
  })
}
