// Conformance: Brisk's OpenAPI document against FastAPI's for the "Generating SDKs" tutorial:
// tags and operationIds, which client generators turn into service and method names. Each
// expectation is copied from the FastAPI test named in the test's title (fastapi/fastapi
// tests/test_tutorial/test_generate_clients/…, the Python 3.10+ / Pydantic v2 variant) and
// compared as parsed JSON, the way those tests read /openapi.json.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App, AppOptions } from '../../../src/index.js'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

const Item = z.object({ name: z.string(), price: z.number() }).meta({ id: 'Item' })
const ResponseMessage = z.object({ message: z.string() }).meta({ id: 'ResponseMessage' })
const User = z.object({ username: z.string(), email: z.string() }).meta({ id: 'User' })
const schemas = {
  ...validationSchemas,
  Item: {
    title: 'Item',
    required: ['name', 'price'],
    type: 'object',
    properties: { name: { title: 'Name', type: 'string' }, price: { title: 'Price', type: 'number' } },
  },
  ResponseMessage: {
    title: 'ResponseMessage',
    required: ['message'],
    type: 'object',
    properties: { message: { title: 'Message', type: 'string' } },
  },
}
const userSchema = {
  title: 'User',
  required: ['username', 'email'],
  type: 'object',
  properties: { username: { title: 'Username', type: 'string' }, email: { title: 'Email', type: 'string' } },
}

/** tutorial002's app, and tutorial003's when given its `generate_unique_id_function`. */
function taggedApp(options: AppOptions = {}): App {
  const app = fastapi(options)
  app.post(
    '/items/',
    { body: Item, response: ResponseMessage, tags: ['items'] },
    async function create_item() {
      return { message: 'Item received' }
    },
  )
  app.get('/items/', { response: z.array(Item), tags: ['items'] }, async function get_items() {
    return [
      { name: 'Plumbus', price: 3 },
      { name: 'Portal Gun', price: 9001 },
    ]
  })
  app.post(
    '/users/',
    { body: User, response: ResponseMessage, tags: ['users'] },
    async function create_user() {
      return { message: 'User received' }
    },
  )
  return app
}

// tutorial003's `custom_generate_unique_id(route)`: `f"{route.tags[0]}-{route.name}"`.
const tagPrefixed: AppOptions = { generateOperationId: (route) => `${route.tags[0]}-${route.name}` }

describe('generate_clients', () => {
  test('test_tutorial001.py', async () => {
    const app = fastapi()
    app.post('/items/', { body: Item, response: ResponseMessage }, async function create_item() {
      return { message: 'item received' }
    })
    app.get('/items/', { response: z.array(Item) }, async function get_items() {
      return [
        { name: 'Plumbus', price: 3 },
        { name: 'Portal Gun', price: 9001 },
      ]
    })
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            summary: 'Get Items',
            operationId: 'get_items_items__get',
            responses: {
              '200': ok({ title: 'Response Get Items Items  Get', type: 'array', items: ref('Item') }),
            },
          },
          post: {
            summary: 'Create Item',
            operationId: 'create_item_items__post',
            requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
            responses: { '200': ok(ref('ResponseMessage')), '422': invalid },
          },
        },
      },
      components: { schemas },
    })
  })

  test('test_tutorial002.py: tags', async () => {
    await assertDocument(taggedApp(), {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            tags: ['items'],
            summary: 'Get Items',
            operationId: 'get_items_items__get',
            responses: {
              '200': ok({ title: 'Response Get Items Items  Get', type: 'array', items: ref('Item') }),
            },
          },
          post: {
            tags: ['items'],
            summary: 'Create Item',
            operationId: 'create_item_items__post',
            requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
            responses: { '200': ok(ref('ResponseMessage')), '422': invalid },
          },
        },
        '/users/': {
          post: {
            tags: ['users'],
            summary: 'Create User',
            operationId: 'create_user_users__post',
            requestBody: { content: { 'application/json': { schema: ref('User') } }, required: true },
            responses: { '200': ok(ref('ResponseMessage')), '422': invalid },
          },
        },
      },
      components: { schemas: { ...schemas, User: userSchema } },
    })
  })

  test('test_tutorial003.py: custom operationIds, and the response title follows them', async () => {
    await assertDocument(taggedApp(tagPrefixed), {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            tags: ['items'],
            summary: 'Get Items',
            operationId: 'items-get_items',
            responses: {
              '200': ok({ title: 'Response Items-Get Items', type: 'array', items: ref('Item') }),
            },
          },
          post: {
            tags: ['items'],
            summary: 'Create Item',
            operationId: 'items-create_item',
            requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
            responses: { '200': ok(ref('ResponseMessage')), '422': invalid },
          },
        },
        '/users/': {
          post: {
            tags: ['users'],
            summary: 'Create User',
            operationId: 'users-create_user',
            requestBody: { content: { 'application/json': { schema: ref('User') } }, required: true },
            responses: { '200': ok(ref('ResponseMessage')), '422': invalid },
          },
        },
      },
      components: { schemas: { ...schemas, User: userSchema } },
    })
  })

  test('test_tutorial004.py: the tag prefix removed from the exported document', async () => {
    // tutorial004 is a script editing the exported openapi.json; the same edit on a copy.
    const document = structuredClone(taggedApp(tagPrefixed).openapi())
    for (const pathItem of Object.values(document.paths)) {
      for (const operation of Object.values(pathItem)) {
        operation.operationId = operation.operationId.slice(`${operation.tags[0]}-`.length)
      }
    }
    assert.deepEqual(JSON.parse(JSON.stringify(document)), {
      components: {
        schemas: {
          ...validationSchemas,
          Item: {
            properties: {
              name: { title: 'Name', type: 'string' },
              price: { title: 'Price', type: 'number' },
            },
            required: ['name', 'price'],
            title: 'Item',
            type: 'object',
          },
          ResponseMessage: {
            properties: { message: { title: 'Message', type: 'string' } },
            required: ['message'],
            title: 'ResponseMessage',
            type: 'object',
          },
          User: {
            properties: {
              email: { title: 'Email', type: 'string' },
              username: { title: 'Username', type: 'string' },
            },
            required: ['username', 'email'],
            title: 'User',
            type: 'object',
          },
        },
      },
      info: { title: 'FastAPI', version: '0.1.0' },
      openapi: '3.1.0',
      paths: {
        '/items/': {
          get: {
            operationId: 'get_items',
            responses: {
              '200': ok({ items: ref('Item'), title: 'Response Items-Get Items', type: 'array' }),
            },
            summary: 'Get Items',
            tags: ['items'],
          },
          post: {
            operationId: 'create_item',
            requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
            responses: { '200': ok(ref('ResponseMessage')), '422': invalid },
            summary: 'Create Item',
            tags: ['items'],
          },
        },
        '/users/': {
          post: {
            operationId: 'create_user',
            requestBody: { content: { 'application/json': { schema: ref('User') } }, required: true },
            responses: { '200': ok(ref('ResponseMessage')), '422': invalid },
            summary: 'Create User',
            tags: ['users'],
          },
        },
      },
    })
  })
})
