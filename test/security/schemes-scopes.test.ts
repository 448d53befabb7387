// security(dep, { scopes }) and the `scopes` every dependency receives (FastAPI's Security and
// SecurityScopes), against FastAPI's tests/test_security_scopes.py, _scopes_dont_propagate.py,
// _scopes_sub_dependency.py and test_dependency_security_overrides.py.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { App, depends, HTTPException, security, TestClient } from '../../src/index.js'

describe('a plain dependency is not run twice for scopes it never reads (test_security_scopes.py)', () => {
  test('get_db, used directly and under security(get_user), runs once', async () => {
    let count = 0
    const getDb = depends(function get_db() {
      count += 1
      return `db_${count}`
    })
    const getUser = depends({ db: getDb }, function get_user() {
      return 'user'
    })
    const app = new App()
    app.get(
      '/',
      { deps: { db: getDb, user: security(getUser, { scopes: ['read'] }) } },
      function endpoint({ db }) {
        return { db }
      },
    )
    const res = await new TestClient(app).get('/')
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { db: 'db_1' })
    assert.equal(count, 1)
  })
})

describe('scopes go down each branch, not across (test_security_scopes_dont_propagate.py)', () => {
  test('each dependency sees the scopes above it, outermost first', async () => {
    const security1 = depends(async function security1({ scopes }) {
      return scopes.scopes
    })
    const security2 = depends(async function security2({ scopes }) {
      return scopes.scopes
    })
    const dep3 = depends(
      {
        dep1: security(security1, { scopes: ['scope1'] }),
        dep2: security(security2, { scopes: ['scope2'] }),
      },
      async function dep3({ dep1, dep2 }) {
        return { dep1, dep2 }
      },
    )
    const app = new App()
    app.get(
      '/scopes',
      { deps: { dep3: security(dep3, { scopes: ['scope3'] }) } },
      function get_scopes({ dep3 }) {
        return dep3
      },
    )
    const res = await new TestClient(app).get('/scopes')
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { dep1: ['scope3', 'scope1'], dep2: ['scope3', 'scope2'] })
  })

  test('scopeStr joins them with spaces; with none, it is empty', async () => {
    const seen = depends(function seen({ scopes }) {
      return { scopes: scopes.scopes, scopeStr: scopes.scopeStr }
    })
    const app = new App()
    app.get('/none', { deps: { seen } }, ({ seen }) => seen)
    app.get('/two', { deps: { seen: security(seen, { scopes: ['items:read', 'me'] }) } }, ({ seen }) => seen)
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/none')).json(), { scopes: [], scopeStr: '' })
    assert.deepEqual((await client.get('/two')).json(), {
      scopes: ['items:read', 'me'],
      scopeStr: 'items:read me',
    })
  })

  test('a scope required twice on one chain is listed once', async () => {
    const seen = depends(function seen({ scopes }) {
      return scopes.scopes
    })
    const middle = depends({ inner: security(seen, { scopes: ['me', 'items'] }) }, ({ inner }) => inner)
    const app = new App()
    app.get('/', { deps: { value: security(middle, { scopes: ['me'] }) } }, ({ value }) => value)
    assert.deepEqual((await new TestClient(app).get('/')).json(), ['me', 'items'])
  })
})

describe('caching per set of scopes (test_security_scopes_sub_dependency.py)', () => {
  test('a dependency that reads its scopes runs once per set of scopes; the others once', async () => {
    const calls = { get_db_session: 0, get_current_user: 0, get_user_me: 0, get_user_items: 0 }
    const getDbSession = depends(function get_db_session() {
      calls.get_db_session += 1
      return `db_session_${calls.get_db_session}`
    })
    const getCurrentUser = depends(
      { db_session: getDbSession },
      function get_current_user({ db_session, scopes }) {
        calls.get_current_user += 1
        return { user: `user_${calls.get_current_user}`, scopes: scopes.scopes, db_session }
      },
    )
    const getUserMe = depends(
      { current_user: security(getCurrentUser, { scopes: ['me'] }) },
      function get_user_me({ current_user }) {
        calls.get_user_me += 1
        return { user_me: `user_me_${calls.get_user_me}`, current_user }
      },
    )
    const getUserItems = depends({ user_me: getUserMe }, function get_user_items({ user_me }) {
      calls.get_user_items += 1
      return { user_items: `user_items_${calls.get_user_items}`, user_me }
    })
    const app = new App()
    app.get(
      '/',
      { deps: { user_me: getUserMe, user_items: security(getUserItems, { scopes: ['items'] }) } },
      function path_operation({ user_me, user_items }) {
        return { user_me, user_items }
      },
    )

    const res = await new TestClient(app).get('/')
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(calls, { get_db_session: 1, get_current_user: 2, get_user_me: 2, get_user_items: 1 })
    assert.deepEqual(res.json(), {
      user_me: {
        user_me: 'user_me_1',
        current_user: { user: 'user_1', scopes: ['me'], db_session: 'db_session_1' },
      },
      user_items: {
        user_items: 'user_items_1',
        user_me: {
          user_me: 'user_me_2',
          current_user: { user: 'user_2', scopes: ['items', 'me'], db_session: 'db_session_1' },
        },
      },
    })
  })
})

describe('a permission check is never skipped by caching', () => {
  // check_perms reads its scopes but has no scopes of its own and no scheme below it. FastAPI sees
  // its SecurityScopes parameter and caches it per scope set, so it runs for `read` and for
  // `admin`; running it once would leave the second requirement unchecked.
  test('a scopes-reading check below two security() uses runs for each scope set', async () => {
    const seen: string[][] = []
    const checkPerms = depends(function check_perms({ scopes, ctx }) {
      seen.push([...scopes.scopes])
      const granted = (ctx.header('x-scopes') ?? '').split(' ')
      for (const scope of scopes.scopes) {
        if (!granted.includes(scope)) throw new HTTPException(403, `missing ${scope}`)
      }
      return 'ok'
    })
    const reader = depends({ p: checkPerms }, ({ p }) => p)
    const admin = depends({ p: checkPerms }, ({ p }) => p)
    const app = new App()
    app.get(
      '/',
      { deps: { r: security(reader, { scopes: ['read'] }), a: security(admin, { scopes: ['admin'] }) } },
      () => 'done',
    )
    const res = await new TestClient(app).get('/', { headers: { 'x-scopes': 'read' } })
    assert.deepEqual(seen, [['read'], ['admin']])
    assert.equal(res.status, 403, res.text)
    assert.deepEqual(res.json(), { detail: 'missing admin' })
  })
})

describe('overriding a dependency used with scopes (test_dependency_security_overrides.py)', () => {
  const getUser = depends(function get_user({ scopes }) {
    return ['john', scopes.scopes] as [string, readonly string[]]
  })
  const getUserOverride = depends(function get_user_override({ scopes }) {
    return ['alice', scopes.scopes] as [string, readonly string[]]
  })
  const getData = depends(function get_data() {
    return [1, 2, 3]
  })
  const getDataOverride = depends(function get_data_override() {
    return [3, 4, 5]
  })
  const app = new App()
  app.get(
    '/user',
    { deps: { user_data: security(getUser, { scopes: ['foo', 'bar'] }), data: getData } },
    function read_user({ user_data, data }) {
      return { user: user_data[0], scopes: user_data[1], data }
    },
  )
  const client = new TestClient(app)

  test('no override', async () => {
    assert.deepEqual((await client.get('/user')).json(), {
      user: 'john',
      scopes: ['foo', 'bar'],
      data: [1, 2, 3],
    })
  })

  test('overriding the plain dependency', async () => {
    app.dependencyOverrides.set(getData, getDataOverride)
    try {
      assert.deepEqual((await client.get('/user')).json(), {
        user: 'john',
        scopes: ['foo', 'bar'],
        data: [3, 4, 5],
      })
    } finally {
      app.dependencyOverrides.clear()
    }
  })

  test('overriding the one used with scopes: the override receives the same scopes', async () => {
    app.dependencyOverrides.set(getUser, getUserOverride)
    try {
      assert.deepEqual((await client.get('/user')).json(), {
        user: 'alice',
        scopes: ['foo', 'bar'],
        data: [1, 2, 3],
      })
    } finally {
      app.dependencyOverrides.clear()
    }
  })
})
