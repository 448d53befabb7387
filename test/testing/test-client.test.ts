import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, silentLogger, TestClient } from '../../src/index.js'

describe('TestClient', () => {
  const app = new App({ logger: silentLogger })
  app.get('/headers', { headers: { host: z.string(), user_agent: z.string() } }, ({ headers }) => headers)
  app.get('/set', ({ response }) => {
    response.setCookie('session', 'abc')
    return { ok: true }
  })
  app.get('/cookie', { cookies: { session: z.string().optional() } }, ({ cookies }) => cookies)
  app.get('/clear', ({ response }) => {
    response.deleteCookie('session')
    return { ok: true }
  })
  app.get('/boom', () => {
    throw new Error('kaboom')
  })

  test('sends Host and User-Agent as Starlette’s client does', async () => {
    const res = await new TestClient(app).get('/headers')
    assert.deepEqual(res.json(), { host: 'testserver', user_agent: 'testclient' })
  })

  test('keeps cookies between requests and forgets deleted ones', async () => {
    const client = new TestClient(app)
    await client.get('/set')
    assert.deepEqual((await client.get('/cookie')).json(), { session: 'abc' })
    await client.get('/clear')
    assert.deepEqual((await client.get('/cookie')).json(), {})
  })

  test('rethrows unhandled errors by default, or returns the 500', async () => {
    await assert.rejects(new TestClient(app).get('/boom'), /kaboom/)
    const res = await new TestClient(app, { raiseServerExceptions: false }).get('/boom')
    assert.equal(res.status, 500)
    assert.equal(res.text, 'Internal Server Error')
  })
})
