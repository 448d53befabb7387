// Two different schemas under one component name are a ConfigError when the app starts (docs/errors.md),
// even when one is only read and the other only answered; one schema whose input and output differ
// still becomes Item-Input and Item-Output, as FastAPI documents it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, ConfigError, HTTPBearer, type OpenAPIDocument, TestClient } from '../../src/index.js'

const quiet = { logger: { error() {}, warn() {}, info() {} } }

/** An app reading one `Item` and answering another, both `.meta({ id: 'Item' })`. */
function clashingApp(options: ConstructorParameters<typeof App>[0] = {}): App {
  const app = new App({ ...quiet, ...options })
  const ItemIn = z.object({ name: z.string() }).meta({ id: 'Item' })
  const ItemOut = z.object({ id: z.int(), name: z.string() }).meta({ id: 'Item' })
  app.post('/items', { body: ItemIn }, function create_item() {})
  app.get('/items/{item_id}', { path: { item_id: z.int() }, response: ItemOut }, function read_item() {
    return { id: 1, name: 'a' }
  })
  app.get('/health', () => 'ok')
  return app
}

const CLASH =
  'Two different schemas are both named "Item" in the OpenAPI document (in POST /items and ' +
  'GET /items/{item_id}); give them different ids.'

describe('a component-name clash stops the app before it serves', () => {
  test('one schema read and another answered under one id: not renamed -Input/-Output', async () => {
    const app = clashingApp()
    assert.throws(() => app.openapi(), { name: 'ConfigError', message: CLASH })
    // Any first request, not only /openapi.json, and listen() refuse to start.
    await assert.rejects(new TestClient(app).get('/health'), { name: 'ConfigError', message: CLASH })
    await assert.rejects(app.listen({ port: 0 }), ConfigError)
  })

  test('the same with titles instead of ids', () => {
    const app = new App()
    app.post('/a', { body: z.object({ a: z.string() }).meta({ title: 'Thing' }) }, function a() {})
    app.post('/b', { response: z.object({ b: z.string() }).meta({ title: 'Thing' }) }, function b() {
      return { b: '' }
    })
    assert.throws(
      () => app.openapi(),
      /Two different schemas are both named "Thing" .*\(in POST \/a and POST \/b\)/,
    )
  })

  test("a schema under the name of one of Brisk's own (HTTPValidationError, HTTPError)", async () => {
    for (const name of ['HTTPValidationError', 'ValidationError', 'HTTPError']) {
      const app = new App({ ...quiet, openapiSecurityResponses: true })
      const Mine = z.object({ message: z.string() }).meta({ id: name })
      const deps = { token: new HTTPBearer() }
      app.get('/q', { query: { q: z.string() }, deps, response: Mine }, function read_q() {
        return { message: '' }
      })
      await assert.rejects(new TestClient(app).get('/q'), {
        name: 'ConfigError',
        message: `"${name}" names a schema Brisk adds to the OpenAPI document itself (GET /q uses one); give yours another id.`,
      })
    }
  })

  test('apps that serve no document (openapiUrl: null) start without generating it', async () => {
    const app = clashingApp({ openapiUrl: null })
    const res = await new TestClient(app).get('/health')
    assert.equal(res.json(), 'ok')
    assert.throws(() => app.openapi(), { message: CLASH })
  })
})

describe('what is not a clash', () => {
  test('one schema whose input and output differ, directly and through a schema using it', async () => {
    const Price = z.object({ cents: z.string().transform(Number) }).meta({ id: 'Price' })
    const Item = z.object({ name: z.string(), price: Price }).meta({ id: 'Item' })
    const app = new App()
    app.post('/items', { body: Item }, function create_item() {})
    app.get('/prices', { response: Price }, function read_price() {
      return { cents: '1' }
    })
    app.get('/items/{id}', { path: { id: z.int() }, response: Item }, function read_item() {
      return { name: 'n', price: { cents: '1' } }
    })
    const doc = (await new TestClient(app).get('/openapi.json')).json<OpenAPIDocument>()
    assert.deepEqual(Object.keys(doc.components?.schemas ?? {}), [
      'HTTPValidationError',
      'Item-Input',
      'Item-Output',
      'Price-Input',
      'Price-Output',
      'ValidationError',
    ])
  })

  test('two equal schemas under one id, and the document generated once at startup', async () => {
    const warnings: string[] = []
    const app = new App({ logger: { ...quiet.logger, warn: (_, message) => warnings.push(message) } })
    app.post('/a', { operationId: 'same', body: z.object({ n: z.int() }).meta({ id: 'N' }) }, () => {})
    app.post('/b', { operationId: 'same', response: z.object({ n: z.int() }).meta({ id: 'N' }) }, () => {
      return { n: 1 }
    })
    const client = new TestClient(app)
    await client.post('/b')
    // The duplicate operationId is reported when the app starts, and /openapi.json serves the
    // document made then, without generating (and warning) again.
    assert.deepEqual(warnings, ['Duplicate operationId "same" for POST /b (also POST /a).'])
    const doc = (await client.get('/openapi.json')).json<OpenAPIDocument>()
    assert.deepEqual(Object.keys(doc.components?.schemas ?? {}), [
      'HTTPValidationError',
      'N',
      'ValidationError',
    ])
    assert.equal(warnings.length, 1)
  })
})
