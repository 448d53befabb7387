// `sentBody`: the parsed body with only what the client sent, for partial updates (docs/bodies.md,
// "Partial updates"). FastAPI's PATCH tutorial is in test/fastapi/tutorial/body-updates.test.ts;
// these are the cases it leaves out: nested models, lists, embedded bodies, dependencies.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { z } from 'zod'
import { runtimeOf } from '../../src/app-runtime.js'
import { App, ConfigError, depends, TestClient } from '../../src/index.js'

const Address = z.object({ city: z.string(), country: z.string().default('NL') })
const User = z.object({
  name: z.string().optional(),
  active: z.boolean().default(true),
  address: Address.optional(),
  pets: z.array(z.object({ name: z.string(), kind: z.string().default('cat') })).default([]),
})

describe('sentBody', () => {
  const app = new App()
  app.patch('/users/me', { body: User }, ({ body, sentBody }) => {
    expectTypeOf(sentBody.address).toEqualTypeOf<{ city?: string; country?: string } | undefined>()
    return { body, sentBody }
  })
  app.patch('/embedded', { body: { user: User, importance: z.int().default(1) } }, ({ sentBody }) => {
    expectTypeOf(sentBody.importance).toEqualTypeOf<number | undefined>()
    return sentBody
  })
  const userFields = depends({ body: { user: User } }, ({ sentBody }) => {
    expectTypeOf(sentBody.user).toEqualTypeOf<
      | {
          name?: string | undefined
          active?: boolean
          address?: { city?: string; country?: string } | undefined
          pets?: { name?: string; kind?: string }[]
        }
      | undefined
    >()
    return sentBody
  })
  app.patch('/dependency', { body: { note: z.string().default('') }, deps: { fields: userFields } }, (c) => ({
    fields: c.fields,
    route: c.sentBody,
  }))
  app.get('/none', ({ sentBody }) => {
    expectTypeOf(sentBody).toEqualTypeOf<undefined>()
    return { none: sentBody === undefined }
  })
  app.post('/form', { form: { name: z.string() } }, ({ sentBody }) => ({ none: sentBody === undefined }))
  const client = new TestClient(app)

  test('leaves out the defaults of nested objects and of list items, as exclude_unset does', async () => {
    const res = await client.patch('/users/me', {
      json: { address: { city: 'Delft' }, pets: [{ name: 'Tom' }] },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      body: { active: true, address: { city: 'Delft', country: 'NL' }, pets: [{ name: 'Tom', kind: 'cat' }] },
      sentBody: { address: { city: 'Delft' }, pets: [{ name: 'Tom' }] },
    })
  })

  test('keeps what was sent, even a value equal to the default, and leaves out unknown keys', async () => {
    const res = await client.patch('/users/me', { json: { active: true, extra: 1 } })
    assert.deepEqual(res.json<{ sentBody: unknown }>().sentBody, { active: true })
  })

  test('an empty body object sends nothing', async () => {
    const res = await client.patch('/users/me', { json: {} })
    assert.deepEqual(res.json<{ sentBody: unknown }>().sentBody, {})
  })

  test('of an embedded body: each embedded field with what was sent of it', async () => {
    const res = await client.patch('/embedded', { json: { user: { name: 'Ann' } } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { user: { name: 'Ann' } })
  })

  test("of a dependency's body fields: its own fields, sent parts only", async () => {
    const res = await client.patch('/dependency', { json: { user: { address: { city: 'Gouda' } } } })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { fields: { user: { address: { city: 'Gouda' } } }, route: {} })
  })

  test('is undefined on a route without a JSON body', async () => {
    assert.deepEqual((await client.get('/none')).json(), { none: true })
    assert.deepEqual((await client.post('/form', { form: { name: 'x' } })).json(), { none: true })
  })

  test('is a name a dependency cannot take', () => {
    const app = new App()
    app.get('/x', { deps: { sentBody: depends(() => 1) } }, () => null)
    assert.throws(() => runtimeOf(app).dispatcher(), /names a dependency "sentBody"/)
    assert.throws(() => depends({ sentBody: depends(() => 1) }, () => null), ConfigError)
  })
})
