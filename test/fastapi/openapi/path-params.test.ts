// Conformance: Brisk's OpenAPI document against FastAPI's for the "First Steps" and "Path
// Parameters" tutorials. Each expected document is the one the FastAPI test named in the test's
// title expects (fastapi/fastapi tests/test_tutorial/…, the Python 3.10+ / Pydantic v2 variant),
// copied as JSON into test/fastapi/fixtures/ under that test's name (fastapiDocument), and compared
// whole as parsed JSON, the way those tests read /openapi.json.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { TestClient } from '../../../src/index.js'
import { assertDocument, fastapi, fastapiDocument, ok } from '../fastapi-document.js'

describe('first_steps', () => {
  test('test_first_steps/test_tutorial001_tutorial002_tutorial003.py', async () => {
    const app = fastapi()
    app.get('/', async function root() {
      return { message: 'Hello World' }
    })
    await assertDocument(app, fastapiDocument('test_first_steps/test_tutorial001_tutorial002_tutorial003.py'))
  })
})

describe('path_params', () => {
  // Every `{name}` of a path template is a parameter, documented as any value when undeclared.
  test('test_path_params/test_tutorial001.py: an untyped parameter', async () => {
    const app = fastapi()
    app.get('/items/{item_id}', async function read_item({ path }) {
      return { item_id: path.item_id }
    })
    await assertDocument(app, fastapiDocument('test_path_params/test_tutorial001.py'))
  })

  test('test_path_params/test_tutorial002.py', async () => {
    const app = fastapi()
    app.get('/items/{item_id}', { path: { item_id: z.int() } }, async function read_item({ path }) {
      return { item_id: path.item_id }
    })
    await assertDocument(app, fastapiDocument('test_path_params/test_tutorial002.py'))
  })

  test('test_path_params/test_tutorial003.py: a fixed path before a parameter', async () => {
    const app = fastapi()
    app.get('/users/me', async function read_user_me() {
      return { user_id: 'the current user' }
    })
    app.get('/users/{user_id}', { path: { user_id: z.string() } }, async function read_user({ path }) {
      return { user_id: path.user_id }
    })
    await assertDocument(app, fastapiDocument('test_path_params/test_tutorial003.py'))
  })

  test('test_path_params/test_tutorial003b.py: the same path twice, the last documented', async () => {
    // FastAPI's behaviour, which Brisk refuses unless asked for (docs/errors.md).
    const app = fastapi({ allowDuplicateRoutes: true })
    app.get('/users', async function read_users() {
      return ['Rick', 'Morty']
    })
    app.get('/users', async function read_users2() {
      return ['Bean', 'Elfo']
    })
    await assertDocument(app, fastapiDocument('test_path_params/test_tutorial003b.py'))
  })

  test('test_path_params/test_tutorial004.py: a path convertor', async () => {
    const app = fastapi()
    app.get(
      '/files/{file_path:path}',
      { path: { file_path: z.string() } },
      async function read_file({ path }) {
        return { file_path: path.file_path }
      },
    )
    await assertDocument(app, fastapiDocument('test_path_params/test_tutorial004.py'))
  })

  test('test_path_params/test_tutorial005.py: an enum is a component', async () => {
    // Python's `class ModelName(str, Enum)`: a named zod enum.
    const ModelName = z.enum(['alexnet', 'resnet', 'lenet']).meta({ id: 'ModelName' })
    const app = fastapi()
    app.get('/models/{model_name}', { path: { model_name: ModelName } }, async function get_model({ path }) {
      return { model_name: path.model_name }
    })
    await assertDocument(app, fastapiDocument('test_path_params/test_tutorial005.py'))
  })
})

// Where Brisk departs from FastAPI on purpose (docs/design.md, "Changes made while building"): the
// first_steps app, with FastAPI's document changed only where the design says.
describe('deliberate differences', () => {
  test('test_first_steps with an anonymous handler: named from its method and path', async () => {
    // FastAPI always has a function name; an inline arrow handler is named `get_root` instead of
    // leaving the summary and operationId empty.
    const app = fastapi()
    app.get('/', () => ({ message: 'Hello World' }))
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: { '/': { get: { responses: { '200': ok() }, summary: 'Get Root', operationId: 'get_root' } } },
    })
  })

  test('test_first_steps: the automatic HEAD of a GET route is served but not documented', async () => {
    // FastAPI answers HEAD on a GET route with 405 (FastAPI #1773); Brisk answers it, and keeps
    // the document FastAPI's: only `get`.
    const app = fastapi()
    app.get('/', async function root() {
      return { message: 'Hello World' }
    })
    assert.equal((await new TestClient(app).head('/')).status, 200)
    await assertDocument(app, {
      openapi: '3.1.0',
      info: { title: 'FastAPI', version: '0.1.0' },
      paths: { '/': { get: { responses: { '200': ok() }, summary: 'Root', operationId: 'root__get' } } },
    })
  })
})
