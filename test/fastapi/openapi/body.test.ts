// Conformance: Brisk's OpenAPI document against FastAPI's for the "Request Body" and "Body - Fields"
// tutorials. Each expectation is copied from the FastAPI test named in the test's title
// (fastapi/fastapi tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant) and compared as
// parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

// The chapter's model: `class Item(BaseModel)` with two optional fields.
const Item = z
  .object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().nullable().default(null),
  })
  .meta({ id: 'Item' })

// Its component, the same in every document of the chapter.
const itemSchema = {
  title: 'Item',
  required: ['name', 'price'],
  type: 'object',
  properties: {
    name: { title: 'Name', type: 'string' },
    price: { title: 'Price', type: 'number' },
    description: { title: 'Description', anyOf: [{ type: 'string' }, { type: 'null' }] },
    tax: { title: 'Tax', anyOf: [{ type: 'number' }, { type: 'null' }] },
  },
}

describe('body', () => {
  for (const name of ['test_tutorial001.py', 'test_tutorial002.py']) {
    test(`test_body/${name}: a model body`, async () => {
      const app = fastapi()
      app.post('/items/', { body: Item }, async function create_item({ body }) {
        return body
      })
      await assertDocument(app, {
        openapi: '3.1.0',
        info: { title: 'FastAPI', version: '0.1.0' },
        paths: {
          '/items/': {
            post: {
              responses: { '200': ok(), '422': invalid },
              summary: 'Create Item',
              operationId: 'create_item_items__post',
              requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
            },
          },
        },
        components: { schemas: { ...validationSchemas, Item: itemSchema } },
      })
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
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          put: {
            parameters: [
              { in: 'path', name: 'item_id', required: true, schema: { title: 'Item Id', type: 'integer' } },
            ],
            responses: { '200': ok(), '422': invalid },
            summary: 'Update Item',
            operationId: 'update_item_items__item_id__put',
            requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
          },
        },
      },
      components: { schemas: { ...validationSchemas, Item: itemSchema } },
    })
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
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          put: {
            parameters: [
              { in: 'path', name: 'item_id', required: true, schema: { title: 'Item Id', type: 'integer' } },
              {
                required: false,
                schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Q' },
                name: 'q',
                in: 'query',
              },
            ],
            responses: { '200': ok(), '422': invalid },
            summary: 'Update Item',
            operationId: 'update_item_items__item_id__put',
            requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
          },
        },
      },
      components: { schemas: { ...validationSchemas, Item: itemSchema } },
    })
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
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          put: {
            responses: { '200': ok(), '422': invalid },
            summary: 'Update Item',
            operationId: 'update_item_items__item_id__put',
            parameters: [
              { required: true, schema: { title: 'Item Id', type: 'integer' }, name: 'item_id', in: 'path' },
            ],
            requestBody: {
              content: { 'application/json': { schema: ref('Body_update_item_items__item_id__put') } },
              required: true,
            },
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Item: {
            title: 'Item',
            required: ['name', 'price'],
            type: 'object',
            properties: {
              name: { title: 'Name', type: 'string' },
              description: {
                title: 'The description of the item',
                anyOf: [{ maxLength: 300, type: 'string' }, { type: 'null' }],
              },
              price: {
                title: 'Price',
                exclusiveMinimum: 0.0,
                type: 'number',
                description: 'The price must be greater than zero',
              },
              tax: { title: 'Tax', anyOf: [{ type: 'number' }, { type: 'null' }] },
            },
          },
          Body_update_item_items__item_id__put: {
            title: 'Body_update_item_items__item_id__put',
            required: ['item'],
            type: 'object',
            properties: { item: ref('Item') },
          },
        },
      },
    })
  })
})
