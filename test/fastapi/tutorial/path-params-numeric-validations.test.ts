// FastAPI tutorial "Path Parameters and Numeric Validations"
// (docs_src/path_params_numeric_validations), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const intParsing = (input: string) => ({
  loc: ['path', 'item_id'],
  input,
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  type: 'int_parsing',
})

const missingQ = { loc: ['query', 'q'], input: null, msg: 'Field required', type: 'missing' }

/** An app with the chapter's `GET /items/{item_id}` route and the given declarations. */
function itemsApp(itemId: z.ZodType, query: Record<string, z.ZodType>): TestClient {
  const app = new App()
  app.get(
    '/items/{item_id}',
    { path: { item_id: itemId }, query },
    async function read_items({ path, query }) {
      const results: Record<string, unknown> = { item_id: path.item_id }
      if (query.q) results.q = query.q
      if (query.size) results.size = query.size
      return results
    },
  )
  return new TestClient(app)
}

async function expectOk(client: TestClient, url: string, body: unknown) {
  const res = await client.get(url)
  assert.equal(res.status, 200, res.text)
  assert.deepEqual(res.json(), body)
}

async function expect422(client: TestClient, url: string, detail: unknown[]) {
  const res = await client.get(url)
  assert.equal(res.status, 422, res.text)
  assert.deepEqual(res.json(), { detail })
}

describe('tutorial001: a titled path parameter and an aliased query parameter', () => {
  const client = itemsApp(z.int().meta({ title: 'The ID of the item to get' }), {
    q: z.string().nullable().default(null).meta({ alias: 'item-query' }),
  })
  test('GET /items/42', () => expectOk(client, '/items/42', { item_id: 42 }))
  test('GET /items/123?item-query=somequery', () =>
    expectOk(client, '/items/123?item-query=somequery', { item_id: 123, q: 'somequery' }))
  test('an invalid item_id', () => expect422(client, '/items/invalid_id', [intParsing('invalid_id')]))
})

describe('tutorial002 and tutorial003: a required query parameter next to a path parameter', () => {
  const client = itemsApp(z.int().meta({ title: 'The ID of the item to get' }), { q: z.string() })
  test('an empty q is given, and falsy', () => expectOk(client, '/items/42?q=', { item_id: 42 }))
  test('q given', () => expectOk(client, '/items/123?q=somequery', { item_id: 123, q: 'somequery' }))
  test('an invalid item_id', () =>
    expect422(client, '/items/invalid_id?q=somequery', [intParsing('invalid_id')]))
  test('q missing', () => expect422(client, '/items/42', [missingQ]))
})

describe('tutorial004: ge', () => {
  const client = itemsApp(z.int().min(1), { q: z.string() })
  test('GET /items/42?q=', () => expectOk(client, '/items/42?q=', { item_id: 42 }))
  test('the bound itself', () => expectOk(client, '/items/1?q=somequery', { item_id: 1, q: 'somequery' }))
  test('not an integer', () => expect422(client, '/items/invalid_id?q=somequery', [intParsing('invalid_id')]))
  test('below the bound', () =>
    expect422(client, '/items/0?q=somequery', [
      {
        loc: ['path', 'item_id'],
        input: '0',
        msg: 'Input should be greater than or equal to 1',
        type: 'greater_than_equal',
        ctx: { ge: 1 },
      },
    ]))
  test('q missing', () => expect422(client, '/items/42', [missingQ]))
})

describe('tutorial005: gt and le', () => {
  const client = itemsApp(z.int().gt(0).max(1000), { q: z.string() })
  test('GET /items/1?q=', () => expectOk(client, '/items/1?q=', { item_id: 1 }))
  test('the upper bound itself', () =>
    expectOk(client, '/items/1000?q=somequery', { item_id: 1000, q: 'somequery' }))
  test('not an integer', () => expect422(client, '/items/invalid_id?q=somequery', [intParsing('invalid_id')]))
  test('not greater than 0', () =>
    expect422(client, '/items/0?q=somequery', [
      {
        loc: ['path', 'item_id'],
        input: '0',
        msg: 'Input should be greater than 0',
        type: 'greater_than',
        ctx: { gt: 0 },
      },
    ]))
  test('above 1000', () =>
    expect422(client, '/items/1001?q=somequery', [
      {
        loc: ['path', 'item_id'],
        input: '1001',
        msg: 'Input should be less than or equal to 1000',
        type: 'less_than_equal',
        ctx: { le: 1000 },
      },
    ]))
  test('q missing', () => expect422(client, '/items/42', [missingQ]))
})

describe('tutorial006: float bounds on a query parameter', () => {
  const client = itemsApp(z.int().min(0).max(1000), { q: z.string(), size: z.number().gt(0).lt(10.5) })
  test('the lower bounds', () => expectOk(client, '/items/0?q=&size=0.1', { item_id: 0, size: 0.1 }))
  test('the upper bounds', () =>
    expectOk(client, '/items/1000?q=somequery&size=10.4', { item_id: 1000, q: 'somequery', size: 10.4 }))
  test('item_id below 0', () =>
    expect422(client, '/items/-1?q=somequery&size=5', [
      {
        loc: ['path', 'item_id'],
        input: '-1',
        msg: 'Input should be greater than or equal to 0',
        type: 'greater_than_equal',
        ctx: { ge: 0 },
      },
    ]))
  test('item_id above 1000', () =>
    expect422(client, '/items/1001?q=somequery&size=5', [
      {
        loc: ['path', 'item_id'],
        input: '1001',
        msg: 'Input should be less than or equal to 1000',
        type: 'less_than_equal',
        ctx: { le: 1000 },
      },
    ]))
  test('size too small', () =>
    expect422(client, '/items/1?q=somequery&size=0.0', [
      {
        loc: ['query', 'size'],
        input: '0.0',
        msg: 'Input should be greater than 0',
        type: 'greater_than',
        ctx: { gt: 0 },
      },
    ]))
  test('size too large', () =>
    expect422(client, '/items/1?q=somequery&size=10.5', [
      {
        loc: ['query', 'size'],
        input: '10.5',
        msg: 'Input should be less than 10.5',
        type: 'less_than',
        ctx: { lt: 10.5 },
      },
    ]))
})
