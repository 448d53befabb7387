// FastAPI tutorial "Header Parameter Models" (docs_src/header_param_models), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const CommonHeaders = z.object({
  host: z.string(),
  save_data: z.boolean(),
  if_modified_since: z.string().nullable().default(null),
  traceparent: z.string().nullable().default(null),
  x_tag: z.array(z.string()).default([]),
})

/** tutorial003's `Header(convert_underscores=False)` on the model: each field's own name is its alias. */
const UnderscoreHeaders = z.object(
  Object.fromEntries(
    Object.entries(CommonHeaders.shape).map(([key, schema]) => [key, schema.meta({ alias: key })]),
  ) as typeof CommonHeaders.shape,
)

/**
 * Starlette's test client sends `host: testserver` (with accept, accept-encoding, connection and
 * user-agent); Brisk's sends `user-agent` and httpx's `accept-encoding: gzip, deflate`, so the
 * host is given here (accept and connection FastAPI's expected inputs list are not sent).
 */
function clientFor(model: z.ZodType): TestClient {
  const app = new App()
  app.get('/items/', { headers: model }, async function read_items({ headers }) {
    return headers
  })
  return new TestClient(app, { headers: { host: 'testserver' } })
}

const defaults = {
  host: 'testserver',
  save_data: true,
  if_modified_since: null,
  traceparent: null,
  x_tag: [],
}
const everything = {
  host: 'testserver',
  save_data: true,
  if_modified_since: 'yesterday',
  traceparent: '123',
  x_tag: ['one', 'two'],
}

describe('tutorial001: a header parameter model', () => {
  const client = clientFor(CommonHeaders)

  test('every header (a repeated header as a list)', async () => {
    const res = await client.get('/items/', {
      headers: {
        'save-data': 'true',
        'if-modified-since': 'yesterday',
        traceparent: '123',
        'x-tag': 'one, two',
      },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), everything)
  })

  test('the defaults', async () => {
    const res = await client.get('/items/', { headers: { 'save-data': 'true' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), defaults)
  })

  test('a required header missing: input is every header received, with the defaults', async () => {
    const res = await client.get('/items/')
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'missing',
          loc: ['header', 'save_data'],
          msg: 'Field required',
          input: {
            x_tag: [],
            host: 'testserver',
            accept: '*/*',
            'accept-encoding': 'gzip, deflate',
            connection: 'keep-alive',
            'user-agent': 'testclient',
          },
        },
      ],
    })
  })

  test('an extra header is ignored', async () => {
    const res = await client.get('/items/', { headers: { 'save-data': 'true', tool: 'plumbus' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), defaults)
  })
})

describe('tutorial002: a header parameter model forbidding extra headers', () => {
  const app = new App()
  app.get('/items/', { headers: CommonHeaders.strict() }, async function read_items({ headers }) {
    return headers
  })

  /**
   * FastAPI's test clears the client's default headers, so that only `host` and the test's own are
   * sent. Brisk's TestClient always sends `user-agent` and `accept-encoding`, extra headers here, so these requests go
   * straight through `app.fetch` with exactly the headers FastAPI's test sends.
   */
  async function get(headers: Record<string, string>) {
    const res = await app.fetch(
      new Request('http://testserver/items/', { headers: { host: 'testserver', ...headers } }),
    )
    return { status: res.status, body: await res.json() }
  }

  test('every header (a repeated header as a list)', async () => {
    const res = await get({
      'save-data': 'true',
      'if-modified-since': 'yesterday',
      traceparent: '123',
      'x-tag': 'one, two',
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(res.body, everything)
  })

  test('the defaults', async () => {
    const res = await get({ 'save-data': 'true' })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(res.body, defaults)
  })

  test('a required header missing', async () => {
    const res = await get({})
    assert.equal(res.status, 422)
    assert.deepEqual(res.body, {
      detail: [
        {
          type: 'missing',
          loc: ['header', 'save_data'],
          msg: 'Field required',
          input: { x_tag: [], host: 'testserver' },
        },
      ],
    })
  })

  test('an extra header is rejected', async () => {
    const res = await get({ 'save-data': 'true', tool: 'plumbus' })
    assert.equal(res.status, 422)
    assert.deepEqual(res.body, {
      detail: [
        {
          type: 'extra_forbidden',
          loc: ['header', 'tool'],
          msg: 'Extra inputs are not permitted',
          input: 'plumbus',
        },
      ],
    })
  })
})

describe('tutorial003: convert_underscores=False on the model', () => {
  const client = clientFor(UnderscoreHeaders)

  test('the underscore names are read', async () => {
    const res = await client.get('/items/', {
      headers: { save_data: 'true', if_modified_since: 'yesterday', traceparent: '123', x_tag: 'one, two' },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), everything)
  })

  test('the hyphenated names are not', async () => {
    const res = await client.get('/items/', {
      headers: {
        'save-data': 'true',
        'if-modified-since': 'yesterday',
        traceparent: '123',
        'x-tag': 'one, two',
      },
    })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'missing',
          loc: ['header', 'save_data'],
          msg: 'Field required',
          input: {
            host: 'testserver',
            traceparent: '123',
            x_tag: [],
            accept: '*/*',
            'accept-encoding': 'gzip, deflate',
            connection: 'keep-alive',
            'user-agent': 'testclient',
            'save-data': 'true',
            'if-modified-since': 'yesterday',
            'x-tag': 'one, two',
          },
        },
      ],
    })
  })

  test('the defaults', async () => {
    const res = await client.get('/items/', { headers: { save_data: 'true' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), defaults)
  })

  test('an extra header is ignored', async () => {
    const res = await client.get('/items/', { headers: { save_data: 'true', tool: 'plumbus' } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), defaults)
  })
})
