// FastAPI tutorial "Body - Nested Models" (docs_src/body_nested_models), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const missing = (loc: (string | number)[], input: unknown) => ({
  type: 'missing',
  loc,
  msg: 'Field required',
  input,
})

const urlParsing = (loc: (string | number)[], input: string) => ({
  loc,
  input,
  msg: 'Input should be a valid URL, relative URL without a base',
  type: 'url_parsing',
  ctx: { error: 'relative URL without a base' },
})

const baseItem = {
  name: z.string(),
  description: z.string().nullable().default(null),
  price: z.number(),
  tax: z.number().nullable().default(null),
}

/** The chapter's `PUT /items/{item_id}` route, returning `{ item_id, item }`. */
function updateItemApp(Item: z.ZodType): TestClient {
  const app = new App()
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: Item },
    async function update_item({ path, body }) {
      return { item_id: path.item_id, item: body }
    },
  )
  return new TestClient(app)
}

async function putItem(client: TestClient, url: string, json: unknown) {
  return client.put(url, { json })
}

/** `tags` of a set: its order is not part of the contract, so it is compared sorted. */
function sortedTags<T extends { item: { tags: string[] } }>(body: T): T {
  return { ...body, item: { ...body.item, tags: [...body.item.tags].sort() } }
}

const full = {
  name: 'Foo',
  description: 'A very nice Item',
  price: 35.4,
  tax: 3.2,
  tags: ['foo', 'bar', 'foo'],
}

const emptyBodyErrors = [missing(['body', 'name'], {}), missing(['body', 'price'], {})]
const descriptionOnly = { description: 'A very nice Item' }
const descriptionOnlyErrors = [
  missing(['body', 'name'], descriptionOnly),
  missing(['body', 'price'], descriptionOnly),
]

for (const [name, tags, set] of [
  ['tutorial001: an untyped list', z.array(z.unknown()).default([]), false],
  ['tutorial002: a list of strings', z.array(z.string()).default([]), false],
  ['tutorial003: a set of strings', z.set(z.string()).default(new Set()), true],
] as const) {
  describe(name, () => {
    const client = updateItemApp(z.object({ ...baseItem, tags }))

    test('every field', async () => {
      const res = await putItem(client, '/items/123', full)
      assert.equal(res.status, 200, res.text)
      const expected = { item_id: 123, item: { ...full, tags: set ? ['bar', 'foo'] : ['foo', 'bar', 'foo'] } }
      assert.deepEqual(set ? sortedTags(res.json()) : res.json(), expected)
    })

    test('only the required fields', async () => {
      const res = await putItem(client, '/items/5', { name: 'Foo', price: 35.4 })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), {
        item_id: 5,
        item: { name: 'Foo', description: null, price: 35.4, tax: null, tags: [] },
      })
    })

    test('an empty object', async () => {
      const res = await putItem(client, '/items/5', {})
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: emptyBodyErrors })
    })

    test('required fields missing', async () => {
      const res = await putItem(client, '/items/5', descriptionOnly)
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: descriptionOnlyErrors })
    })
  })
}

for (const [name, url] of [
  ['tutorial004: a nested model', z.string()],
  ['tutorial005: a nested model with a URL', z.url()],
] as const) {
  describe(name, () => {
    const Image = z.object({ url, name: z.string() })
    const client = updateItemApp(
      z.object({
        ...baseItem,
        tags: z.set(z.string()).default(new Set()),
        image: Image.nullable().default(null),
      }),
    )
    const image = { url: 'http://example.com/image.png', name: 'example image' }

    test('every field', async () => {
      const res = await putItem(client, '/items/123', { ...full, image })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(sortedTags(res.json()), {
        item_id: 123,
        item: { ...full, tags: ['bar', 'foo'], image },
      })
    })

    test('only the required fields', async () => {
      const res = await putItem(client, '/items/5', { name: 'Foo', price: 35.4 })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), {
        item_id: 5,
        item: { name: 'Foo', description: null, price: 35.4, tax: null, tags: [], image: null },
      })
    })

    test('an empty object', async () => {
      const res = await putItem(client, '/items/5', {})
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: emptyBodyErrors })
    })

    test('required fields missing', async () => {
      const res = await putItem(client, '/items/5', descriptionOnly)
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: descriptionOnlyErrors })
    })

    test('a field missing in the nested model', async () => {
      const res = await putItem(client, '/items/5', {
        name: 'Foo',
        price: 35.4,
        image: { url: 'http://example.com/image.png' },
      })
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), {
        detail: [missing(['body', 'image', 'name'], { url: 'http://example.com/image.png' })],
      })
    })

    if (name.startsWith('tutorial005')) {
      test('an invalid URL', async () => {
        const res = await putItem(client, '/items/5', {
          name: 'Foo',
          price: 35.4,
          image: { url: 'not a valid url', name: 'example image' },
        })
        assert.equal(res.status, 422)
        assert.deepEqual(res.json(), { detail: [urlParsing(['body', 'image', 'url'], 'not a valid url')] })
      })
    }
  })
}

const Image = z.object({ url: z.url(), name: z.string() })
const Item = z.object({
  ...baseItem,
  tags: z.set(z.string()).default(new Set()),
  images: z.array(Image).nullable().default(null),
})

describe('tutorial006: a list of nested models', () => {
  const client = updateItemApp(Item)
  const images = [{ url: 'http://example.com/image.png', name: 'example image' }]

  test('every field', async () => {
    const res = await putItem(client, '/items/123', { ...full, images })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(sortedTags(res.json()), {
      item_id: 123,
      item: { ...full, tags: ['bar', 'foo'], images },
    })
  })

  test('only the required fields', async () => {
    const res = await putItem(client, '/items/5', { name: 'Foo', price: 35.4 })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', description: null, price: 35.4, tax: null, tags: [], images: null },
    })
  })

  test('an empty object', async () => {
    const res = await putItem(client, '/items/5', {})
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: emptyBodyErrors })
  })

  test('images not a list', async () => {
    const image = { url: 'http://example.com/image.png', name: 'example image' }
    const res = await putItem(client, '/items/5', { name: 'Foo', price: 35.4, images: image })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        { loc: ['body', 'images'], input: image, msg: 'Input should be a valid list', type: 'list_type' },
      ],
    })
  })
})

describe('tutorial007: deeply nested models', () => {
  const Offer = z.object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    items: z.array(Item),
  })
  const app = new App()
  app.post('/offers/', { body: Offer }, async function create_offer({ body }) {
    return body
  })
  const client = new TestClient(app)

  test('every field', async () => {
    const data = {
      name: 'Special Offer',
      description: 'This is a special offer',
      price: 38.6,
      items: [
        {
          name: 'Foo',
          description: 'A very nice Item',
          price: 35.4,
          tax: 3.2,
          tags: ['foo'],
          images: [{ url: 'http://example.com/image.png', name: 'example image' }],
        },
      ],
    }
    const res = await client.post('/offers/', { json: data })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), data)
  })

  test('only the required fields', async () => {
    const images = [{ url: 'http://example.com/image.png', name: 'example image' }]
    const res = await client.post('/offers/', {
      json: { name: 'Special Offer', price: 38.6, items: [{ name: 'Foo', price: 35.4, images }] },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      name: 'Special Offer',
      description: null,
      price: 38.6,
      items: [{ name: 'Foo', description: null, price: 35.4, tax: null, tags: [], images }],
    })
  })

  test('an empty object', async () => {
    const res = await client.post('/offers/', { json: {} })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [missing(['body', 'name'], {}), missing(['body', 'price'], {}), missing(['body', 'items'], {})],
    })
  })

  test('fields missing in a list item', async () => {
    const res = await client.post('/offers/', { json: { name: 'Special Offer', price: 38.6, items: [{}] } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [missing(['body', 'items', 0, 'name'], {}), missing(['body', 'items', 0, 'price'], {})],
    })
  })

  test('fields missing two lists deep', async () => {
    const res = await client.post('/offers/', {
      json: { name: 'Special Offer', price: 38.6, items: [{ name: 'Foo', price: 35.4, images: [{}] }] },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        missing(['body', 'items', 0, 'images', 0, 'url'], {}),
        missing(['body', 'items', 0, 'images', 0, 'name'], {}),
      ],
    })
  })
})

describe('tutorial008: a list body', () => {
  const app = new App()
  app.post('/images/multiple/', { body: z.array(Image) }, async function create_multiple_images({ body }) {
    return body
  })
  const client = new TestClient(app)

  test('a list of models (through the trailing-slash redirect)', async () => {
    const data = [
      { url: 'http://example.com/', name: 'Example' },
      { url: 'http://fastapi.tiangolo.com/', name: 'FastAPI' },
    ]
    const res = await client.post('/images/multiple', { json: data })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), data)
  })

  test('an invalid item', async () => {
    const res = await client.post('/images/multiple', { json: [{ url: 'not a valid url', name: 'Example' }] })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [urlParsing(['body', 0, 'url'], 'not a valid url')] })
  })

  test('not a list', async () => {
    const data = { url: 'http://example.com/', name: 'Example' }
    const res = await client.post('/images/multiple', { json: data })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [{ loc: ['body'], input: data, msg: 'Input should be a valid list', type: 'list_type' }],
    })
  })
})

describe('tutorial009: a dict body with int keys', () => {
  const app = new App()
  app.post(
    '/index-weights/',
    { body: z.record(z.int(), z.number()) },
    async function create_index_weights({ body }) {
      return body
    },
  )
  const client = new TestClient(app)

  test('valid', async () => {
    const data = { '2': 2.2, '3': 3.3 }
    const res = await client.post('/index-weights/', { json: data })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), data)
  })

  test('a key that is not an integer', async () => {
    const res = await client.post('/index-weights/', { json: { foo: 2.2, '3': 3.3 } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'int_parsing',
          loc: ['body', 'foo', '[key]'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'foo',
        },
      ],
    })
  })
})
