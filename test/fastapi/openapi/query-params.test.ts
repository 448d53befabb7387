// Conformance: Brisk's OpenAPI document against FastAPI's for the "Query Parameters" tutorials. Each
// expectation is copied from the FastAPI test named in the test's title (fastapi/fastapi
// tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant) and compared as parsed JSON, the
// way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, invalid, ok, validationSchemas } from '../fastapi-document.js'

// FastAPI drops every null-valued key from its document (`jsonable_encoder(..., exclude_none=True)`),
// so an optional `x: str | None = None` documents no `default`.

describe('query_params', () => {
  test('test_query_params/test_tutorial001.py: defaults', async () => {
    const app = fastapi()
    app.get(
      '/items/',
      { query: { skip: z.int().default(0), limit: z.int().default(10) } },
      async function read_item() {
        return []
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            summary: 'Read Item',
            operationId: 'read_item_items__get',
            parameters: [
              {
                required: false,
                schema: { title: 'Skip', type: 'integer', default: 0 },
                name: 'skip',
                in: 'query',
              },
              {
                required: false,
                schema: { title: 'Limit', type: 'integer', default: 10 },
                name: 'limit',
                in: 'query',
              },
            ],
            responses: { '200': ok(), '422': invalid },
          },
        },
      },
      components: { schemas: { ...validationSchemas } },
    })
  })

  test('test_query_params/test_tutorial002.py: an optional parameter', async () => {
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      { path: { item_id: z.string() }, query: { q: z.string().nullable().default(null) } },
      async function read_item() {
        return {}
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          get: {
            summary: 'Read Item',
            operationId: 'read_item_items__item_id__get',
            parameters: [
              { required: true, schema: { title: 'Item Id', type: 'string' }, name: 'item_id', in: 'path' },
              {
                required: false,
                schema: { title: 'Q', anyOf: [{ type: 'string' }, { type: 'null' }] },
                name: 'q',
                in: 'query',
              },
            ],
            responses: { '200': ok(), '422': invalid },
          },
        },
      },
      components: { schemas: { ...validationSchemas } },
    })
  })

  test('test_query_params/test_tutorial003.py: a boolean with a default', async () => {
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      {
        path: { item_id: z.string() },
        query: { q: z.string().nullable().default(null), short: z.boolean().default(false) },
      },
      async function read_item() {
        return {}
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          get: {
            summary: 'Read Item',
            operationId: 'read_item_items__item_id__get',
            parameters: [
              { required: true, schema: { title: 'Item Id', type: 'string' }, name: 'item_id', in: 'path' },
              {
                required: false,
                schema: { title: 'Q', anyOf: [{ type: 'string' }, { type: 'null' }] },
                name: 'q',
                in: 'query',
              },
              {
                required: false,
                schema: { title: 'Short', type: 'boolean', default: false },
                name: 'short',
                in: 'query',
              },
            ],
            responses: { '200': ok(), '422': invalid },
          },
        },
      },
      components: { schemas: { ...validationSchemas } },
    })
  })

  test('test_query_params/test_tutorial004.py: several path parameters', async () => {
    const app = fastapi()
    app.get(
      '/users/{user_id}/items/{item_id}',
      {
        path: { user_id: z.int(), item_id: z.string() },
        query: { q: z.string().nullable().default(null), short: z.boolean().default(false) },
      },
      async function read_user_item() {
        return {}
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/users/{user_id}/items/{item_id}': {
          get: {
            summary: 'Read User Item',
            operationId: 'read_user_item_users__user_id__items__item_id__get',
            parameters: [
              { required: true, schema: { title: 'User Id', type: 'integer' }, name: 'user_id', in: 'path' },
              { required: true, schema: { title: 'Item Id', type: 'string' }, name: 'item_id', in: 'path' },
              {
                required: false,
                schema: { title: 'Q', anyOf: [{ type: 'string' }, { type: 'null' }] },
                name: 'q',
                in: 'query',
              },
              {
                required: false,
                schema: { title: 'Short', type: 'boolean', default: false },
                name: 'short',
                in: 'query',
              },
            ],
            responses: { '200': ok(), '422': invalid },
          },
        },
      },
      components: { schemas: { ...validationSchemas } },
    })
  })

  test('test_query_params/test_tutorial005.py: a required parameter', async () => {
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      { path: { item_id: z.string() }, query: { needy: z.string() } },
      async function read_user_item() {
        return {}
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          get: {
            responses: { '200': ok(), '422': invalid },
            summary: 'Read User Item',
            operationId: 'read_user_item_items__item_id__get',
            parameters: [
              { required: true, schema: { title: 'Item Id', type: 'string' }, name: 'item_id', in: 'path' },
              { required: true, schema: { title: 'Needy', type: 'string' }, name: 'needy', in: 'query' },
            ],
          },
        },
      },
      components: { schemas: { ...validationSchemas } },
    })
  })

  test('test_query_params/test_tutorial006.py: required, default and optional together', async () => {
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      {
        path: { item_id: z.string() },
        query: { needy: z.string(), skip: z.int().default(0), limit: z.int().nullable().default(null) },
      },
      async function read_user_item() {
        return {}
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/{item_id}': {
          get: {
            responses: { '200': ok(), '422': invalid },
            summary: 'Read User Item',
            operationId: 'read_user_item_items__item_id__get',
            parameters: [
              { required: true, schema: { title: 'Item Id', type: 'string' }, name: 'item_id', in: 'path' },
              { required: true, schema: { title: 'Needy', type: 'string' }, name: 'needy', in: 'query' },
              {
                required: false,
                schema: { title: 'Skip', type: 'integer', default: 0 },
                name: 'skip',
                in: 'query',
              },
              {
                required: false,
                schema: { anyOf: [{ type: 'integer' }, { type: 'null' }], title: 'Limit' },
                name: 'limit',
                in: 'query',
              },
            ],
          },
        },
      },
      components: { schemas: { ...validationSchemas } },
    })
  })
})
