import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, ConfigError, TestClient } from '../../src/index.js'

describe('a 422 is bounded: at most 100 errors, inputs cut past 1,000 characters', () => {
  const app = new App()
  app.post('/strict', { body: z.strictObject({ name: z.string() }) }, ({ body }) => body)
  app.post('/names', { body: z.object({ names: z.array(z.string()) }) }, ({ body }) => body)
  app.post('/text', { body: z.object({ note: z.string() }) }, ({ body }) => body)
  app.post('/count', { body: z.object({ count: z.int() }) }, ({ body }) => body)
  const client = new TestClient(app)

  test('60,000 unexpected keys answer with 100 errors, in FastAPI’s shape', async () => {
    const body: Record<string, unknown> = { name: 'x' }
    for (let i = 0; i < 60_000; i++) body[`k${i}`] = i
    const res = await client.post('/strict', { json: body })
    assert.equal(res.status, 422)
    const { detail } = res.json() as { detail: { type: string; loc: unknown[]; input: unknown }[] }
    assert.equal(detail.length, 100)
    assert.deepEqual(detail[0], {
      type: 'extra_forbidden',
      loc: ['body', 'k0'],
      msg: 'Extra inputs are not permitted',
      input: 0,
    })
    assert.ok(res.text.length < 20_000, `${res.text.length} bytes`)
  })

  test('a 400,000-item list is echoed cut, as a list of its first items', async () => {
    const note = new Array(400_000).fill(0)
    const res = await client.post('/text', { json: { note } })
    assert.equal(res.status, 422)
    const { detail } = res.json() as { detail: { type: string; loc: unknown[]; input: unknown[] }[] }
    assert.equal(detail.length, 1)
    assert.deepEqual(detail[0]!.loc, ['body', 'note'])
    assert.equal(detail[0]!.type, 'string_type')
    assert.ok(Array.isArray(detail[0]!.input) && detail[0]!.input.length > 100)
    assert.ok(JSON.stringify(detail[0]!.input).length <= 1000)
    assert.ok(res.text.length < 2_000, `${res.text.length} bytes`)
    // Every item wrong: 100 errors of the 400,000.
    const names = await client.post('/names', { json: { names: note } })
    assert.equal((names.json() as { detail: unknown[] }).detail.length, 100)
  })

  test('a long string input keeps its first characters', async () => {
    const count = '7'.repeat(5000) + 'x'
    const res = await client.post('/count', { json: { count } })
    assert.equal(res.status, 422)
    const [error] = (res.json() as { detail: { type: string; input: string }[] }).detail
    assert.equal(error!.type, 'int_parsing')
    assert.equal(error!.input.length, 998)
    assert.ok(error!.input.endsWith('…'))
    assert.ok(count.startsWith(error!.input.slice(0, -1)))
  })

  test('both limits are options; invalid values are refused at startup', async () => {
    const tight = new App({ maxValidationErrors: 2, maxErrorInputLength: 10 })
    tight.post('/strict', { body: z.strictObject({ name: z.string() }) }, ({ body }) => body)
    const res = await new TestClient(tight).post('/strict', {
      json: { a: 1, b: 2, c: 3, name: 'x'.repeat(50) },
    })
    assert.equal((res.json() as { detail: unknown[] }).detail.length, 2)
    assert.throws(() => new App({ maxValidationErrors: 0 }), ConfigError)
    assert.throws(() => new App({ maxErrorInputLength: 1.5 }), ConfigError)
  })
})
