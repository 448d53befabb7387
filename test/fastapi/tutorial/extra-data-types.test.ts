// FastAPI tutorial "Extra Data Types" (docs_src/extra_data_types), ported to Brisk.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, TestClient } from '../../../src/index.js'
import type { ValidationErrorBody } from '../../response-bodies.js'

/**
 * Python's `datetime.isoformat()` for a UTC instant with whole seconds. JavaScript dates carry no
 * offset, so the app formats them as FastAPI's `jsonable_encoder` would.
 */
function isoformatUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

describe('tutorial001: UUID, datetime, timedelta and time', () => {
  const app = new App()
  app.put(
    '/items/{item_id}',
    {
      path: { item_id: z.uuid() },
      body: {
        start_datetime: z.iso.datetime({ offset: true }),
        end_datetime: z.iso.datetime({ offset: true }),
        // A timedelta arrives as seconds and leaves as (float) seconds.
        process_after: z.number(),
        repeat_at: z.iso.time().nullable().default(null),
      },
    },
    async function read_items({ path, body }) {
      const startProcess = Date.parse(body.start_datetime) + body.process_after * 1000
      const duration = (Date.parse(body.end_datetime) - startProcess) / 1000
      return {
        item_id: path.item_id,
        start_datetime: body.start_datetime,
        end_datetime: body.end_datetime,
        process_after: body.process_after,
        repeat_at: body.repeat_at,
        start_process: isoformatUtc(startProcess),
        duration,
      }
    },
  )
  const client = new TestClient(app)
  const itemId = 'ff97dd87-a4a5-4a12-b412-cde99f33e00e'
  const data = {
    start_datetime: '2018-12-22T14:00:00+00:00',
    end_datetime: '2018-12-24T15:00:00+00:00',
    repeat_at: '15:30:00',
    process_after: 300,
  }

  test('every type round-trips', async () => {
    const res = await client.put(`/items/${itemId}`, { json: data })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), {
      ...data,
      start_process: '2018-12-22T14:05:00+00:00',
      duration: 176_100,
      item_id: itemId,
    })
  })

  test('an invalid UUID', async () => {
    const res = await client.put('/items/not-a-uuid', { json: data })
    assert.equal(res.status, 422)
    const [item] = res.json<ValidationErrorBody>().detail
    assert.ok(item)
    assert.equal(item.type, 'uuid_parsing')
    assert.deepEqual(item.loc, ['path', 'item_id'])
    assert.equal(item.input, 'not-a-uuid')
  })

  test('a missing datetime', async () => {
    const { start_datetime: _, ...rest } = data
    const res = await client.put(`/items/${itemId}`, { json: rest })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [{ type: 'missing', loc: ['body', 'start_datetime'], msg: 'Field required', input: null }],
    })
  })

  // Brisk difference: a z.date() field reads the ISO string into a Date, and a Date is written
  // with toISOString (UTC, milliseconds, "Z"); Python keeps the offset it was given ("+00:00").
  test('a Date is serialized as toISOString (FastAPI: isoformat)', async () => {
    const dates = new App()
    dates.put('/dates', { body: { start_datetime: z.date() } }, ({ body }) => ({
      start: body.start_datetime,
    }))
    const res = await new TestClient(dates).put('/dates', {
      json: { start_datetime: '2018-12-22T14:00:00+00:00' },
    })
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { start: '2018-12-22T14:00:00.000Z' })
  })
})
