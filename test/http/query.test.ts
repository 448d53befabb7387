import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { z } from 'zod'
import { HTTPException } from '../../src/errors/index.js'
import { parseQuery } from '../../src/http/query.js'
import { App, silentLogger, TestClient } from '../../src/index.js'
import type { ValidationErrorBody } from '../response-bodies.js'

const plain = (values: object) => ({ ...values })

test('single names are strings, repeated names arrays in order', () => {
  assert.deepEqual(plain(parseQuery('tag=a&q=x&tag=b&tag=c', 100)), { tag: ['a', 'b', 'c'], q: 'x' })
})

test('+ is a space and escapes are decoded', () => {
  assert.deepEqual(plain(parseQuery('q=hello+world&name=caf%C3%A9&plus=%2B', 100)), {
    q: 'hello world',
    name: 'café',
    plus: '+',
  })
})

test('blank values are kept, empty names and segments skipped', () => {
  assert.deepEqual(plain(parseQuery('a=&b&=x&&c=1&', 100)), { a: '', b: '', c: '1' })
  assert.deepEqual(plain(parseQuery('', 100)), {})
})

test('malformed escapes are kept as-is and never throw', () => {
  assert.deepEqual(plain(parseQuery('a=100%&b=%zz&c=%E2%82&d=%C3%A9%', 100)), {
    a: '100%',
    b: '%zz',
    c: '\ufffd',
    d: 'é%',
  })
})

test('__proto__ and constructor are ordinary keys, and nothing is inherited', () => {
  assert.equal(parseQuery('a=1', 100).constructor, undefined)
  assert.equal('hasOwnProperty' in parseQuery('a=1', 100), false)
  const values = parseQuery('__proto__=x&constructor=y&toString=z', 100)
  assert.equal(Object.getOwnPropertyDescriptor(values, '__proto__')?.value, 'x')
  assert.equal(values.constructor, 'y')
  assert.equal(({} as Record<string, unknown>).x, undefined)
})

test('more than maxParams pairs is a 400, found without splitting the whole string', () => {
  assert.equal(Object.keys(parseQuery('a=1&b=2&c=3', 3)).length, 3)
  assert.throws(
    () => parseQuery('a=1&b=2&c=3&d=4', 3),
    (error: unknown) =>
      error instanceof HTTPException && error.status === 400 && error.detail === 'Too many query parameters',
  )
  const hostile = 'a&'.repeat(1_000_000)
  const started = performance.now()
  assert.throws(() => parseQuery(hostile, 1000), HTTPException)
  assert.ok(performance.now() - started < 50)
  // Empty segments cost nothing and do not count.
  assert.deepEqual(plain(parseQuery(`${'&'.repeat(100_000)}a=1`, 1)), { a: '1' })
})

test('never throws on arbitrary strings except for the parameter cap', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (search) => {
      parseQuery(search, 1_000_000)
    }),
    { numRuns: 2000 },
  )
  fc.assert(
    fc.property(fc.stringMatching(/^[a-c%=&+0-9A-F]{0,40}$/), (search) => {
      parseQuery(search, 1_000_000)
    }),
    { numRuns: 2000 },
  )
})

test('an async parameter validator runs once, with no stray rejections', async () => {
  let calls = 0
  const app = new App({ logger: silentLogger })
  app.get(
    '/q',
    {
      query: {
        q: z.string().refine(async (value) => {
          calls++
          return value !== 'bad'
        }),
      },
    },
    ({ query }) => query,
  )
  const client = new TestClient(app)
  assert.deepEqual((await client.get('/q', { query: { q: 'good' } })).json(), { q: 'good' })
  const bad = await client.get('/q', { query: { q: 'bad' } })
  assert.equal(bad.status, 422)
  // zod's own Standard Schema bridge runs an async refine twice (sync attempt, then async);
  // Brisk adds no run of its own.
  assert.ok(calls <= 4, `refine ran ${calls} times for two requests`)
})

test('a strict query model reports __proto__ as an extra key', async () => {
  const app = new App()
  app.get('/items', { query: z.strictObject({ limit: z.int().default(10) }) }, ({ query }) => query)
  const res = await new TestClient(app).get('/items?__proto__=x')
  assert.equal(res.status, 422)
  const [error] = res.json<ValidationErrorBody>().detail
  assert.deepEqual(error?.loc, ['query', '__proto__'])
  assert.equal(error?.type, 'extra_forbidden')
})
