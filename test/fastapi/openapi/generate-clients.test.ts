// Conformance: Brisk's OpenAPI document against FastAPI's for the "Generating SDKs" tutorial: tags
// and operationIds, which client generators turn into service and method names. Each expected
// document is the one the FastAPI test named in the test's title expects (fastapi/fastapi
// tests/test_tutorial/test_generate_clients/…, the Python 3.10+ / Pydantic v2 variant), copied as
// JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared whole as
// parsed JSON, the way those tests read /openapi.json.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import type { App, AppOptions } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'

const Item = z.object({ name: z.string(), price: z.number() }).meta({ id: 'Item' })
const ResponseMessage = z.object({ message: z.string() }).meta({ id: 'ResponseMessage' })
const User = z.object({ username: z.string(), email: z.string() }).meta({ id: 'User' })

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
    await assertDocument(app, fastapiDocument('test_generate_clients/test_tutorial001.py'))
  })

  test('test_tutorial002.py: tags', async () => {
    await assertDocument(taggedApp(), fastapiDocument('test_generate_clients/test_tutorial002.py'))
  })

  test('test_tutorial003.py: custom operationIds, and the response title follows them', async () => {
    await assertDocument(taggedApp(tagPrefixed), fastapiDocument('test_generate_clients/test_tutorial003.py'))
  })

  test('test_tutorial004.py: the tag prefix removed from the exported document', async () => {
    // tutorial004 is a script editing the exported openapi.json; the same edit on a copy.
    const document = structuredClone(taggedApp(tagPrefixed).openapi())
    for (const pathItem of Object.values(document.paths)) {
      for (const operation of Object.values(pathItem)) {
        operation.operationId = operation.operationId.slice(`${operation.tags[0]}-`.length)
      }
    }
    assert.deepEqual(
      JSON.parse(JSON.stringify(document)),
      fastapiDocument('test_generate_clients/test_tutorial004.py'),
    )
  })
})
