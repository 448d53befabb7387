// FastAPI tutorial "Query Parameter Models" (docs_src/query_param_models), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const FilterParams = z.object({
  limit: z.int().gt(0).max(100).default(100),
  offset: z.int().min(0).default(0),
  order_by: z.literal(['created_at', 'updated_at']).default('created_at'),
  tags: z.array(z.string()).default([]),
})

/** tutorial001 ignores unknown keys; tutorial002 forbids them (`extra: "forbid"`). */
function filterApp(model: z.ZodType): TestClient {
  const app = new App()
  app.get('/items/', { query: model }, async function read_items({ query }) {
    return query
  })
  return new TestClient(app)
}

const valid = { limit: 10, offset: 5, order_by: 'updated_at', tags: ['tag1', 'tag2'] }

const invalidDetail = [
  {
    type: 'less_than_equal',
    loc: ['query', 'limit'],
    msg: 'Input should be less than or equal to 100',
    input: '150',
    ctx: { le: 100 },
  },
  {
    type: 'greater_than_equal',
    loc: ['query', 'offset'],
    msg: 'Input should be greater than or equal to 0',
    input: '-1',
    ctx: { ge: 0 },
  },
  {
    type: 'literal_error',
    loc: ['query', 'order_by'],
    msg: "Input should be 'created_at' or 'updated_at'",
    input: 'invalid',
    ctx: { expected: "'created_at' or 'updated_at'" },
  },
]

for (const [name, model, forbids] of [
  ['tutorial001', FilterParams, false],
  ['tutorial002', FilterParams.strict(), true],
] as const) {
  describe(`${name}: a query parameter model${forbids ? ' forbidding extra keys' : ''}`, () => {
    const client = filterApp(model)

    test('every field given', async () => {
      const res = await client.get('/items/', { query: valid })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), valid)
    })

    test('the defaults', async () => {
      const res = await client.get('/items/')
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { limit: 100, offset: 0, order_by: 'created_at', tags: [] })
    })

    test('every invalid field is reported with its raw input', async () => {
      const res = await client.get('/items/', { query: { limit: 150, offset: -1, order_by: 'invalid' } })
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), { detail: invalidDetail })
    })

    test(`an unknown key is ${forbids ? 'rejected' : 'ignored'}`, async () => {
      const res = await client.get('/items/', { query: { ...valid, tool: 'plumbus' } })
      if (!forbids) {
        assert.equal(res.status, 200)
        assert.deepEqual(res.json(), valid)
        return
      }
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), {
        detail: [
          {
            type: 'extra_forbidden',
            loc: ['query', 'tool'],
            msg: 'Extra inputs are not permitted',
            input: 'plumbus',
          },
        ],
      })
    })
  })
}
