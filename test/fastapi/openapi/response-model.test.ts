// Conformance: Brisk's OpenAPI document against FastAPI's for the "Response Model" and "Extra
// Models" tutorials. Each expected document is the one the FastAPI test named in the test's title
// expects (fastapi/fastapi tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant), copied
// as JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared whole
// as parsed JSON, the way those tests read /openapi.json. `response_model=X` and a `-> X` return
// annotation are both Brisk's `response: X`.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'
import { createUserApp, withZodEmailPattern } from './user-models.js'

// Pydantic's `EmailStr` is `{type: 'string', format: 'email'}`; Brisk keeps zod's e-mail pattern
// beside it, because `z.email()` accepts only what the pattern matches (withZodEmailPattern).

describe('response_model', () => {
  test('test_response_model/test_tutorial001_tutorial001_01.py: a model and a list of models', async () => {
    const Item = z
      .object({
        name: z.string(),
        description: z.string().nullable().default(null),
        price: z.number(),
        tax: z.number().nullable().default(null),
        tags: z.array(z.string()).default([]),
      })
      .meta({ id: 'Item' })
    const app = fastapi()
    app.post('/items/', { body: Item, response: Item }, async function create_item({ body }) {
      return body
    })
    app.get('/items/', { response: z.array(Item) }, async function read_items() {
      return []
    })
    await assertDocument(app, fastapiDocument('test_response_model/test_tutorial001_tutorial001_01.py'))
  })

  const UserIn = z
    .object({
      username: z.string(),
      password: z.string(),
      email: z.email(),
      full_name: z.string().nullable().default(null),
    })
    .meta({ id: 'UserIn' })
  const UserOut = z
    .object({ username: z.string(), email: z.email(), full_name: z.string().nullable().default(null) })
    .meta({ id: 'UserOut' })

  test('test_response_model/test_tutorial002.py: the same model in and out', async () => {
    await assertDocument(
      createUserApp(UserIn, UserIn),
      withZodEmailPattern(fastapiDocument('test_response_model/test_tutorial002.py')),
    )
  })

  test('test_response_model/test_tutorial003.py: an output model without the password', async () => {
    await assertDocument(
      createUserApp(UserIn, UserOut),
      withZodEmailPattern(fastapiDocument('test_response_model/test_tutorial003.py')),
    )
  })

  test('test_response_model/test_tutorial003_01.py: an inherited model', async () => {
    // A fresh object: `.meta({ id })` on an id'd schema would document a `$ref` to the first id.
    const BaseUser = z
      .object({ username: z.string(), email: z.email(), full_name: z.string().nullable().default(null) })
      .meta({ id: 'BaseUser' })
    const ExtendedIn = BaseUser.extend({ password: z.string() }).meta({ id: 'UserIn' })
    await assertDocument(
      createUserApp(ExtendedIn, BaseUser),
      withZodEmailPattern(fastapiDocument('test_response_model/test_tutorial003_01.py')),
    )
  })

  // `-> Response`, `-> RedirectResponse` and `response_model=None`: no response model, so `{}`.
  for (const name of ['test_tutorial003_02.py', 'test_tutorial003_05.py']) {
    test(`test_response_model/${name}: no response model`, async () => {
      const app = fastapi()
      app.get('/portal', { query: { teleport: z.boolean().default(false) } }, async function get_portal() {
        return {}
      })
      await assertDocument(app, fastapiDocument(`test_response_model/${name}`))
    })
  }

  test('test_response_model/test_tutorial003_03.py: a redirect', async () => {
    const app = fastapi()
    app.get('/teleport', async function get_teleport() {
      return {}
    })
    await assertDocument(app, fastapiDocument('test_response_model/test_tutorial003_03.py'))
  })

  test('test_response_model/test_tutorial004.py: response_model_exclude_unset', async () => {
    const Item = z
      .object({
        name: z.string(),
        description: z.string().nullable().default(null),
        price: z.number(),
        tax: z.number().default(10.5),
        tags: z.array(z.string()).default([]),
      })
      .meta({ id: 'Item' })
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      { path: { item_id: z.string() }, response: Item, responseExcludeUnset: true },
      async function read_item() {
        return { name: 'Foo', price: 50.2 }
      },
    )
    await assertDocument(app, fastapiDocument('test_response_model/test_tutorial004.py'))
  })
  // test_tutorial005.py and test_tutorial006.py add `response_model_include` / `_exclude` to
  // tutorial004's model, which Brisk does not have (a narrower schema is Brisk's way); their
  // documents teach nothing tutorial004's does not.
})
