// Conformance: Brisk's OpenAPI document against FastAPI's for the "Body - Nested Models" tutorial.
// Each expectation is copied from the FastAPI test named in the test's title (fastapi/fastapi
// tests/test_tutorial/test_body_nested_models/…, the Python 3.10+ / Pydantic v2 variant) and
// compared as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

// FastAPI titles a whole-body schema that is not a bare `$ref` by the handler parameter's name
// (`images` → "Images"); a Brisk body has no name, so it has no title (D4).
// FastAPI titles a whole body by the handler parameter's name (`images` → "Images"); a Brisk body
// has no parameter name, so the port names it with `.meta({ title })` (a deliberate difference,
// docs/design.md).

// Pydantic documents `tags: set[str] = set()` as an array of unique strings defaulting to `[]`.

const baseItem = {
  name: z.string(),
  description: z.string().nullable().default(null),
  price: z.number(),
  tax: z.number().nullable().default(null),
}
const baseItemProperties = {
  name: { title: 'Name', type: 'string' },
  description: { title: 'Description', anyOf: [{ type: 'string' }, { type: 'null' }] },
  price: { title: 'Price', type: 'number' },
  tax: { title: 'Tax', anyOf: [{ type: 'number' }, { type: 'null' }] },
}

// Pydantic's `HttpUrl` carries its length limits; zod's `z.url()` needs them spelled out.
const Image = z.object({ url: z.url().min(1).max(2083), name: z.string() }).meta({ id: 'Image' })
const imageSchema = {
  properties: {
    url: { title: 'Url', type: 'string', format: 'uri', maxLength: 2083, minLength: 1 },
    name: { title: 'Name', type: 'string' },
  },
  required: ['url', 'name'],
  title: 'Image',
  type: 'object',
}

/** The chapter's `PUT /items/{item_id}` app, `update_item(item_id: int, item: Item)`. */
function updateItemApp(item: z.ZodType): App {
  const app = fastapi()
  app.put('/items/{item_id}', { path: { item_id: z.int() }, body: item }, async function update_item() {
    return {}
  })
  return app
}

/** The document of `updateItemApp`, with the given components besides the validation ones. */
const updateItemDocument = (schemas: object) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/items/{item_id}': {
      put: {
        parameters: [
          { in: 'path', name: 'item_id', required: true, schema: { title: 'Item Id', type: 'integer' } },
        ],
        responses: { '200': ok(), '422': invalid },
        summary: 'Update Item',
        operationId: 'update_item_items__item_id__put',
        requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
      },
    },
  },
  components: { schemas: { ...validationSchemas, ...schemas } },
})

describe('body_nested_models', () => {
  // One FastAPI test covers three apps; only the schema of `tags` differs.
  for (const [name, tags, tagsSchema] of [
    ['tutorial001: an untyped list', z.array(z.unknown()).default([]), { type: 'array', items: {} }],
    [
      'tutorial002: a list of strings',
      z.array(z.string()).default([]),
      { type: 'array', items: { type: 'string' } },
    ],
    [
      'tutorial003: a set of strings',
      z.set(z.string()).default(new Set()),
      { type: 'array', items: { type: 'string' }, uniqueItems: true },
    ],
  ] as const) {
    test(`test_tutorial001_tutorial002_tutorial003.py, ${name}`, async () => {
      const Item = z.object({ ...baseItem, tags }).meta({ id: 'Item' })
      await assertDocument(
        updateItemApp(Item),
        updateItemDocument({
          Item: {
            properties: { ...baseItemProperties, tags: { default: [], title: 'Tags', ...tagsSchema } },
            required: ['name', 'price'],
            title: 'Item',
            type: 'object',
          },
        }),
      )
    })
  }

  test('test_tutorial004.py: a nested model', async () => {
    const PlainImage = z.object({ url: z.string(), name: z.string() }).meta({ id: 'Image' })
    const Item = z
      .object({
        ...baseItem,
        tags: z.set(z.string()).default(new Set()),
        image: PlainImage.nullable().default(null),
      })
      .meta({ id: 'Item' })
    await assertDocument(
      updateItemApp(Item),
      updateItemDocument({
        Image: {
          properties: { url: { title: 'Url', type: 'string' }, name: { title: 'Name', type: 'string' } },
          required: ['url', 'name'],
          title: 'Image',
          type: 'object',
        },
        Item: {
          properties: {
            ...baseItemProperties,
            tags: { title: 'Tags', default: [], type: 'array', items: { type: 'string' }, uniqueItems: true },
            image: { anyOf: [ref('Image'), { type: 'null' }] },
          },
          required: ['name', 'price'],
          title: 'Item',
          type: 'object',
        },
      }),
    )
  })

  test('test_tutorial005.py: a nested model with a URL', async () => {
    const Item = z
      .object({
        ...baseItem,
        tags: z.set(z.string()).default(new Set()),
        image: Image.nullable().default(null),
      })
      .meta({ id: 'Item' })
    await assertDocument(
      updateItemApp(Item),
      updateItemDocument({
        Image: imageSchema,
        Item: {
          properties: {
            ...baseItemProperties,
            tags: { title: 'Tags', default: [], type: 'array', items: { type: 'string' }, uniqueItems: true },
            image: { anyOf: [ref('Image'), { type: 'null' }] },
          },
          required: ['name', 'price'],
          title: 'Item',
          type: 'object',
        },
      }),
    )
  })

  const imagesItem = z
    .object({
      ...baseItem,
      tags: z.set(z.string()).default(new Set()),
      images: z.array(Image).nullable().default(null),
    })
    .meta({ id: 'Item' })
  const imagesItemSchema = {
    properties: {
      ...baseItemProperties,
      tags: { title: 'Tags', default: [], type: 'array', items: { type: 'string' }, uniqueItems: true },
      images: { anyOf: [{ items: ref('Image'), type: 'array' }, { type: 'null' }], title: 'Images' },
    },
    required: ['name', 'price'],
    title: 'Item',
    type: 'object',
  }

  test('test_tutorial006.py: a list of nested models', async () => {
    await assertDocument(
      updateItemApp(imagesItem),
      updateItemDocument({ Image: imageSchema, Item: imagesItemSchema }),
    )
  })

  test('test_tutorial007.py: deeply nested models', async () => {
    const Offer = z
      .object({
        name: z.string(),
        description: z.string().nullable().default(null),
        price: z.number(),
        items: z.array(imagesItem),
      })
      .meta({ id: 'Offer' })
    const app = fastapi()
    app.post('/offers/', { body: Offer }, async function create_offer({ body }) {
      return body
    })
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/offers/': {
          post: {
            responses: { '200': ok(), '422': invalid },
            summary: 'Create Offer',
            operationId: 'create_offer_offers__post',
            requestBody: { content: { 'application/json': { schema: ref('Offer') } }, required: true },
          },
        },
      },
      components: {
        schemas: {
          ...validationSchemas,
          Image: imageSchema,
          Item: imagesItemSchema,
          Offer: {
            properties: {
              name: { title: 'Name', type: 'string' },
              description: { title: 'Description', anyOf: [{ type: 'string' }, { type: 'null' }] },
              price: { title: 'Price', type: 'number' },
              items: { title: 'Items', type: 'array', items: ref('Item') },
            },
            required: ['name', 'price', 'items'],
            title: 'Offer',
            type: 'object',
          },
        },
      },
    })
  })

  test('test_tutorial008.py: a list of models as the body', async () => {
    const app = fastapi()
    app.post(
      '/images/multiple/',
      { body: z.array(Image).meta({ title: 'Images' }) },
      async function create_multiple_images({ body }) {
        return body
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/images/multiple/': {
          post: {
            responses: { '200': ok(), '422': invalid },
            summary: 'Create Multiple Images',
            operationId: 'create_multiple_images_images_multiple__post',
            requestBody: {
              content: {
                'application/json': { schema: { title: 'Images', type: 'array', items: ref('Image') } },
              },
              required: true,
            },
          },
        },
      },
      components: { schemas: { ...validationSchemas, Image: imageSchema } },
    })
  })

  test('test_tutorial009.py: a dict body', async () => {
    // `dict[int, float]`: JSON object keys are strings whatever Python makes of them.
    const app = fastapi()
    app.post(
      '/index-weights/',
      { body: z.record(z.string(), z.number()).meta({ title: 'Weights' }) },
      async function create_index_weights({ body }) {
        return body
      },
    )
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/index-weights/': {
          post: {
            responses: { '200': ok(), '422': invalid },
            summary: 'Create Index Weights',
            operationId: 'create_index_weights_index_weights__post',
            requestBody: {
              content: {
                'application/json': {
                  schema: { title: 'Weights', type: 'object', additionalProperties: { type: 'number' } },
                },
              },
              required: true,
            },
          },
        },
      },
      components: { schemas: { ...validationSchemas } },
    })
  })
})
