// Conformance: Brisk's OpenAPI document against FastAPI's for the "Request Body" and "Body -
// Fields" tutorials. Each expected document is the one the FastAPI test named in the test's title
// expects (fastapi/fastapi tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant), copied
// as JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared whole
// as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

// The chapter's model: `class Item(BaseModel)` with two optional fields.
const Item = z
  .object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().nullable().default(null),
  })
  .meta({ id: 'Item' })

describe('body', () => {
  for (const name of ['test_tutorial001.py', 'test_tutorial002.py']) {
    test(`test_body/${name}: a model body`, async () => {
      const app = fastapi()
      app.post('/items/', { body: Item }, async function create_item({ body }) {
        return body
      })
      await assertDocument(app, fastapiDocument(`test_body/${name}`))
    })
  }

  test('test_body/test_tutorial003.py: a body and a path parameter', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: Item },
      async function update_item({ body }) {
        return body
      },
    )
    await assertDocument(app, fastapiDocument('test_body/test_tutorial003.py'))
  })

  test('test_body/test_tutorial004.py: a body, a path and a query parameter', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, query: { q: z.string().nullable().default(null) }, body: Item },
      async function update_item({ body }) {
        return body
      },
    )
    await assertDocument(app, fastapiDocument('test_body/test_tutorial004.py'))
  })
})

describe('body_fields', () => {
  test('test_body_fields/test_tutorial001.py: Field() titles, descriptions and constraints', async () => {
    const FieldsItem = z
      .object({
        name: z.string(),
        description: z
          .string()
          .max(300)
          .nullable()
          .default(null)
          .meta({ title: 'The description of the item' }),
        price: z.number().gt(0).describe('The price must be greater than zero'),
        tax: z.number().nullable().default(null),
      })
      .meta({ id: 'Item' })
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: { item: FieldsItem } },
      async function update_item({ body }) {
        return body
      },
    )
    await assertDocument(app, fastapiDocument('test_body_fields/test_tutorial001.py'))
  })
})
