// FastAPI tutorials "Response Model - Return Type", "Extra Models" and "Response Status Code"
// (docs_src/response_model, docs_src/extra_models, docs_src/response_status_code and their tests),
// translated to Brisk. Pydantic models become zod object schemas; `response_model=` is `response`.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, json, redirect, TestClient } from '../../../src/index.js'
import type { ValidationErrorBody } from '../../response-bodies.js'

describe('response_model tutorial001: response schema fills defaults', () => {
  const Item = z.object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().nullable().default(null),
    tags: z.array(z.string()).default([]),
  })
  const app = new App()
  app.post('/items/', { body: Item, response: Item }, async function create_item({ body }) {
    return body
  })
  app.get('/items/', { response: z.array(Item) }, async function read_items() {
    return [
      { name: 'Portal Gun', price: 42.0 },
      { name: 'Plumbus', price: 32.0 },
    ]
  })
  const client = new TestClient(app)

  test('read items', async () => {
    const res = await client.get('/items/')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), [
      { name: 'Portal Gun', description: null, price: 42.0, tags: [], tax: null },
      { name: 'Plumbus', description: null, price: 32.0, tags: [], tax: null },
    ])
  })

  test('create item', async () => {
    const data = {
      name: 'Test Item',
      description: 'A test item',
      price: 10.5,
      tax: 1.5,
      tags: ['test', 'item'],
    }
    const res = await client.post('/items/', { json: data })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), data)
  })

  test('create item with only required fields', async () => {
    const res = await client.post('/items/', { json: { name: 'Test Item', price: 10.5 } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Test Item', price: 10.5, description: null, tax: null, tags: [] })
  })
})

const UserIn = z.object({
  username: z.string(),
  password: z.string(),
  email: z.email(),
  full_name: z.string().nullable().default(null),
})
const UserOut = z.object({
  username: z.string(),
  email: z.email(),
  full_name: z.string().nullable().default(null),
})
const userData = { username: 'foo', password: 'fighter', email: 'foo@example.com', full_name: 'Grave Dohl' }

describe('response_model tutorial002: the input model as output keeps the password', () => {
  const app = new App()
  app.post('/user/', { body: UserIn, response: UserIn }, async ({ body }) => body)
  test('post user', async () => {
    const res = await new TestClient(app).post('/user/', { json: userData })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), userData)
  })
})

describe('response_model tutorial003 / 003_01: an output model drops the password', () => {
  const app = new App()
  app.post('/user/', { body: UserIn, response: UserOut }, async ({ body }) => body)
  // tutorial003_01: BaseUser as the return type, UserIn extends it with the password.
  const BaseUser = UserOut
  const UserInExt = BaseUser.extend({ password: z.string() })
  app.post('/user-base/', { body: UserInExt, response: BaseUser }, async ({ body }) => body)
  const client = new TestClient(app)

  for (const url of ['/user/', '/user-base/']) {
    test(`post ${url}`, async () => {
      const res = await client.post(url, { json: userData })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { username: 'foo', email: 'foo@example.com', full_name: 'Grave Dohl' })
    })
  }

  test('an invalid email in the body is a 422 with the body loc', async () => {
    const res = await client.post('/user/', { json: { ...userData, email: 'nope' } })
    assert.equal(res.status, 422)
    const detail = res.json<ValidationErrorBody>().detail
    assert.equal(detail.length, 1)
    assert.deepEqual(detail[0]?.loc, ['body', 'email'])
  })
})

describe('response_model tutorial003_02 / 003_03 / 003_05: returning responses directly', () => {
  const app = new App()
  const target = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'
  app.get('/portal', { query: { teleport: z.boolean().default(false) } }, async ({ query }) => {
    if (query.teleport) return redirect(target)
    return json({ message: "Here's your interdimensional portal." })
  })
  app.get('/teleport', async () => redirect(target))
  // 003_05: a plain object or a response from the same route, no response schema.
  app.get('/portal-mixed', { query: { teleport: z.boolean().default(false) } }, async ({ query }) => {
    if (query.teleport) return redirect(target)
    return { message: "Here's your interdimensional portal." }
  })
  const client = new TestClient(app, { followRedirects: false })

  for (const url of ['/portal', '/portal-mixed']) {
    test(`${url} JSON`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { message: "Here's your interdimensional portal." })
    })
    test(`${url} redirect`, async () => {
      const res = await client.get(url, { query: { teleport: true } })
      assert.equal(res.status, 307)
      assert.equal(res.headers.get('location'), target)
      assert.equal(res.text, '')
    })
  }

  test('/teleport', async () => {
    const res = await client.get('/teleport')
    assert.equal(res.status, 307)
    assert.equal(res.headers.get('location'), target)
  })
})

describe('response_model tutorial004: exclude_unset', () => {
  const Item = z.object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().default(10.5),
    tags: z.array(z.string()).default([]),
  })
  const items: Record<string, Record<string, unknown>> = {
    foo: { name: 'Foo', price: 50.2 },
    bar: { name: 'Bar', description: 'The bartenders', price: 62, tax: 20.2 },
    baz: { name: 'Baz', description: null, price: 50.2, tax: 10.5, tags: [] },
  }
  const app = new App()
  app.get(
    '/items/{item_id}',
    { path: { item_id: z.string() }, response: Item, responseExcludeUnset: true },
    ({ path }) => items[path.item_id] as z.input<typeof Item>,
  )
  app.get(
    '/no-nulls/{item_id}',
    { path: { item_id: z.string() }, response: Item, responseExcludeNone: true },
    ({ path }) => items[path.item_id] as z.input<typeof Item>,
  )
  const client = new TestClient(app)

  test('only the fields the value set are sent', async () => {
    assert.deepEqual((await client.get('/items/foo')).json(), { name: 'Foo', price: 50.2 })
    assert.deepEqual((await client.get('/items/bar')).json(), {
      name: 'Bar',
      description: 'The bartenders',
      price: 62,
      tax: 20.2,
    })
    // Explicitly set values are kept even when they equal the default (FastAPI's baz).
    assert.deepEqual((await client.get('/items/baz')).json(), {
      name: 'Baz',
      description: null,
      price: 50.2,
      tax: 10.5,
      tags: [],
    })
  })

  test('responseExcludeNone drops null fields, defaults included', async () => {
    assert.deepEqual((await client.get('/no-nulls/baz')).json(), {
      name: 'Baz',
      price: 50.2,
      tax: 10.5,
      tags: [],
    })
    assert.deepEqual((await client.get('/no-nulls/foo')).json(), {
      name: 'Foo',
      price: 50.2,
      tax: 10.5,
      tags: [],
    })
  })
})

describe('response_model tutorial005/006: include and exclude through derived schemas', () => {
  const Item = z.object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().default(10.5),
  })
  const stored: Record<string, z.input<typeof Item>> = {
    foo: { name: 'Foo', price: 50.2 },
    bar: { name: 'Bar', description: 'The Bar fighters', price: 62, tax: 20.2 },
    baz: { name: 'Baz', description: 'There goes my baz', price: 50.2, tax: 10.5 },
  }
  const app = new App()
  // response_model_include={"name", "description"} is Item.pick(...); exclude={"tax"} is Item.omit(...).
  app.get(
    '/items/{item_id}/name',
    { path: { item_id: z.string() }, response: Item.pick({ name: true, description: true }) },
    async ({ path }) => stored[path.item_id]!,
  )
  app.get(
    '/items/{item_id}/public',
    { path: { item_id: z.string() }, response: Item.omit({ tax: true }) },
    async ({ path }) => stored[path.item_id]!,
  )
  const client = new TestClient(app)

  test('include', async () => {
    const res = await client.get('/items/bar/name')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Bar', description: 'The Bar fighters' })
  })

  test('exclude', async () => {
    const res = await client.get('/items/bar/public')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Bar', description: 'The Bar fighters', price: 62 })
  })
})

describe('extra_models tutorial001/002: UserIn → UserInDB → UserOut', () => {
  const UserInDB = z.object({
    username: z.string(),
    hashed_password: z.string(),
    email: z.email(),
    full_name: z.string().nullable().default(null),
  })
  const fakeSaveUser = (user: z.infer<typeof UserIn>) => {
    const { password, ...rest } = user
    return UserInDB.parse({ ...rest, hashed_password: `supersecret${password}` })
  }
  const app = new App()
  app.post('/user/', { body: UserIn, response: UserOut }, async function create_user({ body }) {
    return fakeSaveUser(body)
  })

  test('post', async () => {
    const res = await new TestClient(app).post('/user/', {
      json: { username: 'johndoe', password: 'secret', email: 'johndoe@example.com', full_name: 'John Doe' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { username: 'johndoe', email: 'johndoe@example.com', full_name: 'John Doe' })
  })
})

describe('extra_models tutorial003: a union response', () => {
  const BaseItem = z.object({ description: z.string(), type: z.string() })
  const CarItem = BaseItem.extend({ type: z.string().default('car') })
  const PlaneItem = BaseItem.extend({ type: z.string().default('plane'), size: z.int() })
  const stored: Record<string, z.input<typeof PlaneItem> | z.input<typeof CarItem>> = {
    item1: { description: 'All my friends drive a low rider', type: 'car' },
    item2: { description: "Music is my aeroplane, it's my aeroplane", type: 'plane', size: 5 },
  }
  const app = new App()
  app.get(
    '/items/{item_id}',
    { path: { item_id: z.string() }, response: z.union([PlaneItem, CarItem]) },
    async ({ path }) => stored[path.item_id]!,
  )
  const client = new TestClient(app)

  test('car', async () => {
    const res = await client.get('/items/item1')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { description: 'All my friends drive a low rider', type: 'car' })
  })

  test('plane', async () => {
    const res = await client.get('/items/item2')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      description: "Music is my aeroplane, it's my aeroplane",
      type: 'plane',
      size: 5,
    })
  })
})

describe('extra_models tutorial004/005: list and dict responses', () => {
  const Item = z.object({ name: z.string(), description: z.string() })
  const app = new App()
  app.get('/items/', { response: z.array(Item) }, async () => [
    { name: 'Foo', description: 'There comes my hero' },
    { name: 'Red', description: "It's my aeroplane", secret: 'dropped' },
  ])
  app.get('/keyword-weights/', { response: z.record(z.string(), z.number()) }, async () => ({
    foo: 2.3,
    bar: 3.4,
  }))
  const client = new TestClient(app)

  test('list of models', async () => {
    const res = await client.get('/items/')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), [
      { name: 'Foo', description: 'There comes my hero' },
      { name: 'Red', description: "It's my aeroplane" },
    ])
  })

  test('dict of floats', async () => {
    const res = await client.get('/keyword-weights/')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { foo: 2.3, bar: 3.4 })
  })
})

describe('response_status_code tutorial001/002', () => {
  const app = new App()
  app.post('/items/', { query: { name: z.string() }, status: 201 }, async function create_item({ query }) {
    return { name: query.name }
  })
  const client = new TestClient(app)

  test('201', async () => {
    const res = await client.post('/items/', { query: { name: 'Test Item' } })
    assert.equal(res.status, 201)
    assert.deepEqual(res.json(), { name: 'Test Item' })
  })

  test('a validation error is still 422', async () => {
    const res = await client.post('/items/')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [{ type: 'missing', loc: ['query', 'name'], msg: 'Field required', input: null }],
    })
  })
})
