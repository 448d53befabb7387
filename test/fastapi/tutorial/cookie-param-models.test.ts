// FastAPI tutorial "Cookie Parameter Models" (docs_src/cookie_param_models), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

const Cookies = z.object({
  session_id: z.string(),
  fatebook_tracker: z.string().nullable().default(null),
  googall_tracker: z.string().nullable().default(null),
})

for (const [name, model, forbids] of [
  ['tutorial001', Cookies, false],
  ['tutorial002', Cookies.strict(), true],
] as const) {
  describe(`${name}: a cookie parameter model${forbids ? ' forbidding extra cookies' : ''}`, () => {
    const app = new App()
    app.get('/items/', { cookies: model }, async function read_items({ cookies }) {
      return cookies
    })
    const client = new TestClient(app)

    test('every cookie', async () => {
      const res = await client.get('/items/', {
        cookies: { session_id: '123', fatebook_tracker: '456', googall_tracker: '789' },
      })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), { session_id: '123', fatebook_tracker: '456', googall_tracker: '789' })
    })

    test('the defaults', async () => {
      const res = await client.get('/items/', { cookies: { session_id: '123' } })
      assert.equal(res.status, 200, res.text)
      assert.deepEqual(res.json(), { session_id: '123', fatebook_tracker: null, googall_tracker: null })
    })

    test('a required cookie missing: input is every cookie received', async () => {
      const res = await client.get('/items/')
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), {
        detail: [{ type: 'missing', loc: ['cookie', 'session_id'], msg: 'Field required', input: {} }],
      })
    })

    test(`an extra cookie is ${forbids ? 'rejected' : 'ignored'}`, async () => {
      const res = await client.get('/items/', { cookies: { session_id: '123', extra: 'track-me-here-too' } })
      if (!forbids) {
        assert.equal(res.status, 200)
        assert.deepEqual(res.json(), { session_id: '123', fatebook_tracker: null, googall_tracker: null })
        return
      }
      assert.equal(res.status, 422)
      assert.deepEqual(res.json(), {
        detail: [
          {
            type: 'extra_forbidden',
            loc: ['cookie', 'extra'],
            msg: 'Extra inputs are not permitted',
            input: 'track-me-here-too',
          },
        ],
      })
    })
  })
}
