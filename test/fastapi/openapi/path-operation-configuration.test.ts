// Conformance: Brisk's OpenAPI document against FastAPI's for the "Path Operation Configuration"
// tutorial. Each expected document is the one the FastAPI test named in the test's title expects
// (fastapi/fastapi tests/test_tutorial/test_path_operation_configurations/…, the Python 3.10+ /
// Pydantic v2 variant), copied as JSON into test/fastapi/fixtures/ under that test's name
// (fastapiDocument), and compared whole as parsed JSON, the way those tests read /openapi.json.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

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

const DOCSTRING =
  "Create an item with all the information:\n\n- **name**: each item must have a name\n- **description**: a long description\n- **price**: required\n- **tax**: if the item doesn't have tax, you can omit this\n- **tags**: a set of unique tag strings for this item"

describe('path_operation_configuration', () => {
  test('test_tutorial001.py: status_code', async () => {
    const app = fastapi()
    app.post('/items/', { body: Item, response: Item, status: 201 }, async function create_item({ body }) {
      return body
    })
    await assertDocument(app, fastapiDocument('test_path_operation_configurations/test_tutorial001.py'))
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
    await assertDocument(app, fastapiDocument('test_path_operation_configurations/test_tutorial002.py'))
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
    await assertDocument(app, fastapiDocument('test_path_operation_configurations/test_tutorial002b.py'))
  })

  for (const [tutorial, what, description] of [
    [
      'tutorial003',
      'summary and description',
      'Create an item with all the information, name, description, price, tax and a set of unique tags',
    ],
    // FastAPI reads the docstring; Brisk has none, so the same text is the `description` option.
    ['tutorial004', 'a description from the docstring', DOCSTRING],
  ] as const) {
    test(`test_tutorial003_tutorial004.py, ${tutorial}: ${what}`, async () => {
      const app = fastapi()
      app.post(
        '/items/',
        { body: Item, response: Item, summary: 'Create an item', description },
        async function create_item({ body }) {
          return body
        },
      )
      await assertDocument(
        app,
        fastapiDocument('test_path_operation_configurations/test_tutorial003_tutorial004.py', tutorial),
      )
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
    await assertDocument(app, fastapiDocument('test_path_operation_configurations/test_tutorial005.py'))
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
    await assertDocument(app, fastapiDocument('test_path_operation_configurations/test_tutorial006.py'))
  })
})
