// FastAPI tutorial "First Steps" (docs_src/first_steps), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { App, TestClient } from '../../../src/index.js'

function asyncApp(): App {
  const app = new App()
  app.get('/', async function root() {
    return { message: 'Hello World' }
  })
  return app
}

function syncApp(): App {
  const app = new App()
  app.get('/', function root() {
    return { message: 'Hello World' }
  })
  return app
}

for (const [name, make] of [
  ['tutorial001 (async handler)', asyncApp],
  ['tutorial003 (sync handler)', syncApp],
] as const) {
  describe(`first steps ${name}`, () => {
    const client = new TestClient(make())

    test('GET / says hello', async () => {
      const res = await client.get('/')
      assert.equal(res.status, 200)
      assert.deepEqual(res.json(), { message: 'Hello World' })
    })

    test('an unknown path is a 404', async () => {
      const res = await client.get('/nonexistent')
      assert.equal(res.status, 404)
      assert.deepEqual(res.json(), { detail: 'Not Found' })
      assert.equal(res.headers.get('content-type'), 'application/json')
      assert.equal(res.text, '{"detail":"Not Found"}')
    })

    test('HEAD on a GET route answers 200 without a body (Brisk auto-HEAD; FastAPI answers 405)', async () => {
      const res = await client.head('/')
      assert.equal(res.status, 200)
      assert.equal(res.text, '')
    })
  })
}
