// Conformance: Brisk's OpenAPI document against FastAPI's for the "Query Parameters and String
// Validations" tutorial. Each expectation is copied from the FastAPI test named in the test's title
// (fastapi/fastapi tests/test_tutorial/test_query_params_str_validations/…, the Python 3.10+ /
// Pydantic v2 variant) and compared as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, invalid, ok, validationSchemas } from '../fastapi-document.js'

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

/** The chapter's document: `GET /items/` with the given parameters, and the automatic 422. */
const documentWith = (parameters: object[] | undefined) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/items/': {
      get: {
        responses: { '200': ok(), '422': invalid },
        summary: 'Read Items',
        operationId: 'read_items_items__get',
        ...(parameters === undefined ? {} : { parameters }),
      },
    },
  },
  components: { schemas: { ...validationSchemas } },
})

const DESCRIPTION = 'Query string for the items to search in the database that have a good match'

describe('query_params_str_validations', () => {
  test('test_tutorial001.py: an optional q', async () => {
    await assertDocument(
      appWith({ q: z.string().nullable().default(null) }),
      documentWith([
        {
          required: false,
          schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Q' },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial002.py: max_length', async () => {
    await assertDocument(
      appWith({ q: z.string().max(50).nullable().default(null) }),
      documentWith([
        {
          required: false,
          schema: { anyOf: [{ type: 'string', maxLength: 50 }, { type: 'null' }], title: 'Q' },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial003.py: min_length and max_length', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).max(50).nullable().default(null) }),
      documentWith([
        {
          required: false,
          schema: { anyOf: [{ type: 'string', minLength: 3, maxLength: 50 }, { type: 'null' }], title: 'Q' },
          name: 'q',
          in: 'query',
        },
      ]),
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
      documentWith([
        {
          required: false,
          schema: {
            anyOf: [
              { type: 'string', minLength: 3, maxLength: 50, pattern: '^fixedquery$' },
              { type: 'null' },
            ],
            title: 'Q',
          },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial005.py: a default value', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).default('fixedquery') }),
      documentWith([
        {
          required: false,
          schema: { type: 'string', default: 'fixedquery', minLength: 3, title: 'Q' },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial006.py: required', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3) }),
      documentWith([
        { required: true, schema: { type: 'string', minLength: 3, title: 'Q' }, name: 'q', in: 'query' },
      ]),
    )
  })

  test('test_tutorial006c.py: required, but may be None', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).nullable() }),
      documentWith([
        {
          required: true,
          schema: { anyOf: [{ type: 'string', minLength: 3 }, { type: 'null' }], title: 'Q' },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial007.py: a title', async () => {
    await assertDocument(
      appWith({ q: z.string().min(3).nullable().default(null).meta({ title: 'Query string' }) }),
      documentWith([
        {
          required: false,
          schema: { anyOf: [{ type: 'string', minLength: 3 }, { type: 'null' }], title: 'Query string' },
          name: 'q',
          in: 'query',
        },
      ]),
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
      documentWith([
        {
          description: DESCRIPTION,
          required: false,
          schema: {
            anyOf: [{ type: 'string', minLength: 3 }, { type: 'null' }],
            title: 'Query string',
            description: DESCRIPTION,
          },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial009.py: an alias', async () => {
    await assertDocument(
      appWith({ q: z.string().nullable().default(null).meta({ alias: 'item-query' }) }),
      documentWith([
        {
          schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Item-Query' },
          required: false,
          name: 'item-query',
          in: 'query',
        },
      ]),
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
      documentWith([
        {
          description: DESCRIPTION,
          required: false,
          deprecated: true,
          schema: {
            anyOf: [
              { type: 'string', minLength: 3, maxLength: 50, pattern: '^fixedquery$' },
              { type: 'null' },
            ],
            title: 'Query string',
            description: DESCRIPTION,
            deprecated: true,
          },
          name: 'item-query',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial011.py: an optional list', async () => {
    await assertDocument(
      appWith({ q: z.array(z.string()).nullable().default(null) }),
      documentWith([
        {
          required: false,
          schema: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }], title: 'Q' },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial012.py: a list with a default', async () => {
    await assertDocument(
      appWith({ q: z.array(z.string()).default(['foo', 'bar']) }),
      documentWith([
        {
          required: false,
          schema: { title: 'Q', type: 'array', items: { type: 'string' }, default: ['foo', 'bar'] },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial013.py: an untyped list', async () => {
    await assertDocument(
      appWith({ q: z.array(z.unknown()).default([]) }),
      documentWith([
        {
          required: false,
          schema: { title: 'Q', type: 'array', items: {}, default: [] },
          name: 'q',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial014.py: a parameter hidden from the schema keeps the 422', async () => {
    await assertDocument(
      appWith({ hidden_query: z.string().nullable().default(null).meta({ includeInSchema: false }) }),
      documentWith(undefined),
    )
  })

  test('test_tutorial015.py: a custom validator', async () => {
    const checkValidId = (id: string) => id.startsWith('isbn-') || id.startsWith('imdb-')
    await assertDocument(
      appWith({ id: z.string().refine(checkValidId).nullable().default(null) }),
      documentWith([
        {
          name: 'id',
          in: 'query',
          required: false,
          schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Id' },
        },
      ]),
    )
  })
})
