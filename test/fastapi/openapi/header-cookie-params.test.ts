// Conformance: Brisk's OpenAPI document against FastAPI's for the "Header Parameters", "Cookie
// Parameters" and "Query / Header / Cookie Parameter Models" tutorials. Each expected document is
// the one the FastAPI test named in the test's title expects (fastapi/fastapi
// tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant), copied as JSON into
// test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared whole as parsed
// JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

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

describe('header_params', () => {
  test('test_header_params/test_tutorial001.py: underscores become hyphens', async () => {
    const app = appWith('headers', { user_agent: z.string().nullable().default(null) })
    await assertDocument(app, fastapiDocument('test_header_params/test_tutorial001.py'))
  })

  test('test_header_params/test_tutorial002.py: convert_underscores=False', async () => {
    // Brisk has no `convert_underscores`; an alias naming the header as written does the same.
    const app = appWith('headers', {
      strange_header: z.string().nullable().default(null).meta({ alias: 'strange_header' }),
    })
    await assertDocument(app, fastapiDocument('test_header_params/test_tutorial002.py'))
  })

  test('test_header_params/test_tutorial003.py: a repeated header', async () => {
    const app = appWith('headers', { x_token: z.array(z.string()).nullable().default(null) })
    await assertDocument(app, fastapiDocument('test_header_params/test_tutorial003.py'))
  })
})

describe('cookie_params', () => {
  test('test_cookie_params/test_tutorial001.py', async () => {
    const app = appWith('cookies', { ads_id: z.string().nullable().default(null) })
    await assertDocument(app, fastapiDocument('test_cookie_params/test_tutorial001.py'))
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
  test('test_query_param_models/test_tutorial001.py', async () => {
    await assertDocument(
      appWith('query', FilterParams),
      fastapiDocument('test_query_param_models/test_tutorial001.py'),
    )
  })

  test('test_query_param_models/test_tutorial002.py: extra="forbid"', async () => {
    await assertDocument(
      appWith('query', FilterParams.strict()),
      fastapiDocument('test_query_param_models/test_tutorial002.py'),
    )
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
  test('test_header_param_models/test_tutorial001.py', async () => {
    await assertDocument(
      appWith('headers', CommonHeaders),
      fastapiDocument('test_header_param_models/test_tutorial001.py'),
    )
  })

  test('test_header_param_models/test_tutorial002.py: extra="forbid"', async () => {
    await assertDocument(
      appWith('headers', CommonHeaders.strict()),
      fastapiDocument('test_header_param_models/test_tutorial002.py'),
    )
  })

  test('test_header_param_models/test_tutorial003.py: convert_underscores=False', async () => {
    // Brisk has no `convert_underscores`; each field's alias names its header as written.
    const aliased = Object.fromEntries(
      Object.entries(shape).map(([key, schema]) => [key, schema.meta({ alias: key })]),
    )
    await assertDocument(
      appWith('headers', z.object(aliased)),
      fastapiDocument('test_header_param_models/test_tutorial003.py'),
    )
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

  test('test_cookie_param_models/test_tutorial001.py', async () => {
    await assertDocument(
      appWith('cookies', Cookies),
      fastapiDocument('test_cookie_param_models/test_tutorial001.py'),
    )
  })

  test('test_cookie_param_models/test_tutorial002.py: extra="forbid"', async () => {
    await assertDocument(
      appWith('cookies', Cookies.strict()),
      fastapiDocument('test_cookie_param_models/test_tutorial002.py'),
    )
  })
})
