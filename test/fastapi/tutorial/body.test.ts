// FastAPI tutorial "Request Body" (docs_src/body), ported to Brisk.
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

const missing = (loc: (string | number)[], input: unknown) => ({
  type: 'missing',
  loc,
  msg: 'Field required',
  input,
})

const notAnObject = (input: unknown) => ({
  type: 'model_attributes_type',
  loc: ['body'],
  msg: 'Input should be a valid dictionary or object to extract fields from',
  input,
})

describe('tutorial001: a model body', () => {
  const app = new App()
  app.post('/items/', { body: Item }, async function create_item({ body }) {
    return body
  })
  const client = new TestClient(app)

  test('a float price', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: 50.5 } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: null, tax: null })
  })

  test('a numeric string is coerced (lax mode)', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: '50.5' } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: null, tax: null })
  })

  test('with a description', async () => {
    const res = await client.post('/items/', {
      json: { name: 'Foo', price: '50.5', description: 'Some Foo' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: 'Some Foo', tax: null })
  })

  test('with a description and a tax', async () => {
    const res = await client.post('/items/', {
      json: { name: 'Foo', price: '50.5', description: 'Some Foo', tax: 0.3 },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: 'Some Foo', tax: 0.3 })
  })

  test('a missing field: input is the enclosing object', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'price'], { name: 'Foo' })] })
  })

  test('a price that is not a number', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: 'twenty' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'float_parsing',
          loc: ['body', 'price'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: 'twenty',
        },
      ],
    })
  })

  test('an empty object', async () => {
    const res = await client.post('/items/', { json: {} })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'name'], {}), missing(['body', 'price'], {})] })
  })

  test('no body at all', async () => {
    const res = await client.post('/items/')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body'], null)] })
  })

  test('a JSON null body counts as missing', async () => {
    const res = await client.post('/items/', { json: null })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body'], null)] })
  })

  test('broken JSON: json_invalid at the offset, ctx.error is V8 message (FastAPI: Python json message)', async () => {
    const res = await client.post('/items/', {
      headers: { 'content-type': 'application/json' },
      content: '{some broken json}',
    })
    assert.equal(res.status, 422)
    // V8's own message for the same text, so the test holds across Node versions.
    let v8Message = ''
    try {
      JSON.parse('{some broken json}')
    } catch (error) {
      v8Message = (error as Error).message
    }
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', 1],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: v8Message },
        },
      ],
    })
  })

  test('a form sent to a JSON model', async () => {
    const res = await client.post('/items/', { form: { name: 'Foo', price: '50.5' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [notAnObject('name=Foo&price=50.5')] })
  })

  test('an explicit application/json content type', async () => {
    const res = await client.post('/items/', {
      content: '{"name": "Foo", "price": 50.5}',
      headers: { 'Content-Type': 'application/json' },
    })
    assert.equal(res.status, 200)
  })

  test('a +json content type (application/geo+json) is JSON', async () => {
    const res = await client.post('/items/', {
      content: '{"name": "Foo", "price": 50.5}',
      headers: { 'Content-Type': 'application/geo+json' },
    })
    assert.equal(res.status, 200)
  })

  test('no content type: not parsed as JSON (strict content type)', async () => {
    const res = await client.post('/items/', { content: '{"name": "Foo", "price": 50.5}' })
    assert.equal(res.status, 422)
  })

  for (const contentType of ['text/plain', 'application/geo+json-seq', 'application/not-really-json']) {
    test(`a ${contentType} body is validated as raw text`, async () => {
      const data = '{"name": "Foo", "price": 50.5}'
      const res = await client.post('/items/', { content: data, headers: { 'Content-Type': contentType } })
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: [notAnObject(data)] })
    })
  }

  // FastAPI's test_other_exceptions patches json.loads to fail; a body Brisk cannot decode as
  // UTF-8 takes the same branch: 400 "There was an error parsing the body".
  test('a body that cannot be read is a 400', async () => {
    const res = await client.post('/items/', {
      content: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(res.status, 400)
    assert.deepEqual(res.json(), { detail: 'There was an error parsing the body' })
  })
})

describe('tutorial002: using the model', () => {
  const app = new App()
  app.post('/items/', { body: Item }, async function create_item({ body }) {
    if (body.tax !== null) return { ...body, price_with_tax: body.price + body.tax }
    return body
  })
  const client = new TestClient(app)

  for (const price of ['50.5', 50.5]) {
    test(`with a tax (price ${JSON.stringify(price)})`, async () => {
      const res = await client.post('/items/', {
        json: { name: 'Foo', price, description: 'Some Foo', tax: 0.3 },
      })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), {
        name: 'Foo',
        price: 50.5,
        description: 'Some Foo',
        tax: 0.3,
        price_with_tax: 50.8,
      })
    })

    test(`without a tax (price ${JSON.stringify(price)})`, async () => {
      const res = await client.post('/items/', { json: { name: 'Foo', price, description: 'Some Foo' } })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: 'Some Foo', tax: null })
    })
  }

  test('an empty object', async () => {
    const res = await client.post('/items/', { json: {} })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [missing(['body', 'name'], {}), missing(['body', 'price'], {})] })
  })
})

describe('tutorial003 and tutorial004: body, path and query parameters together', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: Item },
    async function update_item({ path, body }) {
      return { item_id: path.item_id, ...body }
    },
  )
  const app4 = new App()
  app4.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: Item, query: { q: z.string().nullable().default(null) } },
    async function update_item({ path, body, query }) {
      const result: Record<string, unknown> = { item_id: path.item_id, ...body }
      if (query.q) result.q = query.q
      return result
    },
  )

  for (const [name, current] of [
    ['tutorial003', app],
    ['tutorial004', app4],
  ] as const) {
    const client = new TestClient(current)

    test(`${name}: every field`, async () => {
      const res = await client.put('/items/123', {
        json: { name: 'Foo', price: 50.1, description: 'Some Foo', tax: 0.3 },
      })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), {
        item_id: 123,
        name: 'Foo',
        price: 50.1,
        description: 'Some Foo',
        tax: 0.3,
      })
    })

    test(`${name}: only the required fields`, async () => {
      const res = await client.put('/items/123', { json: { name: 'Foo', price: 50.1 } })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { item_id: 123, name: 'Foo', price: 50.1, description: null, tax: null })
    })

    test(`${name}: an empty object`, async () => {
      const res = await client.put('/items/123', { json: {} })
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), {
        detail: [missing(['body', 'name'], {}), missing(['body', 'price'], {})],
      })
    })
  }

  test('tutorial004: with the query parameter', async () => {
    const client = new TestClient(app4)
    const res = await client.put('/items/123', {
      json: { name: 'Foo', price: 50.1, description: 'Some Foo', tax: 0.3 },
      query: { q: 'somequery' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 123,
      name: 'Foo',
      price: 50.1,
      description: 'Some Foo',
      tax: 0.3,
      q: 'somequery',
    })
  })
})
