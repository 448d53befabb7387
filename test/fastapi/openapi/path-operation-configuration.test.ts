// Conformance: Brisk's OpenAPI document against FastAPI's for the "Path Operation Configuration"
// tutorial. Each expectation is copied from the FastAPI test named in the test's title
// (fastapi/fastapi tests/test_tutorial/test_path_operation_configurations/…, the Python 3.10+ /
// Pydantic v2 variant) and compared as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

// Pydantic documents `tags: set[str] = set()` as an array of unique strings defaulting to `[]`.

const Item = z
  .object({
    name: z.string(),
    description: z.string().nullable().default(null),
    price: z.number(),
    tax: z.number().nullable().default(null),
    tags: z.set(z.string()).default(new Set()),
  })
  .meta({ id: 'Item' })
const itemSchema = {
  properties: {
    description: { anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Description' },
    name: { title: 'Name', type: 'string' },
    price: { title: 'Price', type: 'number' },
    tags: { default: [], items: { type: 'string' }, title: 'Tags', type: 'array', uniqueItems: true },
    tax: { anyOf: [{ type: 'number' }, { type: 'null' }], title: 'Tax' },
  },
  required: ['name', 'price'],
  title: 'Item',
  type: 'object',
}

/** The `POST /items/` document of tutorials 001 and 003-005, its operation changed by `operation`. */
const createItemDocument = (operation: object) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/items/': {
      post: {
        summary: 'Create Item',
        operationId: 'create_item_items__post',
        requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
        responses: { '200': ok(ref('Item')), '422': invalid },
        ...operation,
      },
    },
  },
  components: { schemas: { ...validationSchemas, Item: itemSchema } },
})

const DOCSTRING =
  "Create an item with all the information:\n\n- **name**: each item must have a name\n- **description**: a long description\n- **price**: required\n- **tax**: if the item doesn't have tax, you can omit this\n- **tags**: a set of unique tag strings for this item"

describe('path_operation_configuration', () => {
  test('test_tutorial001.py: status_code', async () => {
    const app = fastapi()
    app.post('/items/', { body: Item, response: Item, status: 201 }, async function create_item({ body }) {
      return body
    })
    await assertDocument(app, createItemDocument({ responses: { '201': ok(ref('Item')), '422': invalid } }))
  })

  test('test_tutorial002.py: tags', async () => {
    const app = fastapi()
    app.post(
      '/items/',
      { body: Item, response: Item, tags: ['items'] },
      async function create_item({ body }) {
        return body
      },
    )
    app.get('/items/', { tags: ['items'] }, async function read_items() {
      return [{ name: 'Foo', price: 42 }]
    })
    app.get('/users/', { tags: ['users'] }, async function read_users() {
      return [{ username: 'johndoe' }]
    })
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            tags: ['items'],
            summary: 'Read Items',
            operationId: 'read_items_items__get',
            responses: { '200': ok() },
          },
          post: {
            tags: ['items'],
            summary: 'Create Item',
            operationId: 'create_item_items__post',
            requestBody: { content: { 'application/json': { schema: ref('Item') } }, required: true },
            responses: { '200': ok(ref('Item')), '422': invalid },
          },
        },
        '/users/': {
          get: {
            tags: ['users'],
            summary: 'Read Users',
            operationId: 'read_users_users__get',
            responses: { '200': ok() },
          },
        },
      },
      components: { schemas: { ...validationSchemas, Item: itemSchema } },
    })
  })

  test('test_tutorial002b.py: tags from an enum', async () => {
    // Python's `class Tags(Enum)`: a TypeScript enum's values are the tag names.
    enum Tags {
      items = 'items',
      users = 'users',
    }
    const app = fastapi()
    app.get('/items/', { tags: [Tags.items] }, async function get_items() {
      return ['Portal gun', 'Plumbus']
    })
    app.get('/users/', { tags: [Tags.users] }, async function read_users() {
      return ['Rick', 'Morty']
    })
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            tags: ['items'],
            summary: 'Get Items',
            operationId: 'get_items_items__get',
            responses: { '200': ok() },
          },
        },
        '/users/': {
          get: {
            tags: ['users'],
            summary: 'Read Users',
            operationId: 'read_users_users__get',
            responses: { '200': ok() },
          },
        },
      },
    })
  })

  for (const [name, description] of [
    [
      'tutorial003: summary and description',
      'Create an item with all the information, name, description, price, tax and a set of unique tags',
    ],
    // FastAPI reads the docstring; Brisk has none, so the same text is the `description` option.
    ['tutorial004: a description from the docstring', DOCSTRING],
  ]) {
    test(`test_tutorial003_tutorial004.py, ${name}`, async () => {
      const app = fastapi()
      app.post(
        '/items/',
        { body: Item, response: Item, summary: 'Create an item', description },
        async function create_item({ body }) {
          return body
        },
      )
      await assertDocument(app, createItemDocument({ summary: 'Create an item', description }))
    })
  }

  test('test_tutorial005.py: response_description', async () => {
    const app = fastapi()
    app.post(
      '/items/',
      {
        body: Item,
        response: Item,
        summary: 'Create an item',
        description: DOCSTRING,
        responseDescription: 'The created item',
      },
      async function create_item({ body }) {
        return body
      },
    )
    await assertDocument(
      app,
      createItemDocument({
        summary: 'Create an item',
        description: DOCSTRING,
        responses: {
          '200': {
            description: 'The created item',
            content: { 'application/json': { schema: ref('Item') } },
          },
          '422': invalid,
        },
      }),
    )
  })

  test('test_tutorial006.py: deprecated', async () => {
    const app = fastapi()
    app.get('/items/', { tags: ['items'] }, async function read_items() {
      return [{ name: 'Foo', price: 42 }]
    })
    app.get('/users/', { tags: ['users'] }, async function read_users() {
      return [{ username: 'johndoe' }]
    })
    app.get('/elements/', { tags: ['items'], deprecated: true }, async function read_elements() {
      return [{ item_id: 'Foo' }]
    })
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: {
        '/items/': {
          get: {
            responses: { '200': ok() },
            tags: ['items'],
            summary: 'Read Items',
            operationId: 'read_items_items__get',
          },
        },
        '/users/': {
          get: {
            responses: { '200': ok() },
            tags: ['users'],
            summary: 'Read Users',
            operationId: 'read_users_users__get',
          },
        },
        '/elements/': {
          get: {
            responses: { '200': ok() },
            tags: ['items'],
            summary: 'Read Elements',
            operationId: 'read_elements_elements__get',
            deprecated: true,
          },
        },
      },
    })
  })
})
