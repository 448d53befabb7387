// Conformance: Brisk's OpenAPI document against FastAPI's for the "Dependencies" and "Bigger
// Applications" tutorials: parameters declared by dependencies (at any depth, on routes, routers,
// includes and the app) are listed as FastAPI lists them. Each expected document is the one the
// FastAPI test named in the test's title expects (fastapi/fastapi tests/test_tutorial/…, the Python
// 3.10+ / Pydantic v2 variant), copied as JSON into test/fastapi/fixtures/ under that test's name
// (fastapiDocument), and compared whole as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { depends, HTTPException, Router } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

// FastAPI drops every null-valued key from its document (`jsonable_encoder(..., exclude_none=True)`),
// so in its documents an optional `x: str | None = None` has no `default`.

describe('dependencies', () => {
  // `common_parameters(q: str | None = None, skip: int = 0, limit: int = 100)`, and the class
  // `CommonQueryParams` of tutorials 002-004: in Brisk both are one `depends` with query parameters.
  const common_parameters = depends(
    {
      query: {
        q: z.string().nullable().default(null),
        skip: z.int().default(0),
        limit: z.int().default(100),
      },
    },
    function common_parameters({ query }) {
      return query
    },
  )

  test('test_tutorial001_tutorial001_02.py: a function dependency on two routes', async () => {
    const app = fastapi()
    app.get('/items/', { deps: { commons: common_parameters } }, async function read_items({ commons }) {
      return commons
    })
    app.get('/users/', { deps: { commons: common_parameters } }, async function read_users({ commons }) {
      return commons
    })
    await assertDocument(app, fastapiDocument('test_dependencies/test_tutorial001_tutorial001_02.py'))
  })

  test('test_tutorial002_tutorial003_tutorial004.py: a class as a dependency', async () => {
    const app = fastapi()
    app.get('/items/', { deps: { commons: common_parameters } }, async function read_items({ commons }) {
      return commons
    })
    await assertDocument(
      app,
      fastapiDocument('test_dependencies/test_tutorial002_tutorial003_tutorial004.py'),
    )
  })

  test('test_tutorial005.py: sub-dependencies, a query and a cookie', async () => {
    const query_extractor = depends(
      { query: { q: z.string().nullable().default(null) } },
      function query_extractor({ query }) {
        return query.q
      },
    )
    const query_or_cookie_extractor = depends(
      { q: query_extractor, cookies: { last_query: z.string().nullable().default(null) } },
      function query_or_cookie_extractor({ q, cookies }) {
        return q || cookies.last_query
      },
    )
    const app = fastapi()
    app.get(
      '/items/',
      { deps: { query_or_default: query_or_cookie_extractor } },
      async function read_query({ query_or_default }) {
        return { q_or_cookie: query_or_default }
      },
    )
    await assertDocument(app, fastapiDocument('test_dependencies/test_tutorial005.py'))
  })

  const verify_token = depends({ headers: { x_token: z.string() } }, function verify_token({ headers }) {
    if (headers.x_token !== 'fake-super-secret-token') throw new HTTPException(400, 'X-Token header invalid')
  })
  const verify_key = depends({ headers: { x_key: z.string() } }, function verify_key({ headers }) {
    if (headers.x_key !== 'fake-super-secret-key') throw new HTTPException(400, 'X-Key header invalid')
    return headers.x_key
  })

  test('test_tutorial006.py: dependencies in the path operation decorator', async () => {
    const app = fastapi()
    app.get('/items/', { dependencies: [verify_token, verify_key] }, async function read_items() {
      return [{ item: 'Foo' }, { item: 'Bar' }]
    })
    await assertDocument(app, fastapiDocument('test_dependencies/test_tutorial006.py'))
  })

  test('test_tutorial011.py: a parameterized dependency', async () => {
    // Python's callable instance `FixedContentQueryChecker("bar")`: a dependency made by a factory.
    const fixedContentQueryChecker = (fixed_content: string) =>
      depends({ query: { q: z.string().default('') } }, ({ query }) =>
        query.q ? query.q.includes(fixed_content) : false,
      )
    const app = fastapi()
    app.get(
      '/query-checker/',
      { deps: { fixed_content_included: fixedContentQueryChecker('bar') } },
      async function read_query_check({ fixed_content_included }) {
        return { fixed_content_in_query: fixed_content_included }
      },
    )
    await assertDocument(app, fastapiDocument('test_dependencies/test_tutorial011.py'))
  })

  test('test_tutorial012.py: global dependencies', async () => {
    const app = fastapi({ dependencies: [verify_token, verify_key] })
    app.get('/items/', async function read_items() {
      return [{ item: 'Portal Gun' }, { item: 'Plumbus' }]
    })
    app.get('/users/', async function read_users() {
      return [{ username: 'Rick' }, { username: 'Morty' }]
    })
    await assertDocument(app, fastapiDocument('test_dependencies/test_tutorial012.py'))
  })
})

describe('bigger_applications', () => {
  test('test_bigger_applications/test_main.py: routers with prefixes, tags, dependencies and responses', async () => {
    // dependencies.py
    const get_token_header = depends(
      { headers: { x_token: z.string() } },
      function get_token_header({ headers }) {
        if (headers.x_token !== 'fake-super-secret-token')
          throw new HTTPException(400, 'X-Token header invalid')
      },
    )
    const get_query_token = depends({ query: { token: z.string() } }, function get_query_token({ query }) {
      if (query.token !== 'jessica') throw new HTTPException(400, 'No Jessica token provided')
    })
    // routers/users.py
    const users = new Router()
    users.get('/users/', { tags: ['users'] }, async function read_users() {
      return [{ username: 'Rick' }, { username: 'Morty' }]
    })
    users.get('/users/me', { tags: ['users'] }, async function read_user_me() {
      return { username: 'fakecurrentuser' }
    })
    users.get(
      '/users/{username}',
      { path: { username: z.string() }, tags: ['users'] },
      async function read_user({ path }) {
        return { username: path.username }
      },
    )
    // routers/items.py
    const items = new Router({
      prefix: '/items',
      tags: ['items'],
      dependencies: [get_token_header],
      responses: { 404: { description: 'Not found' } },
    })
    items.get('/', async function read_items() {
      return {}
    })
    items.get('/{item_id}', { path: { item_id: z.string() } }, async function read_item({ path }) {
      return { item_id: path.item_id }
    })
    items.put(
      '/{item_id}',
      {
        path: { item_id: z.string() },
        tags: ['custom'],
        responses: { 403: { description: 'Operation forbidden' } },
      },
      async function update_item({ path }) {
        return { item_id: path.item_id, name: 'The great Plumbus' }
      },
    )
    // internal/admin.py
    const admin = new Router()
    admin.post('/', async function update_admin() {
      return { message: 'Admin getting schwifty' }
    })
    // main.py
    const app = fastapi({ dependencies: [get_query_token] })
    app.include(users)
    app.include(items)
    app.include(admin, {
      prefix: '/admin',
      tags: ['admin'],
      dependencies: [get_token_header],
      responses: { 418: { description: "I'm a teapot" } },
    })
    app.get('/', async function root() {
      return { message: 'Hello Bigger Applications!' }
    })

    await assertDocument(app, fastapiDocument('test_bigger_applications/test_main.py'))
  })
})
