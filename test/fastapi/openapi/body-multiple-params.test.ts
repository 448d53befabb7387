// Conformance: Brisk's OpenAPI document against FastAPI's for the "Body - Multiple Parameters"
// tutorial. Each expected document is the one the FastAPI test named in the test's title expects
// (fastapi/fastapi tests/test_tutorial/test_body_multiple_params/…, the Python 3.10+ / Pydantic v2
// variant), copied as JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument),
// and compared whole as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

const Item = z
  .object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().nullable().default(null),
  })
  .meta({ id: 'Item' })
const User = z
  .object({ username: z.string(), full_name: z.string().nullable().default(null) })
  .meta({ id: 'User' })

describe('body_multiple_params', () => {
  // FastAPI titles a body schema that is not a bare `$ref` by the parameter's name (`item` →
  // "Item"); Brisk titles an optional model body by its model, which is the same here.
  test('test_tutorial001.py: Path() constraints and an optional body', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      {
        path: { item_id: z.int().min(0).max(1000).meta({ title: 'The ID of the item to get' }) },
        query: { q: z.string().nullable().default(null) },
        body: Item.nullable().default(null),
      },
      async function update_item() {
        return {}
      },
    )
    await assertDocument(app, fastapiDocument('test_body_multiple_params/test_tutorial001.py'))
  })

  test('test_tutorial002.py: two model bodies are embedded', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: { item: Item, user: User } },
      async function update_item() {
        return {}
      },
    )
    await assertDocument(app, fastapiDocument('test_body_multiple_params/test_tutorial002.py'))
  })

  test('test_tutorial003.py: a singular value in the body', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: { item: Item, user: User, importance: z.int() } },
      async function update_item() {
        return {}
      },
    )
    await assertDocument(app, fastapiDocument('test_body_multiple_params/test_tutorial003.py'))
  })

  test('test_tutorial004.py: a constrained body value and a query parameter', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      {
        path: { item_id: z.int() },
        query: { q: z.string().nullable().default(null) },
        body: { item: Item, user: User, importance: z.int().gt(0) },
      },
      async function update_item() {
        return {}
      },
    )
    await assertDocument(app, fastapiDocument('test_body_multiple_params/test_tutorial004.py'))
  })

  test('test_tutorial005.py: Body(embed=True)', async () => {
    const app = fastapi()
    app.put(
      '/items/{item_id}',
      { path: { item_id: z.int() }, body: { item: Item } },
      async function update_item() {
        return {}
      },
    )
    await assertDocument(app, fastapiDocument('test_body_multiple_params/test_tutorial005.py'))
  })
})
