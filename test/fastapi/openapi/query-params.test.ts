// Conformance: Brisk's OpenAPI document against FastAPI's for the "Query Parameters" tutorials.
// Each expected document is the one the FastAPI test named in the test's title expects
// (fastapi/fastapi tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant), copied as JSON
// into test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared whole as
// parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

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
    await assertDocument(app, fastapiDocument('test_query_params/test_tutorial001.py'))
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
    await assertDocument(app, fastapiDocument('test_query_params/test_tutorial002.py'))
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
    await assertDocument(app, fastapiDocument('test_query_params/test_tutorial003.py'))
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
    await assertDocument(app, fastapiDocument('test_query_params/test_tutorial004.py'))
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
    await assertDocument(app, fastapiDocument('test_query_params/test_tutorial005.py'))
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
    await assertDocument(app, fastapiDocument('test_query_params/test_tutorial006.py'))
  })
})
