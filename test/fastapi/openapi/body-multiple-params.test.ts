// Conformance: Brisk's OpenAPI document against FastAPI's for the "Body - Multiple Parameters"
// tutorial. Each expectation is copied from the FastAPI test named in the test's title
// (fastapi/fastapi tests/test_tutorial/test_body_multiple_params/…, the Python 3.10+ / Pydantic v2
// variant) and compared as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

const Item = z
  .object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().nullable().default(null),
  })
  .meta({ id: 'Item' })
const User = z
  .object({ username: z.string(), full_name: z.string().nullable().default(null) })
  .meta({ id: 'User' })

// Their components, the same in every document of the chapter.
const itemSchema = {
  title: 'Item',
  required: ['name', 'price'],
  type: 'object',
  properties: {
    name: { title: 'Name', type: 'string' },
    description: { title: 'Description', anyOf: [{ type: 'string' }, { type: 'null' }] },
    price: { title: 'Price', type: 'number' },
    tax: { title: 'Tax', anyOf: [{ type: 'number' }, { type: 'null' }] },
  },
}
const userSchema = {
  title: 'User',
  required: ['username'],
  type: 'object',
  properties: {
    username: { title: 'Username', type: 'string' },
    full_name: { title: 'Full Name', anyOf: [{ type: 'string' }, { type: 'null' }] },
  },
}

const bodyRef = ref('Body_update_item_items__item_id__put')

describe('body_multiple_params', () => {
  // FastAPI titles a body schema that is not a bare `$ref` by the parameter's name (`item` →
  // "Item"); Brisk titles an optional model body by its model, which is the same here.
  test('test_tutorial001.py: Path() constraints and an optional body', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      {
        path: { item_id: z.int().min(0).max(1000).meta({ title: 'The ID of the item to get' }) },
        query: { q: z.string().nullable().default(null) },
        body: Item.nullable().default(null),
      },
      async function update_item() {
        return {}
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
              {
                required: true,
                schema: {
                  title: 'The ID of the item to get',
                  maximum: 1000.0,
                  minimum: 0.0,
                  type: 'integer',
                },
                name: 'item_id',
                in: 'path',
              },
              {
                required: false,
                schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Q' },
                name: 'q',
                in: 'query',
              },
            ],
            requestBody: {
              content: {
                'application/json': { schema: { anyOf: [ref('Item'), { type: 'null' }], title: 'Item' } },
              },
            },
          },
        },
      },
      components: { schemas: { ...validationSchemas, Item: itemSchema } },
    })
  })

  test('test_tutorial002.py: two model bodies are embedded', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: { item: Item, user: User } },
      async function update_item() {
        return {}
      },
    )
    await assertDocument(app, {
      info: { title: 'FastAPI', version: '0.1.0' },
      openapi: '3.1.0',
      paths: {
        '/items/{item_id}': {
          put: {
            operationId: 'update_item_items__item_id__put',
            parameters: [
              { in: 'path', name: 'item_id', required: true, schema: { title: 'Item Id', type: 'integer' } },
            ],
            requestBody: { content: { 'application/json': { schema: bodyRef } }, required: true },
            responses: { '200': ok(), '422': invalid },
            summary: 'Update Item',
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Body_update_item_items__item_id__put: {
            properties: { item: ref('Item'), user: ref('User') },
            required: ['item', 'user'],
            title: 'Body_update_item_items__item_id__put',
            type: 'object',
          },
          Item: itemSchema,
          User: userSchema,
        },
      },
    })
  })

  test('test_tutorial003.py: a singular value in the body', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: { item: Item, user: User, importance: z.int() } },
      async function update_item() {
        return {}
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
            requestBody: { content: { 'application/json': { schema: bodyRef } }, required: true },
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Item: itemSchema,
          User: userSchema,
          Body_update_item_items__item_id__put: {
            title: 'Body_update_item_items__item_id__put',
            required: ['item', 'user', 'importance'],
            type: 'object',
            properties: {
              item: ref('Item'),
              user: ref('User'),
              importance: { title: 'Importance', type: 'integer' },
            },
          },
        },
      },
    })
  })

  test('test_tutorial004.py: a constrained body value and a query parameter', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      {
        path: { item_id: z.int() },
        query: { q: z.string().nullable().default(null) },
        body: { item: Item, user: User, importance: z.int().gt(0) },
      },
      async function update_item() {
        return {}
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
              {
                required: false,
                schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Q' },
                name: 'q',
                in: 'query',
              },
            ],
            requestBody: { content: { 'application/json': { schema: bodyRef } }, required: true },
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Item: itemSchema,
          User: userSchema,
          Body_update_item_items__item_id__put: {
            title: 'Body_update_item_items__item_id__put',
            required: ['item', 'user', 'importance'],
            type: 'object',
            properties: {
              item: ref('Item'),
              user: ref('User'),
              importance: { title: 'Importance', type: 'integer', exclusiveMinimum: 0.0 },
            },
          },
        },
      },
    })
  })

  test('test_tutorial005.py: Body(embed=True)', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: { item: Item } },
      async function update_item() {
        return {}
      },
    )
    await assertDocument(app, {
      info: { title: 'FastAPI', version: '0.1.0' },
      openapi: '3.1.0',
      paths: {
        '/items/{item_id}': {
          put: {
            operationId: 'update_item_items__item_id__put',
            parameters: [
              { in: 'path', name: 'item_id', required: true, schema: { title: 'Item Id', type: 'integer' } },
            ],
            requestBody: { content: { 'application/json': { schema: bodyRef } }, required: true },
            responses: { '200': ok(), '422': invalid },
            summary: 'Update Item',
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Body_update_item_items__item_id__put: {
            properties: { item: ref('Item') },
            required: ['item'],
            title: 'Body_update_item_items__item_id__put',
            type: 'object',
          },
          Item: itemSchema,
        },
      },
    })
  })
})
