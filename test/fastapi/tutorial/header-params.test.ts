// FastAPI tutorial "Header Parameters" (docs_src/header_params), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

async function expectOk(client: TestClient, headers: Record<string, string> | undefined, expected: unknown) {
  const res = await client.get('/items', { headers })
  assert.equal(res.status, 200, res.text)
  assert.deepEqual(res.json(), expected)
}

describe('tutorial001: an underscore key reads the hyphenated header', () => {
  const app = new App()
  app.get(
    '/items/',
    { headers: { user_agent: z.string().nullable().default(null) } },
    async function read_items({ headers }) {
      return { 'User-Agent': headers.user_agent }
    },
  )
  const client = new TestClient(app)

  test("the test client's user agent", () => expectOk(client, undefined, { 'User-Agent': 'testclient' }))
  test('another header is ignored', () =>
    expectOk(client, { 'X-Header': 'notvalid' }, { 'User-Agent': 'testclient' }))
  test('a given user agent, whatever its case', () =>
    expectOk(client, { 'User-Agent': 'FastAPI test' }, { 'User-Agent': 'FastAPI test' }))
})

describe('tutorial002: convert_underscores=False is an explicit alias', () => {
  const app = new App()
  app.get(
    '/items/',
    { headers: { strange_header: z.string().nullable().default(null).meta({ alias: 'strange_header' }) } },
    async function read_items({ headers }) {
      return { strange_header: headers.strange_header }
    },
  )
  const client = new TestClient(app)

  test('absent', () => expectOk(client, undefined, { strange_header: null }))
  test('another header', () => expectOk(client, { 'X-Header': 'notvalid' }, { strange_header: null }))
  test('the underscore name', () =>
    expectOk(client, { strange_header: 'FastAPI test' }, { strange_header: 'FastAPI test' }))
  test('the hyphenated name is not read', () =>
    expectOk(client, { 'strange-header': 'Not really underscore' }, { strange_header: null }))
})

describe('tutorial003: a repeated header as a list', () => {
  const app = new App()
  app.get(
    '/items/',
    { headers: { x_token: z.array(z.string()).nullable().default(null) } },
    async function read_items({ headers }) {
      return { 'X-Token values': headers.x_token }
    },
  )
  const client = new TestClient(app)

  test('absent', () => expectOk(client, undefined, { 'X-Token values': null }))
  test('one value', () => expectOk(client, { 'x-token': 'foo' }, { 'X-Token values': ['foo'] }))
  // Repeated header lines reach Brisk joined with ", " (as Node and fetch join them), and a list
  // header splits them back; the test client sends the joined form. (Starlette keeps the lines, so
  // FastAPI reads one line "foo, bar" as one value; Brisk as two.)
  test('repeated values', () =>
    expectOk(client, { 'x-token': 'foo, bar' }, { 'X-Token values': ['foo', 'bar'] }))
})
