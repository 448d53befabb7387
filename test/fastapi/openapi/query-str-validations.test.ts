// Conformance: Brisk's OpenAPI document against FastAPI's for the "Query Parameters and String
// Validations" tutorial. Each expected document is the one the FastAPI test named in the test's
// title expects (fastapi/fastapi tests/test_tutorial/test_query_params_str_validations/…, the
// Python 3.10+ / Pydantic v2 variant), copied as JSON into test/fastapi/fixtures/ under that test's
// name (fastapiDocument), and compared whole as parsed JSON, the way those tests read
// /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

// FastAPI drops every null-valued key from its document (`jsonable_encoder(..., exclude_none=True)`),
// so an optional `x: str | None = None` documents no `default`.

/** The chapter's app: one `GET /items/` route, `read_items`, whose only query parameter is `q`. */
function appWith(query: Record<string, z.ZodType>): App {
  const app = fastapi()
  app.get('/items/', { query }, async function read_items() {
    return {}
  })
  return app
}

const DESCRIPTION = 'Query string for the items to search in the database that have a good match'

describe('query_params_str_validations', () => {
  test('test_tutorial001.py: an optional q', async () => {
    await assertDocument(
      appWith({ q: z.string().nullable().default(null) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial001.py'),
    )
  })

  test('test_tutorial002.py: max_length', async () => {
    await assertDocument(
      appWith({ q: z.string().max(50).nullable().default(null) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial002.py'),
    )
  })

  test('test_tutorial003.py: min_length and max_length', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).max(50).nullable().default(null) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial003.py'),
    )
  })

  test('test_tutorial004.py: a pattern', async () => {
    await assertDocument(
      appWith({
        q: z
          .string()
          .min(3)
          .max(50)
          .regex(/^fixedquery$/)
          .nullable()
          .default(null),
      }),
      fastapiDocument('test_query_params_str_validations/test_tutorial004.py'),
    )
  })

  test('test_tutorial005.py: a default value', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).default('fixedquery') }),
      fastapiDocument('test_query_params_str_validations/test_tutorial005.py'),
    )
  })

  test('test_tutorial006.py: required', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial006.py'),
    )
  })

  test('test_tutorial006c.py: required, but may be None', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).nullable() }),
      fastapiDocument('test_query_params_str_validations/test_tutorial006c.py'),
    )
  })

  test('test_tutorial007.py: a title', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).nullable().default(null).meta({ title: 'Query string' }) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial007.py'),
    )
  })

  test('test_tutorial008.py: a title and a description', async () => {
    await assertDocument(
      appWith({
        q: z
          .string()
          .min(3)
          .nullable()
          .default(null)
          .meta({ title: 'Query string', description: DESCRIPTION }),
      }),
      fastapiDocument('test_query_params_str_validations/test_tutorial008.py'),
    )
  })

  test('test_tutorial009.py: an alias', async () => {
    await assertDocument(
      appWith({ q: z.string().nullable().default(null).meta({ alias: 'item-query' }) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial009.py'),
    )
  })

  test('test_tutorial010.py: alias, constraints and deprecated together', async () => {
    const q = z
      .string()
      .min(3)
      .max(50)
      .regex(/^fixedquery$/)
      .nullable()
      .default(null)
      .meta({ alias: 'item-query', title: 'Query string', description: DESCRIPTION, deprecated: true })
    // The Pydantic >= 2.10 variant: `deprecated` is in the schema as well as on the parameter.
    await assertDocument(
      appWith({ q }),
      fastapiDocument('test_query_params_str_validations/test_tutorial010.py'),
    )
  })

  test('test_tutorial011.py: an optional list', async () => {
    await assertDocument(
      appWith({ q: z.array(z.string()).nullable().default(null) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial011.py'),
    )
  })

  test('test_tutorial012.py: a list with a default', async () => {
    await assertDocument(
      appWith({ q: z.array(z.string()).default(['foo', 'bar']) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial012.py'),
    )
  })

  test('test_tutorial013.py: an untyped list', async () => {
    await assertDocument(
      appWith({ q: z.array(z.unknown()).default([]) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial013.py'),
    )
  })

  test('test_tutorial014.py: a parameter hidden from the schema keeps the 422', async () => {
    await assertDocument(
      appWith({ hidden_query: z.string().nullable().default(null).meta({ includeInSchema: false }) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial014.py'),
    )
  })

  test('test_tutorial015.py: a custom validator', async () => {
    const checkValidId = (id: string) => id.startsWith('isbn-') || id.startsWith('imdb-')
    await assertDocument(
      appWith({ id: z.string().refine(checkValidId).nullable().default(null) }),
      fastapiDocument('test_query_params_str_validations/test_tutorial015.py'),
    )
  })
})
