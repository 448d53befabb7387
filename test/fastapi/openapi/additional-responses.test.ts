// Conformance: Brisk's OpenAPI document against FastAPI's for the "Additional Responses in OpenAPI"
// tutorial. Each expected document is the one the FastAPI test named in the test's title expects
// (fastapi/fastapi tests/test_tutorial/test_additional_responses/…, the Python 3.10+ / Pydantic v2
// variant), copied as JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument),
// and compared whole as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

const Item = z.object({ id: z.string(), value: z.string() }).meta({ id: 'Item' })
const Message = z.object({ message: z.string() }).meta({ id: 'Message' })

describe('additional_responses', () => {
  test('test_tutorial001.py: a model for a 404', async () => {
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      { path: { item_id: z.string() }, response: Item, responses: { 404: { model: Message } } },
      async function read_item() {
        return { id: 'foo', value: 'there goes my hero' }
      },
    )
    await assertDocument(app, fastapiDocument('test_additional_responses/test_tutorial001.py'))
  })

  test('test_tutorial002.py: another media type for the 200, merged with the model', async () => {
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      {
        path: { item_id: z.string() },
        query: { img: z.boolean().nullable().default(null) },
        response: Item,
        responses: {
          200: { content: { 'image/png': {} }, description: 'Return the JSON item or an image.' },
        },
      },
      async function read_item() {
        return { id: 'foo', value: 'there goes my hero' }
      },
    )
    await assertDocument(app, fastapiDocument('test_additional_responses/test_tutorial002.py'))
  })

  test('test_tutorial003.py: a model, a description and an example', async () => {
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      {
        path: { item_id: z.string() },
        response: Item,
        responses: {
          404: { model: Message, description: 'The item was not found' },
          200: {
            description: 'Item requested by ID',
            content: { 'application/json': { example: { id: 'bar', value: 'The bar tenders' } } },
          },
        },
      },
      async function read_item() {
        return { id: 'foo', value: 'there goes my hero' }
      },
    )
    await assertDocument(app, fastapiDocument('test_additional_responses/test_tutorial003.py'))
  })

  test('test_tutorial004.py: predefined responses combined with custom ones', async () => {
    const responses = {
      404: { description: 'Item not found' },
      302: { description: 'The item was moved' },
      403: { description: 'Not enough privileges' },
    }
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      {
        path: { item_id: z.string() },
        query: { img: z.boolean().nullable().default(null) },
        response: Item,
        responses: { ...responses, 200: { content: { 'image/png': {} } } },
      },
      async function read_item() {
        return { id: 'foo', value: 'there goes my hero' }
      },
    )
    await assertDocument(app, fastapiDocument('test_additional_responses/test_tutorial004.py'))
  })
})
