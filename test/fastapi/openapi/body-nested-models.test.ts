// Conformance: Brisk's OpenAPI document against FastAPI's for the "Body - Nested Models" tutorial.
// Each expected document is the one the FastAPI test named in the test's title expects
// (fastapi/fastapi tests/test_tutorial/test_body_nested_models/…, the Python 3.10+ / Pydantic v2
// variant), copied as JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument),
// and compared whole as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

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

// Pydantic's `HttpUrl` carries its length limits; zod's `z.url()` needs them spelled out.
const Image = z.object({ url: z.url().min(1).max(2083), name: z.string() }).meta({ id: 'Image' })

/** The chapter's `PUT /items/{item_id}` app, `update_item(item_id: int, item: Item)`. */
function updateItemApp(item: z.ZodType): App {
  const app = fastapi()
  app.put('/items/{item_id}', { path: { item_id: z.int() }, body: item }, async function update_item() {
    return {}
  })
  return app
}

describe('body_nested_models', () => {
  // One FastAPI test covers three apps; only the schema of `tags` differs.
  for (const [tutorial, what, tags] of [
    ['tutorial001', 'an untyped list', z.array(z.unknown()).default([])],
    ['tutorial002', 'a list of strings', z.array(z.string()).default([])],
    ['tutorial003', 'a set of strings', z.set(z.string()).default(new Set())],
  ] as const) {
    test(`test_tutorial001_tutorial002_tutorial003.py, ${tutorial}: ${what}`, async () => {
      const Item = z.object({ ...baseItem, tags }).meta({ id: 'Item' })
      await assertDocument(
        updateItemApp(Item),
        fastapiDocument('test_body_nested_models/test_tutorial001_tutorial002_tutorial003.py', tutorial),
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
    await assertDocument(updateItemApp(Item), fastapiDocument('test_body_nested_models/test_tutorial004.py'))
  })

  test('test_tutorial005.py: a nested model with a URL', async () => {
    const Item = z
      .object({
        ...baseItem,
        tags: z.set(z.string()).default(new Set()),
        image: Image.nullable().default(null),
      })
      .meta({ id: 'Item' })
    await assertDocument(updateItemApp(Item), fastapiDocument('test_body_nested_models/test_tutorial005.py'))
  })

  const imagesItem = z
    .object({
      ...baseItem,
      tags: z.set(z.string()).default(new Set()),
      images: z.array(Image).nullable().default(null),
    })
    .meta({ id: 'Item' })

  test('test_tutorial006.py: a list of nested models', async () => {
    await assertDocument(
      updateItemApp(imagesItem),
      fastapiDocument('test_body_nested_models/test_tutorial006.py'),
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
    await assertDocument(app, fastapiDocument('test_body_nested_models/test_tutorial007.py'))
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
    await assertDocument(app, fastapiDocument('test_body_nested_models/test_tutorial008.py'))
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
    await assertDocument(app, fastapiDocument('test_body_nested_models/test_tutorial009.py'))
  })
})
