// FastAPI tutorial "Cookie Parameters" (docs_src/cookie_params), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'

describe('tutorial001: an optional cookie', () => {
  const app = new App()
  app.get(
    '/items/',
    { cookies: { ads_id: z.string().nullable().default(null) } },
    async function read_items({ cookies }) {
      return { ads_id: cookies.ads_id }
    },
  )
  const client = new TestClient(app)

  for (const [cookies, expected] of [
    [undefined, { ads_id: null }],
    [{ ads_id: 'ads_track' }, { ads_id: 'ads_track' }],
    [{ ads_id: 'ads_track', session: 'cookiesession' }, { ads_id: 'ads_track' }],
    [{ session: 'cookiesession' }, { ads_id: null }],
  ] as const) {
    test(`cookies ${JSON.stringify(cookies ?? {})}`, async () => {
      const res = await client.get('/items', { cookies })
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), expected)
    })
  }
})
