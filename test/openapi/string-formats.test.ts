// A string format in the document promises which strings the server takes. Where zod takes fewer
// than the format names, the document keeps zod's pattern beside it, so a client (or a test
// generator such as Schemathesis) that follows the document never sends a string the server
// refuses; where zod takes exactly the format's strings, the format stands alone, as in FastAPI.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../src/index.js'

/** One route per schema, reading it from `?value=`; returns the client and each route's documented schema. */
async function serve(schemas: Record<string, z.ZodType>) {
  const app = new App()
  for (const [name, schema] of Object.entries(schemas)) {
    app.get(`/${name}`, { query: { value: schema } }, function check() {
      return { ok: true }
    })
  }
  const client = new TestClient(app)
  const document = (await client.get('/openapi.json')).json() as {
    paths: Record<string, { get: { parameters: { schema: Record<string, unknown> }[] } }>
  }
  const documented = (name: string) => {
    const { title: _title, ...schema } = document.paths[`/${name}`]!.get.parameters[0]!.schema
    return schema
  }
  const accepts = async (name: string, value: string) =>
    (await client.get(`/${name}`, { query: { value } })).status === 200
  return { documented, accepts }
}

const narrowed = {
  datetime: z.iso.datetime(),
  datetime_offset: z.iso.datetime({ offset: true }),
  uuid: z.uuid(),
  uuid4: z.uuidv4(),
  email: z.email(),
  nanoid: z.nanoid(),
}

// Each line: a string the format names, and what zod does with it (in the comment).
const samples = [
  '2024-05-01T10:00:00Z', // every date-time schema takes it
  '2024-05-01T10:00:00+02:00', // RFC 3339; z.iso.datetime() refuses offsets
  '2024-05-01t10:00:00z', // RFC 3339 allows lowercase; zod refuses it
  '2016-12-31T23:59:60Z', // a leap second, RFC 3339; zod refuses it
  '550e8400-e29b-41d4-a716-446655440000', // a version 4 UUID
  '6ba7b810-9dad-11d1-80b4-00c04fd430c8', // a version 1 UUID: not a v4
  '12345678-1234-1234-1234-123456789012', // a UUID's form without an RFC 9562 version: z.uuid() refuses it
  'someone@example.com',
  'some!one@example.com', // RFC 5321 allows `!`; z.email() refuses it
  'V1StGXR8_Z5jdHi6B-myT', // a nanoid
]

describe('formats zod checks more narrowly keep their pattern', () => {
  test('the documented pattern takes exactly the strings the server takes', async () => {
    const { documented, accepts } = await serve(narrowed)
    for (const name of Object.keys(narrowed)) {
      const pattern = documented(name).pattern
      assert.equal(typeof pattern, 'string', `${name} documents its pattern`)
      // JSON Schema patterns are ECMA-262 regular expressions, read with the `u` flag by Ajv.
      const regex = new RegExp(pattern as string, 'u')
      for (const sample of samples) {
        assert.equal(regex.test(sample), await accepts(name, sample), `${name} on ${sample}`)
      }
    }
  })

  test('z.iso.datetime() and z.iso.datetime({ offset: true }) are documented apart, as the wire tells them apart', async () => {
    const { documented, accepts } = await serve(narrowed)
    assert.equal(documented('datetime').format, 'date-time')
    assert.equal(documented('datetime_offset').format, 'date-time')
    assert.notDeepEqual(documented('datetime'), documented('datetime_offset'))
    assert.equal(await accepts('datetime', '2024-05-01T10:00:00+02:00'), false)
    assert.equal(await accepts('datetime_offset', '2024-05-01T10:00:00+02:00'), true)
  })
})

describe('formats zod checks exactly stand alone, as FastAPI documents them', () => {
  test('z.iso.date() is `format: date` and takes every RFC 3339 full-date', async () => {
    const { documented, accepts } = await serve({ date: z.iso.date() })
    assert.deepEqual(documented('date'), { type: 'string', format: 'date' })
    for (const date of ['2024-02-29', '2023-12-31', '0001-01-01'])
      assert.equal(await accepts('date', date), true)
    for (const date of ['2023-02-29', '2024-04-31', '2024-13-01'])
      assert.equal(await accepts('date', date), false)
  })

  test('z.guid() is `format: uuid` and takes every UUID string, any version, any case', async () => {
    const { documented, accepts } = await serve({ guid: z.guid() })
    assert.deepEqual(documented('guid'), { type: 'string', format: 'uuid' })
    for (const uuid of [
      '12345678-1234-1234-1234-123456789012',
      '550E8400-E29B-41D4-A716-446655440000',
      '00000000-0000-0000-0000-000000000000',
    ]) {
      assert.equal(await accepts('guid', uuid), true, uuid)
    }
    assert.equal(await accepts('guid', '12345678-1234-1234-1234-12345678901'), false)
  })
})
