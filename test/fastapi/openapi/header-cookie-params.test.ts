// Conformance: Brisk's OpenAPI document against FastAPI's for the "Header Parameters", "Cookie
// Parameters" and "Query / Header / Cookie Parameter Models" tutorials. Each expectation is copied
// from the FastAPI test named in the test's title (fastapi/fastapi tests/test_tutorial/…, the
// Python 3.10+ / Pydantic v2 variant) and compared as parsed JSON, the way those tests read
// /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, invalid, ok, validationSchemas } from '../fastapi-document.js'

// FastAPI drops every null-valued key from its document (`jsonable_encoder(..., exclude_none=True)`),
// so an optional `x: str | None = None` documents no `default`.

type Group = 'query' | 'headers' | 'cookies'

/** Every app of these chapters: one `GET /items/` route, `read_items`, reading one parameter group. */
function appWith(group: Group, spec: Record<string, z.ZodType> | z.ZodType): App {
  const app = fastapi()
  app.get('/items/', { [group]: spec }, async function read_items() {
    return {}
  })
  return app
}

/** Their document: `GET /items/` with the given parameters, and the automatic 422. */
const itemsDocument = (parameters: object[]) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/items/': {
      get: {
        responses: { '200': ok(), '422': invalid },
        summary: 'Read Items',
        operationId: 'read_items_items__get',
        parameters,
      },
    },
  },
  components: { schemas: { ...validationSchemas } },
})

describe('header_params', () => {
  test('test_header_params/test_tutorial001.py: underscores become hyphens', async () => {
    const app = appWith('headers', { user_agent: z.string().nullable().default(null) })
    await assertDocument(
      app,
      itemsDocument([
        {
          required: false,
          schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'User-Agent' },
          name: 'user-agent',
          in: 'header',
        },
      ]),
    )
  })

  test('test_header_params/test_tutorial002.py: convert_underscores=False', async () => {
    // Brisk has no `convert_underscores`; an alias naming the header as written does the same.
    const app = appWith('headers', {
      strange_header: z.string().nullable().default(null).meta({ alias: 'strange_header' }),
    })
    await assertDocument(
      app,
      itemsDocument([
        {
          required: false,
          schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Strange Header' },
          name: 'strange_header',
          in: 'header',
        },
      ]),
    )
  })

  test('test_header_params/test_tutorial003.py: a repeated header', async () => {
    const app = appWith('headers', { x_token: z.array(z.string()).nullable().default(null) })
    await assertDocument(
      app,
      itemsDocument([
        {
          required: false,
          schema: {
            title: 'X-Token',
            anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }],
          },
          name: 'x-token',
          in: 'header',
        },
      ]),
    )
  })
})

describe('cookie_params', () => {
  test('test_cookie_params/test_tutorial001.py', async () => {
    const app = appWith('cookies', { ads_id: z.string().nullable().default(null) })
    await assertDocument(
      app,
      itemsDocument([
        {
          required: false,
          schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Ads Id' },
          name: 'ads_id',
          in: 'cookie',
        },
      ]),
    )
  })
})

describe('query_param_models', () => {
  const FilterParams = z
    .object({
      limit: z.int().gt(0).max(100).default(100),
      offset: z.int().min(0).default(0),
      order_by: z.literal(['created_at', 'updated_at']).default('created_at'),
      tags: z.array(z.string()).default([]),
    })
    .meta({ id: 'FilterParams' })
  // The model is not a component: its fields are listed as parameters.
  const parameters = [
    {
      name: 'limit',
      in: 'query',
      required: false,
      schema: { type: 'integer', maximum: 100, exclusiveMinimum: 0, default: 100, title: 'Limit' },
    },
    {
      name: 'offset',
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 0, default: 0, title: 'Offset' },
    },
    {
      name: 'order_by',
      in: 'query',
      required: false,
      schema: {
        enum: ['created_at', 'updated_at'],
        type: 'string',
        default: 'created_at',
        title: 'Order By',
      },
    },
    {
      name: 'tags',
      in: 'query',
      required: false,
      schema: { type: 'array', items: { type: 'string' }, default: [], title: 'Tags' },
    },
  ]

  test('test_query_param_models/test_tutorial001.py', async () => {
    await assertDocument(appWith('query', FilterParams), itemsDocument(parameters))
  })

  test('test_query_param_models/test_tutorial002.py: extra="forbid"', async () => {
    await assertDocument(appWith('query', FilterParams.strict()), itemsDocument(parameters))
  })
})

describe('header_param_models', () => {
  const shape = {
    host: z.string(),
    save_data: z.boolean(),
    if_modified_since: z.string().nullable().default(null),
    traceparent: z.string().nullable().default(null),
    x_tag: z.array(z.string()).default([]),
  }
  const CommonHeaders = z.object(shape).meta({ id: 'CommonHeaders' })
  // A model field is titled by its key ("X Tag"), the header named by its hyphenated alias.
  const parameters = (names: string[]) => [
    { name: names[0], in: 'header', required: true, schema: { type: 'string', title: 'Host' } },
    { name: names[1], in: 'header', required: true, schema: { type: 'boolean', title: 'Save Data' } },
    {
      name: names[2],
      in: 'header',
      required: false,
      schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'If Modified Since' },
    },
    {
      name: names[3],
      in: 'header',
      required: false,
      schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Traceparent' },
    },
    {
      name: names[4],
      in: 'header',
      required: false,
      schema: { type: 'array', items: { type: 'string' }, default: [], title: 'X Tag' },
    },
  ]
  const hyphenated = ['host', 'save-data', 'if-modified-since', 'traceparent', 'x-tag']

  test('test_header_param_models/test_tutorial001.py', async () => {
    await assertDocument(appWith('headers', CommonHeaders), itemsDocument(parameters(hyphenated)))
  })

  test('test_header_param_models/test_tutorial002.py: extra="forbid"', async () => {
    await assertDocument(appWith('headers', CommonHeaders.strict()), itemsDocument(parameters(hyphenated)))
  })

  test('test_header_param_models/test_tutorial003.py: convert_underscores=False', async () => {
    // Brisk has no `convert_underscores`; each field's alias names its header as written.
    const aliased = Object.fromEntries(
      Object.entries(shape).map(([key, schema]) => [key, schema.meta({ alias: key })]),
    )
    await assertDocument(appWith('headers', z.object(aliased)), itemsDocument(parameters(Object.keys(shape))))
  })
})

describe('cookie_param_models', () => {
  const Cookies = z
    .object({
      session_id: z.string(),
      fatebook_tracker: z.string().nullable().default(null),
      googall_tracker: z.string().nullable().default(null),
    })
    .meta({ id: 'Cookies' })
  const parameters = [
    { name: 'session_id', in: 'cookie', required: true, schema: { type: 'string', title: 'Session Id' } },
    {
      name: 'fatebook_tracker',
      in: 'cookie',
      required: false,
      schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Fatebook Tracker' },
    },
    {
      name: 'googall_tracker',
      in: 'cookie',
      required: false,
      schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Googall Tracker' },
    },
  ]

  test('test_cookie_param_models/test_tutorial001.py', async () => {
    await assertDocument(appWith('cookies', Cookies), itemsDocument(parameters))
  })

  test('test_cookie_param_models/test_tutorial002.py: extra="forbid"', async () => {
    await assertDocument(appWith('cookies', Cookies.strict()), itemsDocument(parameters))
  })
})
