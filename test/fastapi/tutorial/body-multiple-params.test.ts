// FastAPI tutorial "Body - Multiple Parameters" (docs_src/body_multiple_params), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const Item = z.object({
  name: z.string(),
  description: z.string().nullable().default(null),
  price: z.number(),
  tax: z.number().nullable().default(null),
})

const User = z.object({ username: z.string(), full_name: z.string().nullable().default(null) })

const missing = (loc: (string | number)[], input: unknown = null) => ({
  type: 'missing',
  loc,
  msg: 'Field required',
  input,
})

const intParsing = (input: string) => ({
  type: 'int_parsing',
  loc: ['path', 'item_id'],
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  input,
})

async function put(client: TestClient, url: string, json?: unknown, query?: Record<string, string>) {
  return client.put(url, json === undefined ? { query } : { json, query })
}

describe('tutorial001: an optional body next to path and query parameters', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    {
      path: { item_id: z.int().min(0).max(1000).meta({ title: 'The ID of the item to get' }) },
      query: { q: z.string().nullable().default(null) },
      body: Item.nullable().default(null),
    },
    async function update_item({ path, query, body }) {
      const results: Record<string, unknown> = { item_id: path.item_id }
      if (query.q) results.q = query.q
      if (body) results.item = body
      return results
    },
  )
  const client = new TestClient(app)

  test('with a body and q', async () => {
    const res = await put(client, '/items/5?q=bar', { name: 'Foo', price: 50.5 })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', price: 50.5, description: null, tax: null },
      q: 'bar',
    })
  })

  test('no body, q', async () => {
    const res = await put(client, '/items/5?q=bar')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 5, q: 'bar' })
  })

  test('no body', async () => {
    const res = await put(client, '/items/5')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 5 })
  })

  test('an invalid path parameter', async () => {
    const res = await put(client, '/items/foo')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [intParsing('foo')] })
  })
})

describe('tutorial002: two body models make an embedded body', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: { item: Item, user: User } },
    async function update_item({ path, body }) {
      return { item_id: path.item_id, item: body.item, user: body.user }
    },
  )
  const client = new TestClient(app)

  test('every field', async () => {
    const res = await put(client, '/items/5', {
      item: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.1 },
      user: { username: 'johndoe', full_name: 'John Doe' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.1 },
      user: { username: 'johndoe', full_name: 'John Doe' },
    })
  })

  test('only the required fields', async () => {
    const res = await put(client, '/items/5', {
      item: { name: 'Foo', price: 50.5 },
      user: { username: 'johndoe' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', price: 50.5, description: null, tax: null },
      user: { username: 'johndoe', full_name: null },
    })
  })

  test('no body', async () => {
    const res = await put(client, '/items/5')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item']), missing(['body', 'user'])] })
  })

  test('a body that is not JSON has no fields: every one is missing', async () => {
    const res = await client.put('/items/5', {
      content: '{"item": {"name": "Foo", "price": 50.5}}',
      headers: { 'content-type': 'text/plain' },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item']), missing(['body', 'user'])] })
  })

  test('a JSON string instead of an object: every field is missing', async () => {
    const res = await put(client, '/items/5', 'item')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item']), missing(['body', 'user'])] })
  })

  test('no item', async () => {
    const res = await put(client, '/items/5', { user: { username: 'johndoe' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item'])] })
  })

  test('no user', async () => {
    const res = await put(client, '/items/5', { item: { name: 'Foo', price: 50.5 } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'user'])] })
  })

  test('a field missing in item', async () => {
    const res = await put(client, '/items/5', { item: { name: 'Foo' }, user: { username: 'johndoe' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item', 'price'], { name: 'Foo' })] })
  })

  test('a field missing in user', async () => {
    const res = await put(client, '/items/5', {
      item: { name: 'Foo', price: 50.5 },
      user: { full_name: 'John Doe' },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [missing(['body', 'user', 'username'], { full_name: 'John Doe' })],
    })
  })

  test('an invalid path parameter', async () => {
    const res = await put(client, '/items/foo', {
      item: { name: 'Foo', price: 50.5 },
      user: { username: 'johndoe' },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [intParsing('foo')] })
  })
})

describe('tutorial003: a singular value in the body', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: { item: Item, user: User, importance: z.int() } },
    async function update_item({ path, body }) {
      return { item_id: path.item_id, item: body.item, user: body.user, importance: body.importance }
    },
  )
  const client = new TestClient(app)
  const allMissing = [missing(['body', 'item']), missing(['body', 'user']), missing(['body', 'importance'])]

  test('valid', async () => {
    const res = await put(client, '/items/5', {
      importance: 2,
      item: { name: 'Foo', price: 50.5 },
      user: { username: 'Dave' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      importance: 2,
      item: { name: 'Foo', price: 50.5, description: null, tax: null },
      user: { username: 'Dave', full_name: null },
    })
  })

  test('no body', async () => {
    const res = await put(client, '/items/5')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: allMissing })
  })

  test('a list instead of an object: every field is missing', async () => {
    const res = await put(client, '/items/5', [])
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: allMissing })
  })
})

describe('tutorial004: a constrained body value and a query parameter', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    {
      path: { item_id: z.int() },
      query: { q: z.string().nullable().default(null) },
      body: { item: Item, user: User, importance: z.int().gt(0) },
    },
    async function update_item({ path, query, body }) {
      const results: Record<string, unknown> = {
        item_id: path.item_id,
        item: body.item,
        user: body.user,
        importance: body.importance,
      }
      if (query.q) results.q = query.q
      return results
    },
  )
  const client = new TestClient(app)
  const valid = { importance: 2, item: { name: 'Foo', price: 50.5 }, user: { username: 'Dave' } }
  const expected = {
    item_id: 5,
    importance: 2,
    item: { name: 'Foo', price: 50.5, description: null, tax: null },
    user: { username: 'Dave', full_name: null },
  }
  const allMissing = [missing(['body', 'item']), missing(['body', 'user']), missing(['body', 'importance'])]

  test('everything', async () => {
    const res = await put(client, '/items/5', valid, { q: 'somequery' })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { ...expected, q: 'somequery' })
  })

  test('only the required parts', async () => {
    const res = await put(client, '/items/5', valid)
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), expected)
  })

  test('no body', async () => {
    const res = await put(client, '/items/5')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: allMissing })
  })

  test('an empty object', async () => {
    const res = await put(client, '/items/5', {})
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: allMissing })
  })

  test('an invalid importance', async () => {
    const res = await put(client, '/items/5', { ...valid, importance: 0 })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          loc: ['body', 'importance'],
          msg: 'Input should be greater than 0',
          type: 'greater_than',
          input: 0,
          ctx: { gt: 0 },
        },
      ],
    })
  })
})

describe('tutorial005: Body(embed=True) for a single model', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: { item: Item } },
    async function update_item({ path, body }) {
      return { item_id: path.item_id, item: body.item }
    },
  )
  const client = new TestClient(app)

  test('every field', async () => {
    const res = await put(client, '/items/5', {
      item: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.1 },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.1 },
    })
  })

  test('only the required fields', async () => {
    const res = await put(client, '/items/5', { item: { name: 'Foo', price: 50.5 } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', price: 50.5, description: null, tax: null },
    })
  })

  test('no body', async () => {
    const res = await put(client, '/items/5')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item'])] })
  })

  test('the model sent unwrapped', async () => {
    const res = await put(client, '/items/5', { name: 'Foo', price: 50.5 })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item'])] })
  })

  test('a field missing in item (unknown keys ignored)', async () => {
    const res = await put(client, '/items/5', { item: { name: 'Foo' }, user: { username: 'johndoe' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'item', 'price'], { name: 'Foo' })] })
  })
})
