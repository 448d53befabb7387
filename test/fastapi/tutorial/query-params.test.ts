// FastAPI tutorial "Query Parameters" (docs_src/query_params), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const intParsing = (loc: (string | number)[], input: string) => ({
  type: 'int_parsing',
  loc,
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  input,
})

const LONG = 'This is an amazing item that has a long description'

describe('tutorial001: query parameters with defaults', () => {
  const fakeItemsDb = [{ item_name: 'Foo' }, { item_name: 'Bar' }, { item_name: 'Baz' }]
  const app = new App()
  app.get(
    '/items/',
    { query: { skip: z.int().default(0), limit: z.int().default(10) } },
    function read_item({ query }) {
      return fakeItemsDb.slice(query.skip, query.skip + query.limit)
    },
  )
  const client = new TestClient(app)

  for (const [url, expected] of [
    ['/items/', [{ item_name: 'Foo' }, { item_name: 'Bar' }, { item_name: 'Baz' }]],
    ['/items/?skip=1', [{ item_name: 'Bar' }, { item_name: 'Baz' }]],
    ['/items/?skip=1&limit=1', [{ item_name: 'Bar' }]],
  ] as const) {
    test(`GET ${url}`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }
})

describe('tutorial002: an optional query parameter', () => {
  const app = new App()
  app.get(
    '/items/{item_id}',
    { path: { item_id: z.string() }, query: { q: z.string().nullable().default(null) } },
    function read_item({ path, query }) {
      if (query.q) return { item_id: path.item_id, q: query.q }
      return { item_id: path.item_id }
    },
  )
  const client = new TestClient(app)

  for (const [url, expected] of [
    ['/items/foo', { item_id: 'foo' }],
    ['/items/bar?q=somequery', { item_id: 'bar', q: 'somequery' }],
  ] as const) {
    test(`GET ${url}`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }
})

describe('tutorial003: a bool query parameter', () => {
  const app = new App()
  app.get(
    '/items/{item_id}',
    {
      path: { item_id: z.string() },
      query: { q: z.string().nullable().default(null), short: z.boolean().default(false) },
    },
    function read_item({ path, query }) {
      const item: Record<string, unknown> = { item_id: path.item_id }
      if (query.q) item.q = query.q
      if (!query.short) item.description = LONG
      return item
    },
  )
  const client = new TestClient(app)

  for (const [url, expected] of [
    ['/items/foo', { item_id: 'foo', description: LONG }],
    ['/items/bar?q=somequery', { item_id: 'bar', q: 'somequery', description: LONG }],
    ['/items/baz?short=true', { item_id: 'baz' }],
  ] as const) {
    test(`GET ${url}`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }

  // Pydantic's lax bool strings (FastAPI's docs list 1, True, true, on, yes).
  for (const value of ['1', 'True', 'true', 'on', 'yes']) {
    test(`short=${value} is true`, async () => {
      const res = await client.get('/items/baz', { query: { short: value } })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { item_id: 'baz' })
    })
  }
})

describe('tutorial004: several path and query parameters', () => {
  const app = new App()
  app.get(
    '/users/{user_id}/items/{item_id}',
    {
      path: { user_id: z.int(), item_id: z.string() },
      query: { q: z.string().nullable().default(null), short: z.boolean().default(false) },
    },
    function read_user_item({ path, query }) {
      const item: Record<string, unknown> = { item_id: path.item_id, owner_id: path.user_id }
      if (query.q) item.q = query.q
      if (!query.short) item.description = LONG
      return item
    },
  )
  const client = new TestClient(app)

  for (const [url, expected] of [
    ['/users/123/items/foo', { item_id: 'foo', owner_id: 123, description: LONG }],
    ['/users/1/items/bar?q=somequery', { item_id: 'bar', owner_id: 1, q: 'somequery', description: LONG }],
    ['/users/42/items/baz?short=true', { item_id: 'baz', owner_id: 42 }],
  ] as const) {
    test(`GET ${url}`, async () => {
      const res = await client.get(url)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }
})

describe('tutorial005: a required query parameter', () => {
  const app = new App()
  app.get(
    '/items/{item_id}',
    { path: { item_id: z.string() }, query: { needy: z.string() } },
    function read_user_item({ path, query }) {
      return { item_id: path.item_id, needy: query.needy }
    },
  )
  const client = new TestClient(app)

  test('given', async () => {
    const res = await client.get('/items/foo?needy=very')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 'foo', needy: 'very' })
  })

  test('missing', async () => {
    const res = await client.get('/items/foo')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [{ type: 'missing', loc: ['query', 'needy'], msg: 'Field required', input: null }],
    })
  })
})

describe('tutorial006: required, default and optional together', () => {
  const app = new App()
  app.get(
    '/items/{item_id}',
    {
      path: { item_id: z.string() },
      query: { needy: z.string(), skip: z.int().default(0), limit: z.int().nullable().default(null) },
    },
    function read_user_item({ path, query }) {
      return { item_id: path.item_id, needy: query.needy, skip: query.skip, limit: query.limit }
    },
  )
  const client = new TestClient(app)

  test('only the required one given', async () => {
    const res = await client.get('/items/foo?needy=very')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 'foo', needy: 'very', skip: 0, limit: null })
  })

  test('every error is collected, in declaration order', async () => {
    const res = await client.get('/items/foo?skip=a&limit=b')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        { type: 'missing', loc: ['query', 'needy'], msg: 'Field required', input: null },
        intParsing(['query', 'skip'], 'a'),
        intParsing(['query', 'limit'], 'b'),
      ],
    })
  })
})
