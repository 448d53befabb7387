// FastAPI tutorial "Path Parameters" (docs_src/path_params), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const intParsing = (loc: (string | number)[], input: string) => ({
  type: 'int_parsing',
  loc,
  msg: 'Input should be a valid integer, unable to parse string as an integer',
  input,
})

describe('tutorial001: an untyped path parameter is a string', () => {
  const app = new App()
  app.get('/items/{item_id}', function read_item({ path }) {
    return { item_id: path.item_id }
  })
  const client = new TestClient(app)

  for (const [itemId, expected] of [
    ['1', { item_id: '1' }],
    ['alice', { item_id: 'alice' }],
  ] as const) {
    test(`GET /items/${itemId}`, async () => {
      const res = await client.get(`/items/${itemId}`)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }
})

describe('tutorial002: a typed path parameter', () => {
  const app = new App()
  app.get('/items/{item_id}', { path: { item_id: z.int() } }, async function read_item({ path }) {
    return { item_id: path.item_id }
  })
  const client = new TestClient(app)

  test('an integer is coerced', async () => {
    const res = await client.get('/items/1')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 1 })
  })

  test('a non-integer is a 422', async () => {
    const res = await client.get('/items/item1')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), { detail: [intParsing(['path', 'item_id'], 'item1')] })
  })
})

describe('tutorial003: order matters, the fixed path first', () => {
  const app = new App()
  app.get('/users/me', function read_user_me() {
    return { user_id: 'the current user' }
  })
  app.get('/users/{user_id}', { path: { user_id: z.string() } }, function read_user({ path }) {
    return { user_id: path.user_id }
  })
  const client = new TestClient(app)

  for (const [userId, expected] of [
    ['me', { user_id: 'the current user' }],
    ['alice', { user_id: 'alice' }],
  ] as const) {
    test(`GET /users/${userId}`, async () => {
      const res = await client.get(`/users/${userId}`)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }
})

describe('tutorial003b: the first of two identical routes wins', () => {
  // FastAPI's behaviour, which Brisk refuses unless asked for (docs/errors.md).
  const app = new App({ allowDuplicateRoutes: true })
  app.get('/users', function read_users() {
    return ['Rick', 'Morty']
  })
  app.get('/users', function read_users2() {
    return ['Bean', 'Elfo']
  })
  const client = new TestClient(app)

  test('GET /users', async () => {
    const res = await client.get('/users')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), ['Rick', 'Morty'])
  })
})

describe('tutorial004: a path parameter containing a path', () => {
  const app = new App()
  app.get('/files/{file_path:path}', { path: { file_path: z.string() } }, function read_file({ path }) {
    return { file_path: path.file_path }
  })
  const client = new TestClient(app)

  test('a relative path', async () => {
    const res = await client.get('/files/home/johndoe/myfile.txt')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { file_path: 'home/johndoe/myfile.txt' })
  })

  test('an absolute path keeps its leading slash', async () => {
    const res = await client.get('/files//home/johndoe/myfile.txt')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { file_path: '/home/johndoe/myfile.txt' })
  })
})

describe('tutorial005: an enum path parameter', () => {
  const ModelName = z.enum(['alexnet', 'resnet', 'lenet'])
  const app = new App()
  app.get('/models/{model_name}', { path: { model_name: ModelName } }, function get_model({ path }) {
    const modelName = path.model_name
    if (modelName === 'alexnet') return { model_name: modelName, message: 'Deep Learning FTW!' }
    if (modelName === 'lenet') return { model_name: modelName, message: 'LeCNN all the images' }
    return { model_name: modelName, message: 'Have some residuals' }
  })
  const client = new TestClient(app)

  for (const [name, message] of [
    ['alexnet', 'Deep Learning FTW!'],
    ['lenet', 'LeCNN all the images'],
    ['resnet', 'Have some residuals'],
  ] as const) {
    test(`GET /models/${name}`, async () => {
      const res = await client.get(`/models/${name}`)
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { model_name: name, message })
    })
  }

  test('a value outside the enum is a 422', async () => {
    const res = await client.get('/models/foo')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'enum',
          loc: ['path', 'model_name'],
          msg: "Input should be 'alexnet', 'resnet' or 'lenet'",
          input: 'foo',
          ctx: { expected: "'alexnet', 'resnet' or 'lenet'" },
        },
      ],
    })
  })
})
