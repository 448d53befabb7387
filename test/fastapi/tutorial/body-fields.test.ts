// FastAPI tutorial "Body - Fields" (docs_src/body_fields), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const Item = z.object({
  name: z.string(),
  description: z.string().max(300).nullable().default(null).meta({ title: 'The description of the item' }),
  price: z.number().gt(0).meta({ description: 'The price must be greater than zero' }),
  tax: z.number().nullable().default(null),
})

describe('tutorial001: constraints and metadata on model fields', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: { item: Item } },
    async function update_item({ path, body }) {
      return { item_id: path.item_id, item: body.item }
    },
  )
  const client = new TestClient(app)

  test('the required fields', async () => {
    const res = await client.put('/items/5', { json: { item: { name: 'Foo', price: 3.0 } } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', price: 3.0, description: null, tax: null },
    })
  })

  test('every field, a numeric string coerced', async () => {
    const res = await client.put('/items/6', {
      json: { item: { name: 'Bar', price: 0.2, description: 'Some bar', tax: '5.4' } },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 6,
      item: { name: 'Bar', price: 0.2, description: 'Some bar', tax: 5.4 },
    })
  })

  test('a price that is not greater than 0', async () => {
    const res = await client.put('/items/5', { json: { item: { name: 'Foo', price: -3.0 } } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'greater_than',
          loc: ['body', 'item', 'price'],
          msg: 'Input should be greater than 0',
          input: -3.0,
          ctx: { gt: 0.0 },
        },
      ],
    })
  })

  test('a description over max_length', async () => {
    const description = 'x'.repeat(301)
    const res = await client.put('/items/5', { json: { item: { name: 'Foo', price: 1, description } } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'string_too_long',
          loc: ['body', 'item', 'description'],
          msg: 'String should have at most 300 characters',
          input: description,
          ctx: { max_length: 300 },
        },
      ],
    })
  })
})
