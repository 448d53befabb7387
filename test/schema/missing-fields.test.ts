// A required value the client leaves out is FastAPI's `missing` error whatever its type: Pydantic
// never validates an absent field, where zod phrases absence per type (an enum's or a literal's
// `invalid_value`, a union's branches, a refinement's `custom`). The bodies below are the ones
// FastAPI answers for the same declarations (`Field required`; `input` null for a parameter or an
// embedded body field, the enclosing object for a model's field).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../src/index.js'

enum Color {
  Red = 'red',
  Blue = 'blue',
}

/** One required field of each kind zod reports differently when it is absent. */
const choiceFields = {
  size: z.enum(['s', 'm', 'l']),
  color: z.enum(Color),
  shade: z.enum(['dark', 'light']).nullable(),
  kind: z.literal('shirt'),
  fit: z.literal(['slim', 'loose']),
}
const choiceNames = Object.keys(choiceFields)

const otherFields = {
  price: z.union([z.number(), z.string()]),
  shape: z.discriminatedUnion('type', [
    z.object({ type: z.literal('circle'), radius: z.number() }),
    z.object({ type: z.literal('square'), side: z.number() }),
  ]),
  stock: z.record(z.string(), z.int()),
  released: z.date(),
  maker: z.object({ name: z.string() }),
  tags: z.array(z.string()),
  code: z.custom<string>((value) => typeof value === 'string'),
  both: z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })),
}

function missing(loc: (string | number)[], input: unknown) {
  return { type: 'missing', loc, msg: 'Field required', input }
}

const app = new App()
const ok = () => ({ ok: true })
app.post('/whole', { body: z.object({ ...choiceFields, ...otherFields }) }, ok)
app.post('/nested', { body: z.object({ item: z.object(choiceFields) }) }, ok)
app.post('/embedded', { body: choiceFields }, ok)
app.post('/whole-enum', { body: z.enum(Color) }, ok)
app.get('/query', { query: choiceFields }, ok)
app.get('/query-model', { query: z.object(choiceFields) }, ok)
app.get('/header', { headers: { x_size: choiceFields.size, x_kind: choiceFields.kind } }, ok)
app.get('/cookie', { cookies: choiceFields }, ok)
app.post('/form', { form: choiceFields }, ok)
app.post(
  '/refined',
  {
    body: z
      .object({ email: z.string().optional(), phone: z.string().optional() })
      .refine((contact) => contact.email !== undefined || contact.phone !== undefined, {
        path: ['email'],
        message: 'give an email or a phone',
      }),
  },
  ok,
)
app.post('/tagged', { body: z.object({ shape: otherFields.shape }) }, ok)
const client = new TestClient(app)

describe('a missing enum or literal is `missing`, in every place a value is read from', () => {
  test('a whole-body model: input is the body', async () => {
    const body = { note: 'x' }
    const res = await client.post('/whole', { json: body })
    assert.equal(res.status, 422)
    const choices = (res.json() as { detail: unknown[] }).detail.slice(0, choiceNames.length)
    assert.deepEqual(
      choices,
      choiceNames.map((name) => missing(['body', name], body)),
    )
  })

  test('a nested model: input is the object that lacks the field', async () => {
    const res = await client.post('/nested', { json: { item: {} } })
    assert.deepEqual(res.json(), { detail: choiceNames.map((name) => missing(['body', 'item', name], {})) })
  })

  test('an embedded body: input null', async () => {
    const res = await client.post('/embedded', { json: {} })
    assert.deepEqual(res.json(), { detail: choiceNames.map((name) => missing(['body', name], null)) })
  })

  test('a whole body that is an enum, not sent', async () => {
    const res = await client.post('/whole-enum')
    assert.deepEqual(res.json(), { detail: [missing(['body'], null)] })
  })

  test('query parameters: input null', async () => {
    const res = await client.get('/query')
    assert.deepEqual(res.json(), { detail: choiceNames.map((name) => missing(['query', name], null)) })
  })

  test('a query parameter model: input is the parameters received', async () => {
    const res = await client.get('/query-model', { query: { other: '1' } })
    assert.deepEqual(res.json(), {
      detail: choiceNames.map((name) => missing(['query', name], { other: '1' })),
    })
  })

  test('headers: input null, the header named as it is read', async () => {
    const res = await client.get('/header')
    assert.deepEqual(res.json(), {
      detail: [missing(['header', 'x-size'], null), missing(['header', 'x-kind'], null)],
    })
  })

  test('cookies: input null', async () => {
    const res = await client.get('/cookie')
    assert.deepEqual(res.json(), { detail: choiceNames.map((name) => missing(['cookie', name], null)) })
  })

  test('form fields: input null', async () => {
    const res = await client.post('/form', { form: { other: 'x' } })
    assert.deepEqual(res.json(), { detail: choiceNames.map((name) => missing(['body', name], null)) })
  })
})

describe('other types zod reports differently when absent are `missing` too', () => {
  test('unions, tagged unions, records, dates, objects, arrays, custom types, intersections (once)', async () => {
    const body = { note: 'x' }
    const res = await client.post('/whole', { json: body })
    const others = (res.json() as { detail: unknown[] }).detail.slice(choiceNames.length)
    assert.deepEqual(
      others,
      Object.keys(otherFields).map((name) => missing(['body', name], body)),
    )
  })

  test('a tagged union present without its tag keeps Pydantic’s union_tag_not_found', async () => {
    const res = await client.post('/tagged', { json: { shape: { radius: 1 } } })
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'union_tag_not_found',
          loc: ['body', 'shape'],
          msg: "Unable to extract tag using discriminator 'type'",
          input: { radius: 1 },
          ctx: { discriminator: "'type'" },
        },
      ],
    })
  })

  test('a refinement about an optional key left out keeps its message, with the object as input', async () => {
    const res = await client.post('/refined', { json: {} })
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'value_error',
          loc: ['body', 'email'],
          msg: 'Value error, give an email or a phone',
          input: {},
          ctx: { error: {} },
        },
      ],
    })
  })
})
