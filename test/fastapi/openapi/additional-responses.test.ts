// Conformance: Brisk's OpenAPI document against FastAPI's for the "Additional Responses in OpenAPI"
// tutorial. Each expectation is copied from the FastAPI test named in the test's title
// (fastapi/fastapi tests/test_tutorial/test_additional_responses/…, the Python 3.10+ / Pydantic v2
// variant) and compared as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

const Item = z.object({ id: z.string(), value: z.string() }).meta({ id: 'Item' })
const Message = z.object({ message: z.string() }).meta({ id: 'Message' })
const itemSchema = {
  title: 'Item',
  required: ['id', 'value'],
  type: 'object',
  properties: { id: { title: 'Id', type: 'string' }, value: { title: 'Value', type: 'string' } },
}
const messageSchema = {
  title: 'Message',
  required: ['message'],
  type: 'object',
  properties: { message: { title: 'Message', type: 'string' } },
}

const itemIdParameter = {
  required: true,
  schema: { title: 'Item Id', type: 'string' },
  name: 'item_id',
  in: 'path',
}
const imgParameter = {
  required: false,
  schema: { anyOf: [{ type: 'boolean' }, { type: 'null' }], title: 'Img' },
  name: 'img',
  in: 'query',
}

/** The chapter's document: `GET /items/{item_id}`, `read_item`, with these responses and parameters. */
const readItemDocument = (responses: object, parameters: object[], schemas: object) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/items/{item_id}': {
      get: { responses, summary: 'Read Item', operationId: 'read_item_items__item_id__get', parameters },
    },
  },
  components: { schemas: { ...validationSchemas, ...schemas } },
})

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
    await assertDocument(
      app,
      readItemDocument(
        {
          '404': { description: 'Not Found', content: { 'application/json': { schema: ref('Message') } } },
          '200': ok(ref('Item')),
          '422': invalid,
        },
        [itemIdParameter],
        { Item: itemSchema, Message: messageSchema },
      ),
    )
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
    await assertDocument(
      app,
      readItemDocument(
        {
          '200': {
            description: 'Return the JSON item or an image.',
            content: { 'image/png': {}, 'application/json': { schema: ref('Item') } },
          },
          '422': invalid,
        },
        [itemIdParameter, imgParameter],
        { Item: itemSchema },
      ),
    )
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
    await assertDocument(
      app,
      readItemDocument(
        {
          '404': {
            description: 'The item was not found',
            content: { 'application/json': { schema: ref('Message') } },
          },
          '200': {
            description: 'Item requested by ID',
            content: {
              'application/json': { schema: ref('Item'), example: { id: 'bar', value: 'The bar tenders' } },
            },
          },
          '422': invalid,
        },
        [itemIdParameter],
        { Item: itemSchema, Message: messageSchema },
      ),
    )
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
    await assertDocument(
      app,
      readItemDocument(
        {
          '404': { description: 'Item not found' },
          '302': { description: 'The item was moved' },
          '403': { description: 'Not enough privileges' },
          '200': {
            description: 'Successful Response',
            content: { 'image/png': {}, 'application/json': { schema: ref('Item') } },
          },
          '422': invalid,
        },
        [itemIdParameter, imgParameter],
        { Item: itemSchema },
      ),
    )
  })
})
