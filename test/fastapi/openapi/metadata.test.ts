// Conformance: Brisk's OpenAPI document against FastAPI's for the "Metadata and Docs URLs" and
// "Behind a Proxy" tutorials. Each expected document is the one the FastAPI test named in the
// test's title expects (fastapi/fastapi tests/test_tutorial/…, the Python 3.10+ / Pydantic v2
// variant), copied as JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument),
// and compared whole as parsed JSON, the way those tests read /openapi.json.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { App, TestClient } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

// The Python triple-quoted string, leading and trailing newline included: FastAPI keeps it as is.
const DESCRIPTION =
  '\nChimichangApp API helps you do awesome stuff. 🚀\n\n## Items\n\nYou can **read items**.\n\n## Users\n\nYou will be able to:\n\n* **Create users** (_not implemented_).\n* **Read users** (_not implemented_).\n'

/** Adds the chapter's `GET /items/` route, `read_items`. */
function withReadItems(app: App): App {
  app.get('/items/', async function read_items() {
    return [{ name: 'Katana' }]
  })
  return app
}

describe('metadata', () => {
  const chimichanga = {
    title: 'ChimichangApp',
    description: DESCRIPTION,
    summary: "Deadpool's favorite app. Nuff said.",
    version: '0.0.1',
    termsOfService: 'http://example.com/terms/',
    contact: {
      name: 'Deadpoolio the Amazing',
      url: 'http://x-force.example.com/contact/',
      email: 'dp@x-force.example.com',
    },
  }

  test('test_metadata/test_tutorial001.py: info fields, a license URL', async () => {
    const app = withReadItems(
      new App({
        ...chimichanga,
        license: { name: 'Apache 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0.html' },
      }),
    )
    await assertDocument(app, fastapiDocument('test_metadata/test_tutorial001.py'))
  })

  test('test_metadata/test_tutorial001_1.py: a license identifier', async () => {
    const app = withReadItems(
      new App({ ...chimichanga, license: { name: 'Apache 2.0', identifier: 'Apache-2.0' } }),
    )
    await assertDocument(app, fastapiDocument('test_metadata/test_tutorial001_1.py'))
  })

  test('test_metadata/test_tutorial002.py: openapi_url moves the document', async () => {
    const client = new TestClient(withReadItems(fastapi({ openapiUrl: '/api/v1/openapi.json' })))
    assert.equal((await client.get('/openapi.json')).status, 404)
    const res = await client.get('/api/v1/openapi.json')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), fastapiDocument('test_metadata/test_tutorial002.py'))
  })

  test('test_metadata/test_tutorial003.py: docs_url moved, redoc_url off', async () => {
    const app = withReadItems(fastapi({ docsUrl: '/documentation', redocUrl: null }))
    await assertDocument(app, fastapiDocument('test_metadata/test_tutorial003.py'))
    const client = new TestClient(app)
    assert.equal((await client.get('/docs')).status, 404)
    const docs = await client.get('/documentation')
    assert.equal(docs.status, 200)
    assert.ok(docs.text.includes('<title>FastAPI - Swagger UI</title>'))
    assert.equal((await client.get('/redoc')).status, 404)
  })

  test('test_metadata/test_tutorial004.py: openapi_tags', async () => {
    const tags = [
      { name: 'users', description: 'Operations with users. The **login** logic is also here.' },
      {
        name: 'items',
        description: 'Manage items. So _fancy_ they have their own docs.',
        externalDocs: { description: 'Items external docs', url: 'https://fastapi.tiangolo.com/' },
      },
    ]
    const app = fastapi({ openapiTags: tags })
    app.get('/users/', { tags: ['users'] }, async function get_users() {
      return [{ name: 'Harry' }, { name: 'Ron' }]
    })
    app.get('/items/', { tags: ['items'] }, async function get_items() {
      return [{ name: 'wand' }, { name: 'flying broom' }]
    })
    await assertDocument(app, fastapiDocument('test_metadata/test_tutorial004.py'))
  })
})

describe('behind_a_proxy', () => {
  /** The chapter's `GET /app` route, `read_main`. */
  function withReadMain(app: App): App {
    app.get('/app', function read_main() {
      return { message: 'Hello World' }
    })
    return app
  }
  const servers = [
    { url: 'https://stag.example.com', description: 'Staging environment' },
    { url: 'https://prod.example.com', description: 'Production environment' },
  ]

  // tutorial001 gets its root path from the server (`uvicorn --root-path`, the ASGI scope), which
  // Brisk has no equivalent of: the root path is the app's, so tutorial001 and 002 are one app.
  for (const [file, what] of [
    ['test_tutorial001.py', 'root_path from the server'],
    ['test_tutorial002.py', 'root_path on the app'],
  ]) {
    test(`test_behind_a_proxy/${file}: ${what}`, async () => {
      await assertDocument(
        withReadMain(fastapi({ rootPath: '/api/v1' })),
        fastapiDocument(`test_behind_a_proxy/${file}`),
      )
    })
  }

  test('test_behind_a_proxy/test_tutorial003.py: the root path goes first in servers', async () => {
    await assertDocument(
      withReadMain(fastapi({ servers, rootPath: '/api/v1' })),
      fastapiDocument('test_behind_a_proxy/test_tutorial003.py'),
    )
  })

  test('test_behind_a_proxy/test_tutorial004.py: root_path_in_servers=False', async () => {
    await assertDocument(
      withReadMain(fastapi({ servers, rootPath: '/api/v1', rootPathInServers: false })),
      fastapiDocument('test_behind_a_proxy/test_tutorial004.py'),
    )
  })
})
