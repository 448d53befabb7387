// Request bodies (FASTAPI-CONTRACT §1.3, §1.9, §2.1, §2.5; FA tests/test_tutorial/test_body,
// test_strict_content_type): the content-type gate, missing bodies, malformed JSON, prototype
// poisoning, size limits and undecodable bytes.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, silentLogger, TestClient } from '../../src/index.js'
import type { ValidationErrorBody } from '../response-bodies.js'

const Item = z.object({
  name: z.string(),
  description: z.string().nullable().default(null),
  price: z.number(),
  tax: z.number().nullable().default(null),
})
const data = '{"name": "Foo", "price": 50.5}'
const modelAttributes = (input: unknown) => ({
  detail: [
    {
      type: 'model_attributes_type',
      loc: ['body'],
      msg: 'Input should be a valid dictionary or object to extract fields from',
      input,
    },
  ],
})

function itemsApp(options: ConstructorParameters<typeof App>[0] = {}): App {
  const app = new App(options)
  app.post('/items/', { body: Item }, ({ body }) => body)
  return app
}

describe('FastAPI test_body tutorial001', () => {
  const client = new TestClient(itemsApp())

  test('float', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: 50.5 } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: null, tax: null })
  })

  test('a numeric string is coerced (lax mode)', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: '50.5' } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: null, tax: null })
  })

  test('only name', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [{ type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: { name: 'Foo' } }],
    })
  })

  test('a non-numeric price', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: 'twenty' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'float_parsing',
          loc: ['body', 'price'],
          msg: 'Input should be a valid number, unable to parse string as a number',
          input: 'twenty',
        },
      ],
    })
  })

  test('an empty object', async () => {
    const res = await client.post('/items/', { json: {} })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        { type: 'missing', loc: ['body', 'name'], msg: 'Field required', input: {} },
        { type: 'missing', loc: ['body', 'price'], msg: 'Field required', input: {} },
      ],
    })
  })

  const missingBody = {
    detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
  }

  test('no body is missing', async () => {
    const res = await client.post('/items/')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), missingBody)
  })

  test('an empty body with a JSON content type is missing', async () => {
    const res = await client.post('/items/', { content: '', headers: { 'content-type': 'application/json' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), missingBody)
  })

  test('JSON null is missing', async () => {
    const res = await client.post('/items/', { json: null })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), missingBody)
  })

  test('malformed JSON is json_invalid with the position in loc', async () => {
    const res = await client.post('/items/', {
      content: '{some broken json}',
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(res.status, 422)
    const body = res.json<ValidationErrorBody>()
    assert.equal(body.detail.length, 1)
    const [error] = body.detail
    assert.ok(error)
    assert.equal(error.type, 'json_invalid')
    assert.deepEqual(error.loc, ['body', 1])
    assert.equal(error.msg, 'JSON decode error')
    assert.deepEqual(error.input, {})
    // ctx.error is V8's message, not Python's (a documented difference).
    assert.equal(typeof error.ctx?.error, 'string')
  })

  test('truncated JSON reports a position too', async () => {
    const res = await client.post('/items/', {
      content: '{"name": "Foo"',
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(res.status, 422)
    const [error] = res.json<ValidationErrorBody>().detail
    assert.ok(error)
    assert.equal(error.type, 'json_invalid')
    assert.equal(error.loc[0], 'body')
    assert.equal(typeof error.loc[1], 'number')
  })

  test('form data sent to a JSON body', async () => {
    const res = await client.post('/items/', { form: { name: 'Foo', price: 50.5 } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), modelAttributes('name=Foo&price=50.5'))
  })

  test('explicit application/json', async () => {
    const res = await client.post('/items/', {
      content: data,
      headers: { 'Content-Type': 'application/json' },
    })
    assert.equal(res.status, 200)
  })

  test('application/json with a charset', async () => {
    const res = await client.post('/items/', {
      content: data,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    })
    assert.equal(res.status, 200)
  })

  test('application/geo+json is JSON', async () => {
    const res = await client.post('/items/', {
      content: data,
      headers: { 'Content-Type': 'application/geo+json' },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: null, tax: null })
  })

  test('no content type is refused by default', async () => {
    const res = await client.post('/items/', { content: data })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), modelAttributes(data))
  })

  for (const type of ['text/plain', 'application/geo+json-seq', 'application/not-really-json']) {
    test(`${type} is refused`, async () => {
      const res = await client.post('/items/', { content: data, headers: { 'Content-Type': type } })
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), modelAttributes(data))
    })
  }

  test('a body that is not UTF-8 is a 400', async () => {
    const res = await client.post('/items/', {
      content: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(res.status, 400)
    assert.deepEqual(res.json(), { detail: 'There was an error parsing the body' })
  })
})

describe('strictContentType: false (FA test_strict_content_type)', () => {
  const client = new TestClient(itemsApp({ strictContentType: false }))

  test('JSON without a content type is parsed', async () => {
    const res = await client.post('/items/', { content: data })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { name: 'Foo', price: 50.5, description: null, tax: null })
  })

  test('with a JSON content type', async () => {
    const res = await client.post('/items/', { json: { name: 'Foo', price: 50.5 } })
    assert.equal(res.status, 200)
  })

  test('text/plain is still refused', async () => {
    const res = await client.post('/items/', { content: data, headers: { 'Content-Type': 'text/plain' } })
    assert.equal(res.status, 422)
  })
})

describe('embedded bodies', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    { path: { item_id: z.int() }, body: { item: Item, importance: z.int() } },
    ({ path, body }) => ({
      item_id: path.item_id,
      ...body,
    }),
  )
  const client = new TestClient(app)

  test('valid', async () => {
    const res = await client.put('/items/5', { json: { item: { name: 'Foo', price: 1 }, importance: 3 } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      item_id: 5,
      item: { name: 'Foo', price: 1, description: null, tax: null },
      importance: 3,
    })
  })

  test('missing parts, with path errors first', async () => {
    const res = await client.put('/items/x', { json: { item: { name: 'Foo' } } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'int_parsing',
          loc: ['path', 'item_id'],
          msg: 'Input should be a valid integer, unable to parse string as an integer',
          input: 'x',
        },
        { type: 'missing', loc: ['body', 'item', 'price'], msg: 'Field required', input: { name: 'Foo' } },
        { type: 'missing', loc: ['body', 'importance'], msg: 'Field required', input: null },
      ],
    })
  })
})

describe('prototype poisoning', () => {
  const app = new App()
  let seen: Record<string, unknown> | undefined
  app.post('/loose', { body: z.looseObject({ name: z.string().optional() }) }, ({ body }) => {
    seen = body
    const merged = Object.assign({}, body)
    return { keys: Object.keys(body), mergedPolluted: (merged as Record<string, unknown>).polluted ?? null }
  })
  app.post('/record', { body: z.record(z.string(), z.unknown()) }, ({ body }) => {
    seen = body
    return { keys: Object.keys(body) }
  })
  const client = new TestClient(app)
  const send = (url: string, raw: string) =>
    client.post(url, { content: raw, headers: { 'content-type': 'application/json' } })

  for (const url of ['/loose', '/record']) {
    test(`__proto__ never reaches the handler (${url})`, async () => {
      seen = undefined
      const res = await send(url, '{"name":"x","__proto__":{"polluted":"yes"}}')
      assert.equal(res.status, 200)
      assert.ok(seen !== undefined)
      const got = seen as Record<string, unknown> | undefined
      if (got !== undefined) {
        assert.equal(Object.hasOwn(got, '__proto__'), false)
        assert.equal(got.polluted, undefined)
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined)
    })

    test(`constructor.prototype never reaches the handler (${url})`, async () => {
      seen = undefined
      const res = await send(url, '{"name":"x","constructor":{"prototype":{"polluted":"yes"}}}')
      assert.equal(res.status, 200)
      assert.ok(seen !== undefined)
      const got = seen as Record<string, unknown> | undefined
      if (got !== undefined) {
        const ctor = Object.hasOwn(got, 'constructor')
          ? (got.constructor as unknown as Record<string, unknown>)
          : undefined
        assert.ok(ctor === undefined || !Object.hasOwn(ctor, 'prototype'))
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined)
    })

    test(`an escaped \\u005f_proto__ key is dropped too (${url})`, async () => {
      seen = undefined
      await send(url, '{"name":"x","\\u005f_proto__":{"polluted":"yes"}}')
      const got = seen as Record<string, unknown> | undefined
      if (got !== undefined) assert.equal(Object.hasOwn(got, '__proto__'), false)
      assert.equal(({} as Record<string, unknown>).polluted, undefined)
    })

    test(`nested __proto__ is dropped (${url})`, async () => {
      seen = undefined
      await send(url, '{"name":"x","inner":{"deep":[{"__proto__":{"polluted":"yes"}}]}}')
      const got = seen as Record<string, unknown> | undefined
      if (got !== undefined) {
        const inner = got.inner as { deep: Record<string, unknown>[] }
        assert.equal(Object.hasOwn(inner.deep[0]!, '__proto__'), false)
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined)
    })
  }

  test('an ordinary constructor key is kept', async () => {
    const res = await send('/record', '{"constructor":"fine"}')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { keys: ['constructor'] })
  })
})

describe('body limits', () => {
  const app = new App({ bodyLimit: 64 })
  app.post('/small', { body: z.object({ text: z.string() }) }, ({ body }) => ({ length: body.text.length }))
  app.post('/big', { body: z.object({ text: z.string() }), bodyLimit: 1024 }, ({ body }) => ({
    length: body.text.length,
  }))
  app.post('/tiny', { body: z.object({ text: z.string() }), bodyLimit: 16 }, ({ body }) => ({
    length: body.text.length,
  }))
  const client = new TestClient(app)

  test('under the app limit', async () => {
    const res = await client.post('/small', { json: { text: 'a'.repeat(40) } })
    assert.equal(res.status, 200)
  })

  test('over the app limit is a 413', async () => {
    const res = await client.post('/small', { json: { text: 'a'.repeat(100) } })
    assert.equal(res.status, 413)
    assert.equal(res.headers.get('content-type'), 'application/json')
    assert.equal(typeof res.json<{ detail: unknown }>().detail, 'string')
  })

  test('a route may raise its limit', async () => {
    const res = await client.post('/big', { json: { text: 'a'.repeat(500) } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { length: 500 })
    assert.equal((await client.post('/big', { json: { text: 'a'.repeat(2000) } })).status, 413)
  })

  test('a route may lower its limit', async () => {
    assert.equal((await client.post('/tiny', { json: { text: 'a'.repeat(20) } })).status, 413)
  })

  test('raw content over the limit is a 413 too', async () => {
    const res = await client.post('/tiny', {
      content: JSON.stringify({ text: 'a'.repeat(40) }),
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(res.status, 413)
  })

  test('a body read through the web Request respects the body limit', async () => {
    const app = new App({ bodyLimit: 10, logger: silentLogger })
    app.post('/raw', async ({ request }) => ({ length: (await request.text()).length }))
    const res = await new TestClient(app).post('/raw', { content: 'x'.repeat(5000) })
    assert.equal(res.status, 413)
  })
})

describe('deeply nested JSON', () => {
  const app = new App()
  app.post('/echo', { body: z.unknown() }, ({ body }) => ({ body }))
  app.post('/item', { body: z.object({ name: z.string() }) }, ({ body }) => body)
  const client = new TestClient(app)
  const send = (url: string, raw: string) =>
    client.post(url, { content: raw, headers: { 'content-type': 'application/json' } })
  const nest = (depth: number, open: string, inner: string, close: string) =>
    open.repeat(depth) + inner + close.repeat(depth)

  test('1000 levels are accepted and echoed', async () => {
    const res = await send('/echo', nest(1000, '[', '', ']'))
    assert.equal(res.status, 200)
    assert.equal(res.text, `{"body":${nest(1000, '[', '', ']')}}`)
    const strings = await send('/echo', nest(999, '{"a":', '"[[[[{{{{\\""', '}'))
    assert.equal(strings.status, 200)
  })

  test('the 422 echo of a deep body works', async () => {
    const res = await send('/item', nest(1000, '[', '', ']'))
    assert.equal(res.status, 422)
    assert.equal(res.json<ValidationErrorBody>().detail[0]?.type, 'model_attributes_type')
  })

  // Python's json stops at the recursion limit and FastAPI answers 400; deeper values would
  // overflow the stack of the encoder (a 500) if they got through.
  for (const [name, raw] of [
    ['arrays', nest(1001, '[', '', ']')],
    ['objects', nest(5000, '{"a":', '1', '}')],
    ['objects with __proto__ (reviver path)', nest(20000, '{"__proto__":', '1', '}')],
    ['arrays, 100k', nest(100_000, '[', '', ']')],
  ] as const) {
    test(`deeper is a 400: ${name}`, async () => {
      for (const url of ['/echo', '/item']) {
        const res = await send(url, raw)
        assert.equal(res.status, 400, url)
        assert.deepEqual(res.json(), { detail: 'There was an error parsing the body' })
      }
    })
  }
})
