import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ConfigError } from '../../src/index.js'
import { compilePath } from '../../src/routing/path-template.js'
import { RouteTable, type TableEntry, type TableMatch } from '../../src/routing/route-table.js'

const op = (methods: string[], path: string, value: string): TableEntry<string> => ({
  kind: 'operation',
  methods: new Set(methods),
  template: compilePath(path),
  value,
})
const mount = (path: string, value: string): TableEntry<string> => ({
  kind: 'mount',
  template: compilePath(path),
  value,
})
const websocket = (path: string, value: string): TableEntry<string> => ({
  kind: 'websocket',
  template: compilePath(path),
  value,
})

/** The value and params of a match, or its kind (with `Allow` for a 405). */
function read(match: TableMatch<string>): unknown {
  if (match.kind === 'found') return [match.value, { ...match.params }]
  if (match.kind === 'mount') return [match.value, { ...match.params }, match.matched, match.rest]
  return match.kind === 'method' ? `405 ${match.allow}` : 'none'
}

describe('first match wins', () => {
  test('a static route declared after a parameterised one is shadowed by it', () => {
    const table = new RouteTable([op(['GET'], '/users/{id}', 'user'), op(['GET'], '/users/me', 'me')])
    assert.deepEqual(read(table.match('GET', '/users/me')), ['user', { id: 'me' }])
  })

  test('a static route declared first wins over the parameterised one', () => {
    const table = new RouteTable([op(['GET'], '/users/me', 'me'), op(['GET'], '/users/{id}', 'user')])
    assert.deepEqual(read(table.match('GET', '/users/me')), ['me', {}])
    assert.deepEqual(read(table.match('GET', '/users/7')), ['user', { id: '7' }])
  })

  test('an earlier route that matches only the path does not stop a later full match', () => {
    const table = new RouteTable([op(['POST'], '/items/{id}', 'create'), op(['GET'], '/items/{id}', 'read')])
    assert.deepEqual(read(table.match('GET', '/items/1')), ['read', { id: '1' }])
  })

  test('matching is exact and case-sensitive', () => {
    const table = new RouteTable([op(['GET'], '/items', 'items')])
    assert.equal(read(table.match('GET', '/Items')), 'none')
    assert.equal(read(table.match('GET', '/items/')), 'none')
    assert.equal(read(table.match('GET', 'items')), 'none')
  })
})

describe('HEAD', () => {
  test('a GET route answers HEAD (automatic HEAD)', () => {
    const table = new RouteTable([op(['GET'], '/items/{id}', 'read')])
    assert.deepEqual(read(table.match('HEAD', '/items/1')), ['read', { id: '1' }])
  })

  test('an explicit HEAD route wins over automatic HEAD, even declared later', () => {
    const table = new RouteTable([op(['GET'], '/items/{id}', 'read'), op(['HEAD'], '/items/{id}', 'head')])
    assert.deepEqual(read(table.match('HEAD', '/items/1')), ['head', { id: '1' }])
    assert.deepEqual(read(table.match('GET', '/items/1')), ['read', { id: '1' }])
  })
})

describe('405', () => {
  test('the first route on the path answers, with its methods and HEAD in declaration order', () => {
    const table = new RouteTable([op(['PUT', 'GET'], '/items/{id}', 'a'), op(['DELETE'], '/items/{id}', 'b')])
    assert.equal(read(table.match('POST', '/items/1')), '405 PUT, GET, HEAD')
    assert.equal(read(table.match('PATCH', '/items/1')), '405 PUT, GET, HEAD')
  })

  test('a route declaring HEAD lists it once, where it was declared', () => {
    const table = new RouteTable([op(['HEAD', 'GET'], '/items', 'a')])
    assert.equal(read(table.match('POST', '/items')), '405 HEAD, GET')
  })
})

describe('mounts', () => {
  test('a mount takes its prefix followed by "/", so `/static/` has the rest "/"', () => {
    const table = new RouteTable([mount('/static', 'files')])
    assert.deepEqual(read(table.match('GET', '/static/')), ['files', {}, '/static', '/'])
    assert.deepEqual(read(table.match('DELETE', '/static/a/b')), ['files', {}, '/static', '/a/b'])
    assert.equal(read(table.match('GET', '/static')), 'none')
    assert.equal(read(table.match('GET', '/staticx/a')), 'none')
  })

  test('a mount prefix with parameters reports them and what it consumed', () => {
    const table = new RouteTable([mount('/orgs/{org}', 'org')])
    assert.deepEqual(read(table.match('GET', '/orgs/acme/repos')), [
      'org',
      { org: 'acme' },
      '/orgs/acme',
      '/repos',
    ])
  })

  test('a mount registered before a route shadows it, and after it does not', () => {
    const before = new RouteTable([mount('/static', 'files'), op(['GET'], '/static/app.js', 'app')])
    assert.deepEqual(read(before.match('GET', '/static/app.js')), ['files', {}, '/static', '/app.js'])
    const after = new RouteTable([op(['GET'], '/static/app.js', 'app'), mount('/static', 'files')])
    assert.deepEqual(read(after.match('GET', '/static/app.js')), ['app', {}])
  })

  test('a mount beats an earlier route that matches only the path (full beats partial)', () => {
    const table = new RouteTable([op(['POST'], '/static/{name}', 'upload'), mount('/static', 'files')])
    assert.deepEqual(read(table.match('GET', '/static/a')), ['files', {}, '/static', '/a'])
    assert.deepEqual(read(table.match('POST', '/static/a')), ['upload', { name: 'a' }])
  })

  test('HEAD goes to a GET route declared before the mount, as GET does', () => {
    const table = new RouteTable([op(['GET'], '/static/{name}', 'page'), mount('/static', 'files')])
    assert.deepEqual(read(table.match('HEAD', '/static/a')), ['page', { name: 'a' }])
    const mountFirst = new RouteTable([mount('/static', 'files'), op(['GET'], '/static/{name}', 'page')])
    assert.deepEqual(read(mountFirst.match('HEAD', '/static/a')), ['files', {}, '/static', '/a'])
  })

  test('a mount prefix ending in "/" or in {name:path} is refused', () => {
    assert.throws(() => new RouteTable([mount('/static/', 'files')]), ConfigError)
    assert.throws(() => new RouteTable([mount('/files/{rest:path}', 'files')]), ConfigError)
  })

  test('a mount at "/" takes every path after the routes before it, the whole path as its rest', () => {
    const table = new RouteTable([
      op(['GET'], '/api', 'api'),
      mount('/', 'site'),
      op(['GET'], '/late', 'late'),
    ])
    assert.deepEqual(read(table.match('GET', '/api')), ['api', {}])
    assert.deepEqual(read(table.match('POST', '/api')), ['site', {}, '', '/api'])
    assert.deepEqual(read(table.match('GET', '/')), ['site', {}, '', '/'])
    assert.deepEqual(read(table.match('GET', '/late')), ['site', {}, '', '/late'])
    assert.deepEqual(read(table.match('GET', '/a/b/')), ['site', {}, '', '/a/b/'])
  })
})

describe('WebSocket entries', () => {
  test('HTTP matching never sees them, and WebSocket matching never sees operations', () => {
    const table = new RouteTable([
      op(['GET'], '/live', 'http'),
      websocket('/live', 'ws'),
      websocket('/chat/{room}', 'chat'),
    ])
    assert.deepEqual(read(table.match('GET', '/live')), ['http', {}])
    assert.equal(read(table.match('GET', '/chat/a')), 'none')
    assert.deepEqual(read(table.matchWebSocket('/live')), ['ws', {}])
    assert.deepEqual(read(table.matchWebSocket('/chat/a')), ['chat', { room: 'a' }])
    assert.equal(read(new RouteTable([op(['GET'], '/x', 'http')]).matchWebSocket('/x')), 'none')
  })

  test('mounts answer WebSocket paths in registration order too', () => {
    const table = new RouteTable([mount('/app', 'sub'), websocket('/app/ws', 'ws')])
    assert.deepEqual(read(table.matchWebSocket('/app/ws')), ['sub', {}, '/app', '/ws'])
  })
})

describe('templates', () => {
  test('{name} needs at least one character, {name:path} may take nothing', () => {
    const table = new RouteTable([
      op(['GET'], '/items/{id}', 'item'),
      op(['GET'], '/files/{rest:path}', 'file'),
    ])
    assert.equal(read(table.match('GET', '/items/')), 'none')
    assert.deepEqual(read(table.match('GET', '/files/')), ['file', { rest: '' }])
    assert.deepEqual(read(table.match('GET', '/files/a/b/')), ['file', { rest: 'a/b/' }])
    assert.equal(read(table.match('GET', '/files')), 'none')
  })

  test('parameters sharing a segment with text read as the template regex reads them', () => {
    const table = new RouteTable([
      op(['GET'], '/files/{name}.txt', 'txt'),
      op(['GET'], '/range/{a}-{b}', 'range'),
      op(['GET'], '/v{major}-{rest:path}', 'versioned'),
    ])
    assert.deepEqual(read(table.match('GET', '/files/a.b.txt')), ['txt', { name: 'a.b' }])
    assert.equal(read(table.match('GET', '/files/a.txt1')), 'none')
    assert.equal(read(table.match('GET', '/files/.txt')), 'none')
    assert.deepEqual(read(table.match('GET', '/range/x-y-z')), ['range', { a: 'x', b: 'y-z' }])
    assert.deepEqual(read(table.match('GET', '/v2-a/b')), ['versioned', { major: '2', rest: 'a/b' }])
  })
})
