// Conformance: Brisk's OpenAPI document against FastAPI's for the "Query Parameters" tutorials. Each
// expectation is copied from the FastAPI test named in the test's title (fastapi/fastapi
// tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant) and compared as parsed JSON, the
// way those tests read /openapi.json.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import { z } from 'zod'
import { App, type AppOptions, TestClient } from '../../src/index.js'

// FastAPI's boilerplate, the same in every document: the default 200, the automatic 422 and the
// two schemas it refers to (fastapi/openapi/utils.py), and `$ref`s to components.
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const ok = (schema: object = {}) => ({
  description: 'Successful Response',
  content: { 'application/json': { schema } },
})
const invalid = {
  description: 'Validation Error',
  content: { 'application/json': { schema: ref('HTTPValidationError') } },
}
const validationSchemas = {
  HTTPValidationError: {
    title: 'HTTPValidationError',
    type: 'object',
    properties: { detail: { title: 'Detail', type: 'array', items: ref('ValidationError') } },
  },
  ValidationError: {
    title: 'ValidationError',
    required: ['loc', 'msg', 'type'],
    type: 'object',
    properties: {
      loc: { title: 'Location', type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
      msg: { title: 'Message', type: 'string' },
      type: { title: 'Error Type', type: 'string' },
      input: { title: 'Input' },
      ctx: { title: 'Context', type: 'object' },
    },
  },
}

// Brisk's default title is "Brisk"; the FastAPI tutorials run with FastAPI's default, "FastAPI".
const fastapi = (options: AppOptions = {}) => new App({ title: 'FastAPI', ...options })

/** The document as FastAPI's tests read it: GET /openapi.json, parsed. */
async function documentOf(app: App): Promise<unknown> {
  const res = await new TestClient(app).get('/openapi.json')
  assert.equal(res.status, 200)
  return res.json()
}

/** Asserts the app's document is `expected`, naming every JSON path where the two differ. */
async function assertDocument(app: App, expected: unknown): Promise<void> {
  const actual = await documentOf(app)
  assert.deepEqual(actual, expected, `the documents differ at:\n${differences(actual, expected).join('\n')}`)
}

function differences(actual: unknown, expected: unknown, at = '$'): string[] {
  if (isDeepStrictEqual(actual, expected)) return []
  if (!isObject(actual) || !isObject(expected) || Array.isArray(actual) !== Array.isArray(expected)) {
    return [`${at}: ${show(actual)} instead of ${show(expected)}`]
  }
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)])
  return [...keys].flatMap((key) => {
    const step = Array.isArray(actual)
      ? `[${key}]`
      : /^\w+$/.test(key)
        ? `.${key}`
        : `[${JSON.stringify(key)}]`
    return differences(actual[key], expected[key], at + step)
  })
}

const show = (value: unknown) => (value === undefined ? '(nothing)' : JSON.stringify(value))

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

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
