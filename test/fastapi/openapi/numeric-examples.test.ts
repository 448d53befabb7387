// Conformance: Brisk's OpenAPI document against FastAPI's for the "Path Parameters and Numeric
// Validations" and "Declare Request Example Data" tutorials. Each expectation is copied from the
// FastAPI test named in the test's title (fastapi/fastapi tests/test_tutorial/…, the Python 3.10+ /
// Pydantic v2 variant) and compared as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

const itemIdTitle = 'The ID of the item to get'

/** The numeric-validations app: `GET /items/{item_id}`, `read_items`. */
function readItemsApp(path: Record<string, z.ZodType>, query: Record<string, z.ZodType>): App {
  const app = fastapi()
  app.get('/items/{item_id}', { path, query }, async function read_items() {
    return {}
  })
  return app
}

const readItemsDocument = (parameters: object[]) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/items/{item_id}': {
      get: {
        summary: 'Read Items',
        operationId: 'read_items_items__item_id__get',
        parameters,
        responses: { '200': ok(), '422': invalid },
      },
    },
  },
  components: { schemas: { ...validationSchemas } },
})
const itemId = (schema: object) => ({
  required: true,
  schema: { title: itemIdTitle, type: 'integer', ...schema },
  name: 'item_id',
  in: 'path',
})
const requiredQ = { required: true, schema: { type: 'string', title: 'Q' }, name: 'q', in: 'query' }

describe('path_params_numeric_validations', () => {
  test('test_tutorial001.py: a titled path parameter and an aliased query', async () => {
    const app = readItemsApp(
      { item_id: z.int().meta({ title: itemIdTitle }) },
      { q: z.string().nullable().default(null).meta({ alias: 'item-query' }) },
    )
    await assertDocument(
      app,
      readItemsDocument([
        itemId({}),
        {
          required: false,
          schema: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Item-Query' },
          name: 'item-query',
          in: 'query',
        },
      ]),
    )
  })

  test('test_tutorial002_tutorial003.py: path parameters come first whatever the order', async () => {
    // Python's parameter order is the point of the tutorial; in Brisk the groups are separate.
    const app = readItemsApp({ item_id: z.int().meta({ title: itemIdTitle }) }, { q: z.string() })
    await assertDocument(app, readItemsDocument([itemId({}), requiredQ]))
  })

  test('test_tutorial004.py: ge', async () => {
    const app = readItemsApp({ item_id: z.int().min(1).meta({ title: itemIdTitle }) }, { q: z.string() })
    await assertDocument(app, readItemsDocument([itemId({ minimum: 1 }), requiredQ]))
  })

  test('test_tutorial005.py: gt and le', async () => {
    const app = readItemsApp(
      { item_id: z.int().gt(0).max(1000).meta({ title: itemIdTitle }) },
      { q: z.string() },
    )
    await assertDocument(app, readItemsDocument([itemId({ exclusiveMinimum: 0, maximum: 1000 }), requiredQ]))
  })

  test('test_tutorial006.py: float bounds', async () => {
    const app = readItemsApp(
      { item_id: z.int().min(0).max(1000).meta({ title: itemIdTitle }) },
      { q: z.string(), size: z.number().gt(0).lt(10.5) },
    )
    await assertDocument(
      app,
      readItemsDocument([
        itemId({ minimum: 0, maximum: 1000 }),
        requiredQ,
        {
          in: 'query',
          name: 'size',
          required: true,
          schema: { exclusiveMaximum: 10.5, exclusiveMinimum: 0, title: 'Size', type: 'number' },
        },
      ]),
    )
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
  const itemProperties = {
    name: { type: 'string', title: 'Name' },
    description: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Description' },
    price: { type: 'number', title: 'Price' },
    tax: { anyOf: [{ type: 'number' }, { type: 'null' }], title: 'Tax' },
  }
  const itemSchema = {
    properties: itemProperties,
    type: 'object',
    required: ['name', 'price'],
    title: 'Item',
  }
  const foo = { name: 'Foo', description: 'A very nice Item', price: 35.4, tax: 3.2 }

  /** The chapter's `PUT /items/{item_id}` app, `update_item`, with this body. */
  function updateItemApp(body: z.ZodType): App {
    const app = fastapi()
    app.put('/items/{item_id}', { path: { item_id: z.int() }, body }, async function update_item() {
      return {}
    })
    return app
  }

  const updateItemDocument = (bodySchema: object, schemas: object, media: object = {}) => ({
    openapi: '3.1.0',
    info: { title: 'FastAPI', version: '0.1.0' },
    paths: {
      '/items/{item_id}': {
        put: {
          summary: 'Update Item',
          operationId: 'update_item_items__item_id__put',
          parameters: [
            { name: 'item_id', in: 'path', required: true, schema: { type: 'integer', title: 'Item Id' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: bodySchema, ...media } } },
          responses: { '200': ok(), '422': invalid },
        },
      },
    },
    components: { schemas: { ...validationSchemas, ...schemas } },
  })

  test('test_tutorial001.py: model-level examples (json_schema_extra)', async () => {
    const Example = z.object(shape).meta({ id: 'Item', examples: [foo] })
    await assertDocument(
      updateItemApp(Example),
      updateItemDocument(ref('Item'), { Item: { ...itemSchema, examples: [foo] } }),
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
      updateItemDocument(ref('Item'), {
        Item: {
          ...itemSchema,
          properties: {
            name: { ...itemProperties.name, examples: ['Foo'] },
            description: { ...itemProperties.description, examples: ['A very nice Item'] },
            price: { ...itemProperties.price, examples: [35.4] },
            tax: { ...itemProperties.tax, examples: [3.2] },
          },
        },
      }),
    )
  })

  test('test_tutorial003.py: Body(examples=...) beside the $ref', async () => {
    await assertDocument(
      updateItemApp(Item.meta({ examples: [foo] })),
      updateItemDocument({ $ref: '#/components/schemas/Item', examples: [foo] }, { Item: itemSchema }),
    )
  })

  test('test_tutorial004.py: several examples, invalid ones too', async () => {
    const examples = [foo, { name: 'Bar', price: '35.4' }, { name: 'Baz', price: 'thirty five point four' }]
    await assertDocument(
      updateItemApp(Item.meta({ examples })),
      updateItemDocument({ $ref: '#/components/schemas/Item', examples }, { Item: itemSchema }),
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
      updateItemDocument(ref('Item'), { Item: itemSchema }, { examples: openapiExamples }),
    )
  })
})
