// Conformance: Brisk's OpenAPI document against FastAPI's for the "Extra Models" tutorial. Each
// expected document is the one the FastAPI test named in the test's title expects (fastapi/fastapi
// tests/test_tutorial/test_extra_models/…, the Python 3.10+ / Pydantic v2 variant), copied as JSON
// into test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared whole as
// parsed JSON, the way those tests read /openapi.json. `response_model=X` is Brisk's `response: X`.
import { describe, test } from 'node:test'
import { z } from 'zod'
import { assertDocument, fastapi, fastapiDocument } from '../fastapi-document.js'
import { createUserApp, withZodEmailPattern } from './user-models.js'

// Pydantic's `EmailStr` is `{type: 'string', format: 'email'}`; Brisk keeps zod's e-mail pattern
// beside it, because `z.email()` accepts only what the pattern matches (withZodEmailPattern).

describe('extra_models', () => {
  test('test_extra_models/test_tutorial001_tutorial002.py, tutorial001: separate models', async () => {
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
    await assertDocument(
      createUserApp(UserIn, UserOut),
      withZodEmailPattern(
        fastapiDocument('test_extra_models/test_tutorial001_tutorial002.py', 'tutorial001'),
      ),
    )
  })

  test('test_extra_models/test_tutorial001_tutorial002.py, tutorial002: models from a base', async () => {
    const UserBase = z.object({
      username: z.string(),
      email: z.email(),
      full_name: z.string().nullable().default(null),
    })
    const UserIn = UserBase.extend({ password: z.string() }).meta({ id: 'UserIn' })
    const UserOut = UserBase.meta({ id: 'UserOut' })
    // The test compares `required` in any order; zod's `extend` puts `password` last, as Pydantic does.
    await assertDocument(
      createUserApp(UserIn, UserOut),
      withZodEmailPattern(
        fastapiDocument('test_extra_models/test_tutorial001_tutorial002.py', 'tutorial002'),
      ),
    )
  })

  test('test_extra_models/test_tutorial003.py: a union of models', async () => {
    const BaseItem = z.object({ description: z.string(), type: z.string() })
    const CarItem = BaseItem.extend({ type: z.string().default('car') }).meta({ id: 'CarItem' })
    const PlaneItem = BaseItem.extend({ type: z.string().default('plane'), size: z.int() }).meta({
      id: 'PlaneItem',
    })
    const app = fastapi()
    app.get(
      '/items/{item_id}',
      { path: { item_id: z.string() }, response: z.union([PlaneItem, CarItem]) },
      async function read_item() {
        return { description: 'All my friends drive a low rider', type: 'car' }
      },
    )
    await assertDocument(app, fastapiDocument('test_extra_models/test_tutorial003.py'))
  })

  test('test_extra_models/test_tutorial004.py: a list of models', async () => {
    const Item = z.object({ name: z.string(), description: z.string() }).meta({ id: 'Item' })
    const app = fastapi()
    app.get('/items/', { response: z.array(Item) }, async function read_items() {
      return []
    })
    await assertDocument(app, fastapiDocument('test_extra_models/test_tutorial004.py'))
  })

  // No `propertyNames: {type: 'string'}`, which Pydantic never writes for `dict[str, X]`.
  test('test_extra_models/test_tutorial005.py: a dict response', async () => {
    const app = fastapi()
    app.get(
      '/keyword-weights/',
      { response: z.record(z.string(), z.number()) },
      async function read_keyword_weights() {
        return { foo: 2.3, bar: 3.4 }
      },
    )
    await assertDocument(app, fastapiDocument('test_extra_models/test_tutorial005.py'))
  })
})
