// Brisk's own OpenAPI rules beyond the FastAPI tutorials: caching, naming fallbacks, the
// Input/Output split, name conflicts, other Standard Schema libraries and app-level options.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import {
  App,
  CallbackRouter,
  ConfigError,
  depends,
  type OpenAPIDocument,
  Router,
  TestClient,
} from '../../src/index.js'
import {
  fieldTitle,
  operationIdFor,
  pythonTitle,
  responseTitle,
  summaryFromName,
} from '../../src/openapi/naming.js'

const quiet = { logger: { error() {}, warn() {}, info() {} } }

describe('naming', () => {
  test("Python's title(): every run of letters capitalised", () => {
    assert.equal(pythonTitle('item_id'), 'Item_Id')
    assert.equal(pythonTitle('x-token'), 'X-Token')
    assert.equal(pythonTitle('USER agent2go'), 'User Agent2Go')
    assert.equal(fieldTitle('item_id'), 'Item Id')
  })

  test('summaries from snake_case and camelCase names read the same', () => {
    assert.equal(summaryFromName('read_item'), 'Read Item')
    assert.equal(summaryFromName('readItem'), 'Read Item')
    assert.equal(summaryFromName('getHTTPStatus'), 'Get Http Status')
  })

  test("FastAPI's generate_unique_id and Response_ titles", () => {
    assert.equal(operationIdFor('read_item', '/items/{item_id}', 'GET'), 'read_item_items__item_id__get')
    assert.equal(operationIdFor('root', '/', 'GET'), 'root__get')
    assert.equal(
      operationIdFor('new_subscription', 'new-subscription', 'POST'),
      'new_subscriptionnew_subscription_post',
    )
    assert.equal(
      operationIdFor('invoice_notification', '{$callback_url}/invoices/{$request.body.id}', 'POST'),
      'invoice_notification__callback_url__invoices___request_body_id__post',
    )
    assert.equal(responseTitle('read_items_items__get'), 'Response Read Items Items  Get')
  })
})

describe('the document', () => {
  test('an app with no routes has empty paths and no components', () => {
    assert.deepEqual(new App().openapi(), {
      openapi: '3.1.0',
      info: { title: 'Brisk', version: '0.1.0' },
      paths: {},
    })
  })

  test('is generated once and regenerated after a route is added, also through a router', () => {
    const app = new App()
    const router = new Router({ prefix: '/r' })
    app.include(router)
    const first = app.openapi()
    assert.equal(app.openapi(), first)
    router.get('/late', function late() {})
    const second = app.openapi()
    assert.notEqual(second, first)
    assert.ok(second.paths['/r/late'])
  })

  test('/openapi.json serves the cached document', async () => {
    const app = new App({ title: 'Shop' })
    app.get('/a', function a() {})
    const client = new TestClient(app)
    const res = await client.get('/openapi.json')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), app.openapi())
    app.get('/b', function b() {})
    assert.ok((await client.get('/openapi.json')).json<OpenAPIDocument>().paths['/b'])
  })

  test('docs routes are not in the document, and openapiUrl null removes them all', async () => {
    const app = new App({ openapiUrl: null })
    app.get('/a', function a() {})
    const client = new TestClient(app)
    for (const url of ['/openapi.json', '/docs', '/redoc']) assert.equal((await client.get(url)).status, 404)
    assert.deepEqual(Object.keys(new App().openapi().paths), [])
  })

  test('info, servers, tags and externalDocs come from the app options; rootPath is the first server', () => {
    const app = new App({
      title: 'Shop',
      version: '2.0.0',
      summary: 'Sells things',
      description: 'All of them',
      termsOfService: 'https://example.com/terms',
      contact: { name: 'Ops', email: 'ops@example.com' },
      license: { name: 'MIT', identifier: 'MIT' },
      servers: [{ url: 'https://api.example.com' }],
      openapiTags: [{ name: 'items', description: 'Things we sell' }],
      externalDocs: { url: 'https://example.com/docs' },
      rootPath: '/api',
    })
    const doc = app.openapi()
    assert.deepEqual(doc.info, {
      title: 'Shop',
      version: '2.0.0',
      summary: 'Sells things',
      description: 'All of them',
      termsOfService: 'https://example.com/terms',
      contact: { name: 'Ops', email: 'ops@example.com' },
      license: { name: 'MIT', identifier: 'MIT' },
    })
    assert.deepEqual(doc.servers, [{ url: '/api' }, { url: 'https://api.example.com' }])
    assert.deepEqual(doc.tags, [{ name: 'items', description: 'Things we sell' }])
    assert.deepEqual(doc.externalDocs, { url: 'https://example.com/docs' })
    assert.equal(new App({ rootPath: '/api', rootPathInServers: false }).openapi().servers, undefined)
  })

  test("openapiVersion '3.0.3' converts the whole document", () => {
    const app = new App({ openapiVersion: '3.0.3' })
    app.get('/items', { query: { q: z.string().nullable().optional() } }, function read_items() {})
    const doc = app.openapi()
    assert.equal(doc.openapi, '3.0.3')
    const q = doc.paths['/items']!.get!.parameters[0]
    assert.deepEqual(q.schema, { type: 'string', nullable: true, title: 'Q' })
  })
})

describe('operations', () => {
  test('an anonymous handler gets a readable name from its method and path', () => {
    const app = new App()
    app.get('/items/{item_id}', { path: { item_id: z.int() } }, () => ({}))
    const op = app.openapi().paths['/items/{item_id}']!.get!
    assert.equal(op.operationId, 'get_items_item_id')
    assert.equal(op.summary, 'Get Items Item Id')
  })

  test('a route answering several methods gets one operationId per method', () => {
    const app = new App()
    app.route(['GET', 'POST'], '/ping', function ping() {})
    const item = app.openapi().paths['/ping']!
    assert.equal(item.get!.operationId, 'ping_ping_get')
    assert.equal(item.post!.operationId, 'ping_ping_post')
  })

  test('a duplicate operationId is a warning, as in FastAPI', () => {
    const warnings: string[] = []
    const app = new App({ logger: { ...quiet.logger, warn: (_, message) => warnings.push(message) } })
    app.get('/a', { operationId: 'same' }, function a() {})
    app.get('/b', { operationId: 'same' }, function b() {})
    app.openapi()
    assert.equal(warnings.length, 1)
    assert.match(warnings[0]!, /Duplicate operationId "same"/)
  })

  test('explicit summary, description (cut at a form feed), tags, deprecated and response description', () => {
    const app = new App()
    app.get(
      '/a',
      {
        summary: 'Custom',
        description: 'Shown\fhidden',
        tags: ['t'],
        deprecated: true,
        responseDescription: 'The thing',
        status: 202,
      },
      function a() {},
    )
    const op = app.openapi().paths['/a']!.get!
    assert.deepEqual(op, {
      tags: ['t'],
      summary: 'Custom',
      description: 'Shown',
      operationId: 'a_a_get',
      deprecated: true,
      responses: { '202': { description: 'The thing', content: { 'application/json': { schema: {} } } } },
    })
  })

  test('a 204 response has no content; hidden routes are left out', () => {
    const app = new App()
    app.delete('/a', { status: 204 }, function remove() {})
    app.get('/secret', { includeInSchema: false }, function secret() {})
    const doc = app.openapi()
    assert.deepEqual(doc.paths['/a']!.delete!.responses, { '204': { description: 'Successful Response' } })
    assert.equal(doc.paths['/secret'], undefined)
  })

  test('openapi extras are deep-merged: objects merged, lists concatenated', () => {
    const app = new App()
    app.get(
      '/a',
      {
        tags: ['one'],
        openapi: { tags: ['two'], 'x-aperture': 'on', responses: { '200': { description: 'Ok' } } },
      },
      function a() {},
    )
    const op = app.openapi().paths['/a']!.get!
    assert.deepEqual(op.tags, ['one', 'two'])
    assert.equal(op['x-aperture'], 'on')
    assert.deepEqual(op.responses['200'], {
      description: 'Ok',
      content: { 'application/json': { schema: {} } },
    })
  })

  test('a declared 4XX or default response replaces the automatic 422', () => {
    const app = new App()
    app.get('/a', { query: { q: z.string() }, responses: { '4XX': { description: 'Bad' } } }, function a() {})
    app.get('/b', { query: { q: z.string() }, responses: { default: {} } }, function b() {})
    const doc = app.openapi()
    assert.deepEqual(Object.keys(doc.paths['/a']!.get!.responses), ['200', '4XX'])
    assert.deepEqual(doc.paths['/b']!.get!.responses.default, { description: 'Default Response' })
    assert.equal(doc.components, undefined)
  })

  test("dependencies' parameters follow the route's own, depth-first, each name once", () => {
    const inner = depends({ query: { page: z.int().optional(), q: z.string() } }, () => 1)
    const outer = depends(
      { inner, headers: { x_token: z.string() }, query: { q: z.string().optional() } },
      () => 2,
    )
    const app = new App()
    app.get('/a', { query: { own: z.string() }, deps: { outer } }, function a() {})
    const params = app.openapi().paths['/a']!.get!.parameters.map((p: any) => [p.in, p.name, p.required])
    assert.deepEqual(params, [
      ['query', 'own', true],
      ['query', 'q', true],
      ['query', 'page', false],
      ['header', 'x-token', true],
    ])
  })

  test('a stream route documents its items (more in response-media.test.ts)', () => {
    const Line = z.object({ n: z.int() }).meta({ id: 'Line' })
    const app = new App({ openapiVersion: '3.2.0' })
    app.get('/lines', { stream: 'jsonl', response: Line }, async function* lines() {})
    const content = app.openapi().paths['/lines']!.get!.responses['200'].content
    assert.deepEqual(content, { 'application/jsonl': { itemSchema: { $ref: '#/components/schemas/Line' } } })
  })
})

describe('schemas', () => {
  test('a schema whose input and output differ becomes Item-Input and Item-Output, and so do its users', () => {
    const Price = z.object({ cents: z.string().transform(Number) }).meta({ id: 'Price' })
    const Item = z.object({ name: z.string(), price: Price }).meta({ id: 'Item' })
    const Tag = z.object({ label: z.string() }).meta({ id: 'Tag' })
    const app = new App()
    app.post('/items', { body: Item, response: Item }, function create_item() {
      return { name: 'n', price: { cents: '1' } }
    })
    app.post('/tags', { body: Tag, response: Tag }, function create_tag({ body }) {
      return body
    })
    const doc = app.openapi()
    assert.deepEqual(Object.keys(doc.components!.schemas!), [
      'HTTPValidationError',
      'Item-Input',
      'Item-Output',
      'Price-Input',
      'Price-Output',
      'Tag',
      'ValidationError',
    ])
    assert.deepEqual(doc.components!.schemas!['Item-Input']!.properties.price, {
      $ref: '#/components/schemas/Price-Input',
    })
    assert.deepEqual(doc.components!.schemas!['Item-Output']!.properties.price, {
      $ref: '#/components/schemas/Price-Output',
    })
  })

  test('defaults alone do not split a schema (FastAPI with current Pydantic)', () => {
    const Item = z.object({ name: z.string(), tags: z.array(z.string()).default([]) }).meta({ id: 'Item' })
    const app = new App()
    app.post('/items', { body: Item, response: Item }, function create_item({ body }) {
      return body
    })
    const schemas = app.openapi().components!.schemas!
    assert.deepEqual(schemas.Item, {
      type: 'object',
      properties: {
        name: { type: 'string', title: 'Name' },
        tags: { default: [], type: 'array', items: { type: 'string' }, title: 'Tags' },
      },
      required: ['name'],
      title: 'Item',
    })
  })

  test('separateInputOutputSchemas: false describes every schema by its input form', () => {
    const Item = z.object({ n: z.string().transform(Number) }).meta({ id: 'Item' })
    const app = new App({ separateInputOutputSchemas: false })
    app.post('/items', { body: Item, response: Item }, function create_item() {
      return { n: '1' }
    })
    const schemas = app.openapi().components!.schemas!
    assert.deepEqual(schemas.Item!.properties.n, { type: 'string', title: 'N' })
    assert.equal(schemas['Item-Input'], undefined)
  })

  test('two different schemas with one name are a ConfigError', () => {
    const app = new App()
    app.post('/a', { body: z.object({ a: z.string() }).meta({ id: 'Item' }) }, function a() {})
    app.post('/b', { body: z.object({ b: z.string() }).meta({ id: 'Item' }) }, function b() {})
    assert.throws(() => app.openapi(), ConfigError)
  })

  test('recursive schemas refer to themselves', () => {
    const Node: z.ZodType<unknown> = z
      .object({
        name: z.string(),
        get children() {
          return z.array(Node)
        },
      })
      .meta({ id: 'Node' })
    const app = new App()
    app.post('/nodes', { body: Node }, function create_node() {})
    const node = app.openapi().components!.schemas!.Node!
    assert.deepEqual(node.properties.children.items, { $ref: '#/components/schemas/Node' })
  })

  test('dates, bigints, sets and nullable fields read as FastAPI documents them', () => {
    const app = new App()
    app.post(
      '/a',
      {
        body: z.object({
          at: z.date(),
          big: z.bigint(),
          tags: z.set(z.string()),
          note: z.string().nullable(),
          count: z.int(),
        }),
      },
      function a() {},
    )
    const props = app.openapi().paths['/a']!.post!.requestBody.content['application/json'].schema.properties
    assert.deepEqual(props.at, { type: 'string', format: 'date-time', title: 'At' })
    assert.deepEqual(props.big, { type: 'integer', format: 'int64', title: 'Big' })
    assert.equal(props.tags.uniqueItems, true)
    assert.deepEqual(props.note, { title: 'Note', anyOf: [{ type: 'string' }, { type: 'null' }] })
    assert.deepEqual(props.count, { type: 'integer', title: 'Count' })
  })

  test('another Standard Schema library is documented through its JSON Schema hook, titled models named', () => {
    const fake = {
      '~standard': {
        version: 1 as const,
        vendor: 'fake',
        validate: (value: unknown) => ({ value }),
        jsonSchema: {
          input: () => ({
            type: 'object',
            title: 'Pet',
            properties: { name: { type: 'string' } },
            required: ['name'],
          }),
          output: () => ({
            type: 'object',
            title: 'Pet',
            properties: { name: { type: 'string' } },
            required: ['name'],
          }),
        },
      },
    }
    const opaque = {
      '~standard': { version: 1 as const, vendor: 'opaque', validate: (value: unknown) => ({ value }) },
    }
    const app = new App()
    app.post('/pets', { body: fake, response: fake, query: { q: opaque } }, function create_pet() {})
    const doc = app.openapi()
    const op = doc.paths['/pets']!.post!
    assert.deepEqual(op.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/Pet' })
    assert.deepEqual(doc.components!.schemas!.Pet, {
      type: 'object',
      title: 'Pet',
      properties: { name: { type: 'string', title: 'Name' } },
      required: ['name'],
    })
    assert.deepEqual(op.parameters[0].schema, { title: 'Q' })
  })
})

describe('webhooks and callbacks', () => {
  test('app.webhooks are documented under webhooks, never served', async () => {
    const app = new App()
    const Subscription = z.object({ username: z.string() }).meta({ id: 'Subscription' })
    app.webhooks.post('new-subscription', { body: Subscription }, function new_subscription() {})
    const doc = app.openapi()
    assert.equal(
      doc.webhooks!['new-subscription']!.post!.operationId,
      'new_subscriptionnew_subscription_post',
    )
    assert.deepEqual(doc.paths, {})
    assert.equal((await new TestClient(app).post('/new-subscription')).status, 404)
  })

  test('a CallbackRouter documents the requests an operation makes', () => {
    const callbacks = new CallbackRouter()
    callbacks.post(
      '{$callback_url}/invoices/{$request.body.id}',
      { body: z.object({ paid: z.boolean() }) },
      function invoice_notification() {},
    )
    const app = new App()
    app.post(
      '/invoices/',
      { query: { callback_url: z.url().optional() }, callbacks },
      function create_invoice() {},
    )
    const op = app.openapi().paths['/invoices/']!.post!
    const callback = op.callbacks.invoice_notification['{$callback_url}/invoices/{$request.body.id}'].post
    assert.equal(callback.operationId, 'invoice_notification__callback_url__invoices___request_body_id__post')
  })
})

describe('generateOperationId', () => {
  test('names operations without an operationId; the nearest router wins', () => {
    const app = new App({ generateOperationId: (route) => `${route.tags[0] ?? 'root'}-${route.name}` })
    const users = new Router({ tags: ['users'], generateOperationId: (route) => `u_${route.method}` })
    users.get('/users', function list_users() {})
    app.include(users)
    app.get('/items', { tags: ['items'] }, function get_items() {})
    app.get('/fixed', { operationId: 'fixed' }, function fixed() {})
    const doc = app.openapi()
    assert.equal(doc.paths['/items']!.get!.operationId, 'items-get_items')
    assert.equal(doc.paths['/users']!.get!.operationId, 'u_GET')
    assert.equal(doc.paths['/fixed']!.get!.operationId, 'fixed')
  })
})

describe('review fixes', () => {
  test('a component id with "/" or "~" is referenced by the name it is listed under', () => {
    const app = new App()
    app.post('/a', { body: z.object({ x: z.string() }).meta({ id: 'v1/Item' }) }, function a() {})
    app.post('/b', { body: z.object({ y: z.string() }).meta({ id: 'a~b' }) }, function b() {})
    const doc = app.openapi()
    assert.deepEqual(doc.paths['/a']!.post!.requestBody.content['application/json'].schema, {
      $ref: '#/components/schemas/v1_Item',
    })
    assert.deepEqual(doc.paths['/b']!.post!.requestBody.content['application/json'].schema, {
      $ref: '#/components/schemas/a_b',
    })
    assert.ok(doc.components!.schemas!.v1_Item && doc.components!.schemas!.a_b)
  })

  test('a callback router that gains a route updates the document; an empty one adds no callbacks', () => {
    const callbacks = new CallbackRouter()
    const app = new App()
    app.post('/inv', { callbacks }, function create_invoice() {})
    assert.equal(app.openapi().paths['/inv']!.post!.callbacks, undefined)
    callbacks.post('{$callback_url}/x', function notify() {})
    assert.ok(app.openapi().paths['/inv']!.post!.callbacks.notify)
  })

  test('a configuration error is thrown by openapi() each time without regenerating, and the app does not start', async () => {
    const app = new App({ ...quiet })
    app.post('/a', { body: z.object({ a: z.string() }).meta({ id: 'Item' }) }, function a() {})
    app.post('/b', { body: z.object({ b: z.string() }).meta({ id: 'Item' }) }, function b() {})
    let first: unknown
    try {
      app.openapi()
    } catch (error) {
      first = error
    }
    assert.ok(first instanceof ConfigError)
    assert.throws(
      () => app.openapi(),
      (error) => error === first,
    )
    await assert.rejects(
      new TestClient(app, { raiseServerExceptions: false }).get('/openapi.json'),
      (error) => error === first,
    )
  })
})

test('a discriminated union of components gets its discriminator mapping, as Pydantic writes it', () => {
  const Cat = z.object({ pet_type: z.literal('cat'), meows: z.int() }).meta({ id: 'Cat' })
  const Dog = z.object({ pet_type: z.literal('dog'), barks: z.number() }).meta({ id: 'Dog' })
  const app = new App()
  app.post(
    '/pets',
    { body: z.object({ pet: z.discriminatedUnion('pet_type', [Cat, Dog]) }) },
    function add_pet() {},
  )
  const pet =
    app.openapi().paths['/pets']!.post!.requestBody.content['application/json'].schema.properties.pet
  assert.deepEqual(pet.discriminator, {
    propertyName: 'pet_type',
    mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' },
  })
})
