// Conformance: Brisk's OpenAPI document against FastAPI's for the "Path Parameters and Numeric
// Validations" and "Declare Request Example Data" tutorials. Each expected document is the one the
// FastAPI test named in the test's title expects (fastapi/fastapi tests/test_tutorial/…, the Python
// 3.10+ / Pydantic v2 variant), copied as JSON into test/fastapi/fixtures/ under that test's name
// (fastapiDocument), and compared whole as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

const itemIdTitle = 'The ID of the item to get'

/** The numeric-validations app: `GET /items/{item_id}`, `read_items`. */
function readItemsApp(path: Record<string, z.ZodType>, query: Record<string, z.ZodType>): App {
  const app = fastapi()
  app.get('/items/{item_id}', { path, query }, async function read_items() {
    return {}
  })
  return app
}

describe('path_params_numeric_validations', () => {
  test('test_tutorial001.py: a titled path parameter and an aliased query', async () => {
    const app = readItemsApp(
      { item_id: z.int().meta({ title: itemIdTitle }) },
      { q: z.string().nullable().default(null).meta({ alias: 'item-query' }) },
    )
    await assertDocument(app, fastapiDocument('test_path_params_numeric_validations/test_tutorial001.py'))
  })

  test('test_tutorial002_tutorial003.py: path parameters come first whatever the order', async () => {
    // Python's parameter order is the point of the tutorial; in Brisk the groups are separate.
    const app = readItemsApp({ item_id: z.int().meta({ title: itemIdTitle }) }, { q: z.string() })
    await assertDocument(
      app,
      fastapiDocument('test_path_params_numeric_validations/test_tutorial002_tutorial003.py'),
    )
  })

  test('test_tutorial004.py: ge', async () => {
    const app = readItemsApp({ item_id: z.int().min(1).meta({ title: itemIdTitle }) }, { q: z.string() })
    await assertDocument(app, fastapiDocument('test_path_params_numeric_validations/test_tutorial004.py'))
  })

  test('test_tutorial005.py: gt and le', async () => {
    const app = readItemsApp(
      { item_id: z.int().gt(0).max(1000).meta({ title: itemIdTitle }) },
      { q: z.string() },
    )
    await assertDocument(app, fastapiDocument('test_path_params_numeric_validations/test_tutorial005.py'))
  })

  test('test_tutorial006.py: float bounds', async () => {
    const app = readItemsApp(
      { item_id: z.int().min(0).max(1000).meta({ title: itemIdTitle }) },
      { q: z.string(), size: z.number().gt(0).lt(10.5) },
    )
    await assertDocument(app, fastapiDocument('test_path_params_numeric_validations/test_tutorial006.py'))
  })
})

describe('schema_extra_example', () => {
  const shape = {
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().nullable().default(null),
  }
  const Item = z.object(shape).meta({ id: 'Item' })
  const foo = { name: 'Foo', description: 'A very nice Item', price: 35.4, tax: 3.2 }

  /** The chapter's `PUT /items/{item_id}` app, `update_item`, with this body. */
  function updateItemApp(body: z.ZodType): App {
    const app = fastapi()
    app.put('/items/{item_id}', { path: { item_id: z.int() }, body }, async function update_item() {
      return {}
    })
    return app
  }

  test('test_tutorial001.py: model-level examples (json_schema_extra)', async () => {
    const Example = z.object(shape).meta({ id: 'Item', examples: [foo] })
    await assertDocument(
      updateItemApp(Example),
      fastapiDocument('test_schema_extra_example/test_tutorial001.py'),
    )
  })

  test('test_tutorial002.py: field-level examples', async () => {
    const Example = z
      .object({
        name: z.string().meta({ examples: ['Foo'] }),
        description: z
          .string()
          .nullable()
          .default(null)
          .meta({ examples: ['A very nice Item'] }),
        price: z.number().meta({ examples: [35.4] }),
        tax: z
          .number()
          .nullable()
          .default(null)
          .meta({ examples: [3.2] }),
      })
      .meta({ id: 'Item' })
    await assertDocument(
      updateItemApp(Example),
      fastapiDocument('test_schema_extra_example/test_tutorial002.py'),
    )
  })

  test('test_tutorial003.py: Body(examples=...) beside the $ref', async () => {
    await assertDocument(
      updateItemApp(Item.meta({ examples: [foo] })),
      fastapiDocument('test_schema_extra_example/test_tutorial003.py'),
    )
  })

  test('test_tutorial004.py: several examples, invalid ones too', async () => {
    const examples = [foo, { name: 'Bar', price: '35.4' }, { name: 'Baz', price: 'thirty five point four' }]
    await assertDocument(
      updateItemApp(Item.meta({ examples })),
      fastapiDocument('test_schema_extra_example/test_tutorial004.py'),
    )
  })

  test('test_tutorial005.py: openapi_examples on the body', async () => {
    const openapiExamples = {
      normal: { summary: 'A normal example', description: 'A **normal** item works correctly.', value: foo },
      converted: {
        summary: 'An example with converted data',
        description: 'FastAPI can convert price `strings` to actual `numbers` automatically',
        value: { name: 'Bar', price: '35.4' },
      },
      invalid: {
        summary: 'Invalid data is rejected with an error',
        value: { name: 'Baz', price: 'thirty five point four' },
      },
    }
    await assertDocument(
      updateItemApp(Item.meta({ openapiExamples })),
      fastapiDocument('test_schema_extra_example/test_tutorial005.py'),
    )
  })
})
