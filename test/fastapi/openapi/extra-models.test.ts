// Conformance: Brisk's OpenAPI document against FastAPI's for the "Extra Models" tutorial. Each
// expectation is copied from the FastAPI test named in the test's title (fastapi/fastapi
// tests/test_tutorial/test_extra_models/…, the Python 3.10+ / Pydantic v2 variant) and compared as
// parsed JSON, the way those tests read /openapi.json. `response_model=X` is Brisk's `response: X`.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'
import { createUserApp, createUserDocument, userInSchema, userOutSchema } from './user-models.js'

// Pydantic's `EmailStr` is `{type: 'string', format: 'email'}`: zod's e-mail regex is left out.

describe('extra_models', () => {
  test('test_extra_models/test_tutorial001_tutorial002.py, tutorial001: separate models', async () => {
    const UserIn = z
      .object({
        username: z.string(),
        password: z.string(),
        email: z.email(),
        full_name: z.string().nullable().default(null),
      })
      .meta({ id: 'UserIn' })
    const UserOut = z
      .object({ username: z.string(), email: z.email(), full_name: z.string().nullable().default(null) })
      .meta({ id: 'UserOut' })
    await assertDocument(
      createUserApp(UserIn, UserOut),
      createUserDocument('UserIn', 'UserOut', {
        UserIn: userInSchema(['username', 'password', 'email']),
        UserOut: userOutSchema('UserOut'),
      }),
    )
  })

  test('test_extra_models/test_tutorial001_tutorial002.py, tutorial002: models from a base', async () => {
    const UserBase = z.object({
      username: z.string(),
      email: z.email(),
      full_name: z.string().nullable().default(null),
    })
    const UserIn = UserBase.extend({ password: z.string() }).meta({ id: 'UserIn' })
    const UserOut = UserBase.meta({ id: 'UserOut' })
    // The test compares `required` in any order; zod's `extend` puts `password` last, as Pydantic does.
    await assertDocument(
      createUserApp(UserIn, UserOut),
      createUserDocument('UserIn', 'UserOut', {
        UserIn: userInSchema(['username', 'email', 'password']),
        UserOut: userOutSchema('UserOut'),
      }),
    )
  })

  test('test_extra_models/test_tutorial003.py: a union of models', async () => {
    const BaseItem = z.object({ description: z.string(), type: z.string() })
    const CarItem = BaseItem.extend({ type: z.string().default('car') }).meta({ id: 'CarItem' })
    const PlaneItem = BaseItem.extend({ type: z.string().default('plane'), size: z.int() }).meta({
      id: 'PlaneItem',
    })
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      { path: { item_id: z.string() }, response: z.union([PlaneItem, CarItem]) },
      async function read_item() {
        return { description: 'All my friends drive a low rider', type: 'car' }
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          get: {
            responses: {
              '200': ok({
                title: 'Response Read Item Items  Item Id  Get',
                anyOf: [ref('PlaneItem'), ref('CarItem')],
              }),
              '422': invalid,
            },
            summary: 'Read Item',
            operationId: 'read_item_items__item_id__get',
            parameters: [
              { required: true, schema: { title: 'Item Id', type: 'string' }, name: 'item_id', in: 'path' },
            ],
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          PlaneItem: {
            title: 'PlaneItem',
            required: ['description', 'size'],
            type: 'object',
            properties: {
              description: { title: 'Description', type: 'string' },
              type: { title: 'Type', type: 'string', default: 'plane' },
              size: { title: 'Size', type: 'integer' },
            },
          },
          CarItem: {
            title: 'CarItem',
            required: ['description'],
            type: 'object',
            properties: {
              description: { title: 'Description', type: 'string' },
              type: { title: 'Type', type: 'string', default: 'car' },
            },
          },
        },
      },
    })
  })

  test('test_extra_models/test_tutorial004.py: a list of models', async () => {
    const Item = z.object({ name: z.string(), description: z.string() }).meta({ id: 'Item' })
    const app = fastapi()
    app.get('/items/', { response: z.array(Item) }, async function read_items() {
      return []
    })
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            responses: {
              '200': ok({ title: 'Response Read Items Items  Get', type: 'array', items: ref('Item') }),
            },
            summary: 'Read Items',
            operationId: 'read_items_items__get',
          },
        },
      },
      components: {
        schemas: {
          Item: {
            title: 'Item',
            required: ['name', 'description'],
            type: 'object',
            properties: {
              name: { title: 'Name', type: 'string' },
              description: { title: 'Description', type: 'string' },
            },
          },
        },
      },
    })
  })

  // No `propertyNames: {type: 'string'}`, which Pydantic never writes for `dict[str, X]`.
  test('test_extra_models/test_tutorial005.py: a dict response', async () => {
    const app = fastapi()
    app.get(
      '/keyword-weights/',
      { response: z.record(z.string(), z.number()) },
      async function read_keyword_weights() {
        return { foo: 2.3, bar: 3.4 }
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/keyword-weights/': {
          get: {
            responses: {
              '200': ok({
                title: 'Response Read Keyword Weights Keyword Weights  Get',
                type: 'object',
                additionalProperties: { type: 'number' },
              }),
            },
            summary: 'Read Keyword Weights',
            operationId: 'read_keyword_weights_keyword_weights__get',
          },
        },
      },
    })
  })
})
