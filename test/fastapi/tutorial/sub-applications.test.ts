// FastAPI tutorial "Sub Applications - Mounts" (docs_src/sub_applications/tutorial001 and
// tests/test_tutorial/test_sub_applications), ported to Brisk: a main app with a sub-app mounted
// at /subapi, each with its own document and docs.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { TestClient } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

function tutorialApps(rootPath?: string) {
  const app = fastapi(rootPath === undefined ? {} : { rootPath })
  app.get('/app', function read_main() {
    return { message: 'Hello World from main app' }
  })
  const subapi = fastapi()
  subapi.get('/sub', function read_sub() {
    return { message: 'Hello World from sub API' }
  })
  app.mount('/subapi', subapi)
  return { app, subapi }
}

describe('sub applications tutorial001', () => {
  const { app } = tutorialApps()
  const client = new TestClient(app)

  test("the main app's document lists its own path only", async () => {
    await assertDocument(client, fastapiDocument('test_sub_applications/test_tutorial001.py', 'main'))
  })

  test('GET /app is the main app', async () => {
    const res = await client.get('/app')
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { message: 'Hello World from main app' })
  })

  test("the sub-app's document is served under its prefix, with servers naming it", async () => {
    const res = await client.get('/subapi/openapi.json')
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), fastapiDocument('test_sub_applications/test_tutorial001.py', 'sub'))
  })

  test('GET /subapi/sub is the sub-app', async () => {
    const res = await client.get('/subapi/sub')
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { message: 'Hello World from sub API' })
  })

  test("each app's Swagger UI loads its own document", async () => {
    const main = (await client.get('/docs')).text
    assert.ok(main.includes("url: '/openapi.json',"), main)
    const sub = await client.get('/subapi/docs')
    assert.equal(sub.status, 200)
    assert.equal(sub.headers.get('content-type'), 'text/html; charset=utf-8')
    assert.ok(sub.text.includes("url: '/subapi/openapi.json',"), sub.text)
    assert.ok(sub.text.includes('<script src="/subapi/docs/assets/swagger-ui-bundle.js"></script>'))
    // The files the page loads are there, under the prefix.
    assert.equal((await client.get('/subapi/docs/assets/swagger-ui-bundle.js')).status, 200)
    const redoc = (await client.get('/subapi/redoc')).text
    assert.ok(redoc.includes('/subapi/openapi.json'), redoc)
  })

  test('paths of one app are not served by the other', async () => {
    assert.equal((await client.get('/sub')).status, 404)
    assert.equal((await client.get('/subapi/app')).status, 404)
    assert.deepEqual((await client.get('/subapi/app')).json(), { detail: 'Not Found' })
  })
})

describe('sub applications behind a proxy (the parent has a root path)', () => {
  const { app } = tutorialApps('/api/v1')
  const client = new TestClient(app)

  test("the sub-app's servers are the parent's root path plus the prefix, as FastAPI writes them", async () => {
    const sub = (await client.get('/api/v1/subapi/openapi.json')).json() as { servers: unknown }
    assert.deepEqual(sub.servers, [{ url: '/api/v1/subapi' }])
    const main = (await client.get('/api/v1/openapi.json')).json() as { servers: unknown }
    assert.deepEqual(main.servers, [{ url: '/api/v1' }])
    const page = (await client.get('/api/v1/subapi/docs')).text
    assert.ok(page.includes("url: '/api/v1/subapi/openapi.json',"), page)
  })
})
