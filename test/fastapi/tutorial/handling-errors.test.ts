// FastAPI tutorial "Handling Errors" (docs_src/handling_errors/tutorial001..006 and their tests in
// tests/test_tutorial/test_handling_errors), translated to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import {
  App,
  HTTPException,
  httpExceptionHandler,
  json,
  RequestValidationError,
  requestValidationExceptionHandler,
  TestClient,
  text,
} from '../../../src/index.js'

const items: Record<string, string> = { foo: 'The Foo Wrestlers' }

describe('tutorial001: HTTPException with a string detail', () => {
  const app = new App()
  app.get('/items/{item_id}', { path: { item_id: z.string() } }, async function read_item({ path }) {
    if (!(path.item_id in items)) throw new HTTPException(404, 'Item not found')
    return { item: items[path.item_id] }
  })
  const client = new TestClient(app)

  test('found', async () => {
    const res = await client.get('/items/foo')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item: 'The Foo Wrestlers' })
  })

  test('not found', async () => {
    const res = await client.get('/items/bar')
    assert.equal(res.status, 404)
    assert.equal(res.headers.get('x-error'), null)
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.equal(res.text, '{"detail":"Item not found"}')
  })
})

describe('tutorial002: HTTPException with headers', () => {
  const app = new App()
  app.get('/items-header/{item_id}', { path: { item_id: z.string() } }, async ({ path }) => {
    if (!(path.item_id in items)) {
      throw new HTTPException(404, 'Item not found', { headers: { 'X-Error': 'There goes my error' } })
    }
    return { item: items[path.item_id] }
  })
  const client = new TestClient(app)

  test('found', async () => {
    const res = await client.get('/items-header/foo')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item: 'The Foo Wrestlers' })
  })

  test('not found carries the header', async () => {
    const res = await client.get('/items-header/bar')
    assert.equal(res.status, 404)
    assert.equal(res.headers.get('x-error'), 'There goes my error')
    assert.deepEqual(res.json(), { detail: 'Item not found' })
  })
})

describe('HTTPException details of any JSON shape', () => {
  const app = new App()
  app.get('/object', () => {
    throw new HTTPException(400, { code: 'bad', fields: ['a', 'b'], nested: { n: 1 } })
  })
  app.get('/list', () => {
    throw new HTTPException(409, [1, 'two', null])
  })
  app.get('/none', () => {
    throw new HTTPException(403)
  })
  app.get('/no-body', () => {
    throw new HTTPException(304, 'ignored', { headers: { etag: '"abc"' } })
  })
  const client = new TestClient(app)

  test('object detail', async () => {
    const res = await client.get('/object')
    assert.equal(res.status, 400)
    assert.deepEqual(res.json(), { detail: { code: 'bad', fields: ['a', 'b'], nested: { n: 1 } } })
  })

  test('list detail', async () => {
    const res = await client.get('/list')
    assert.equal(res.status, 409)
    assert.equal(res.text, '{"detail":[1,"two",null]}')
  })

  test('missing detail becomes the reason phrase', async () => {
    const res = await client.get('/none')
    assert.equal(res.status, 403)
    assert.deepEqual(res.json(), { detail: 'Forbidden' })
  })

  test('a status without a body keeps its headers and sends nothing', async () => {
    const res = await client.get('/no-body')
    assert.equal(res.status, 304)
    assert.equal(res.text, '')
    assert.equal(res.headers.get('etag'), '"abc"')
    assert.equal(res.headers.get('content-length'), null)
  })
})

class UnicornException extends Error {
  constructor(readonly unicornName: string) {
    super(unicornName)
  }
}

describe('tutorial003: a custom exception class handler', () => {
  const app = new App()
  app.exceptionHandler(UnicornException, async (_ctx, error) =>
    json({ message: `Oops! ${error.unicornName} did something. There goes a rainbow...` }, { status: 418 }),
  )
  app.get('/unicorns/{name}', { path: { name: z.string() } }, async ({ path }) => {
    if (path.name === 'yolo') throw new UnicornException(path.name)
    return { unicorn_name: path.name }
  })
  const client = new TestClient(app)

  test('normal', async () => {
    const res = await client.get('/unicorns/shinny')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { unicorn_name: 'shinny' })
  })

  test('the handler answers 418', async () => {
    const res = await client.get('/unicorns/yolo')
    assert.equal(res.status, 418)
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.deepEqual(res.json(), { message: 'Oops! yolo did something. There goes a rainbow...' })
  })
})

/** Python's repr of a loc tuple, as the tutorial prints it. */
function pyTuple(loc: readonly (string | number)[]): string {
  return `(${loc.map((part) => (typeof part === 'string' ? `'${part}'` : String(part))).join(', ')})`
}

describe('tutorial004: plain-text handlers for HTTPException and validation errors', () => {
  const app = new App()
  app.exceptionHandler(HTTPException, async (_ctx, error) =>
    text(String(error.detail), { status: error.status }),
  )
  app.exceptionHandler(RequestValidationError, async (_ctx, error) => {
    let message = 'Validation errors:'
    for (const item of error.errors) message += `\nField: ${pyTuple(item.loc)}, Error: ${item.msg}`
    return text(message, { status: 400 })
  })
  app.get('/items/{item_id}', { path: { item_id: z.int() } }, async ({ path }) => {
    if (path.item_id === 3) throw new HTTPException(418, "Nope! I don't like 3.")
    return { item_id: path.item_id }
  })
  const client = new TestClient(app)

  test('validation error as text', async () => {
    const res = await client.get('/items/foo')
    assert.equal(res.status, 400)
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.ok(res.text.includes('Validation errors:'))
    assert.ok(res.text.includes("Field: ('path', 'item_id')"))
    assert.equal(
      res.text,
      "Validation errors:\nField: ('path', 'item_id'), Error: Input should be a valid integer, unable to parse string as an integer",
    )
  })

  test('HTTPException as text', async () => {
    const res = await client.get('/items/3')
    assert.equal(res.status, 418)
    assert.equal(res.text, "Nope! I don't like 3.")
  })

  test('normal', async () => {
    const res = await client.get('/items/2')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 2 })
  })

  test('the HTTPException handler also answers the router 404', async () => {
    const res = await client.get('/nowhere')
    assert.equal(res.status, 404)
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(res.text, 'Not Found')
  })

  test('the HTTPException handler also answers the router 405', async () => {
    const res = await client.post('/items/2')
    assert.equal(res.status, 405)
    assert.equal(res.text, 'Method Not Allowed')
  })
})

describe('tutorial005: validation handler returning the errors and the body', () => {
  const app = new App()
  app.exceptionHandler(RequestValidationError, async (_ctx, error) =>
    json({ detail: error.errors, body: error.body }, { status: 422 }),
  )
  const Item = z.object({ title: z.string(), size: z.int() })
  app.post('/items/', { body: Item }, async ({ body }) => body)
  const client = new TestClient(app)

  test('the body is echoed next to the errors', async () => {
    const res = await client.post('/items/', { json: { title: 'towel', size: 'XL' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'int_parsing',
          loc: ['body', 'size'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'XL',
        },
      ],
      body: { title: 'towel', size: 'XL' },
    })
  })

  test('valid', async () => {
    const data = { title: 'towel', size: 5 }
    const res = await client.post('/items/', { json: data })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), data)
  })
})

describe('tutorial006: reusing the default handlers', () => {
  const app = new App()
  const seen: string[] = []
  app.exceptionHandler(HTTPException, async (ctx, error) => {
    seen.push(`http ${error.status}`)
    return httpExceptionHandler(ctx, error)
  })
  app.exceptionHandler(RequestValidationError, async (ctx, error) => {
    seen.push(`validation ${error.errors.length}`)
    return requestValidationExceptionHandler(ctx, error)
  })
  app.get('/items/{item_id}', { path: { item_id: z.int() } }, async ({ path }) => {
    if (path.item_id === 3) throw new HTTPException(418, "Nope! I don't like 3.")
    return { item_id: path.item_id }
  })
  const client = new TestClient(app)

  test('validation error keeps the default body', async () => {
    const res = await client.get('/items/foo')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'int_parsing',
          loc: ['path', 'item_id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'foo',
        },
      ],
    })
    assert.ok(seen.includes('validation 1'))
  })

  test('HTTPException keeps the default body', async () => {
    const res = await client.get('/items/3')
    assert.equal(res.status, 418)
    assert.deepEqual(res.json(), { detail: "Nope! I don't like 3." })
    assert.ok(seen.includes('http 418'))
  })

  test('normal', async () => {
    const res = await client.get('/items/2')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 2 })
  })

  test('router 405 through the reused default keeps Allow', async () => {
    const res = await client.delete('/items/2')
    assert.equal(res.status, 405)
    assert.equal(res.headers.get('allow'), 'GET, HEAD')
    assert.deepEqual(res.json(), { detail: 'Method Not Allowed' })
    assert.ok(seen.includes('http 405'))
  })
})
