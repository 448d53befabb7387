// Multipart limits per app, per route and per field through the TestClient: each breach is a 413
// (415 for a type a field does not accept) and the handler never runs; bad limits fail at startup.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, ConfigError, TestClient, upload } from '../../src/index.js'

describe('multipart limits', () => {
  let handled = 0
  const app = new App({ multipart: { maxFiles: 3 } })
  app.post(
    '/avatar',
    { files: { image: upload({ maxSize: 10, accept: ['image/png', 'image/*'] }) } },
    ({ files }) => {
      handled++
      return { size: files.image.size, type: files.image.contentType, headers: files.image.headers }
    },
  )
  app.post(
    '/many',
    {
      files: { docs: upload.list() },
      multipart: { maxFiles: 5, maxFields: 1 },
      form: { a: z.string().optional() },
    },
    ({ files }) => {
      handled++
      return { count: files.docs.length }
    },
  )
  app.post('/any', { files: { docs: upload.list() } }, ({ files }) => files.docs.length)
  const client = new TestClient(app)

  test('a file within its field limit, with its part headers', async () => {
    const res = await client.post('/avatar', {
      files: { image: ['a.png', '0123456789', 'image/png', { 'x-note': 'hi' }] },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      size: 10,
      type: 'image/png',
      headers: {
        'content-disposition': ['form-data; name="image"; filename="a.png"'],
        'content-type': ['image/png'],
        'x-note': ['hi'],
      },
    })
  })

  test("past the field's maxSize: 413", async () => {
    const before = handled
    const res = await client.post('/avatar', { files: { image: ['a.png', '01234567890', 'image/png'] } })
    assert.equal(res.status, 413)
    assert.deepEqual(res.json(), { detail: 'File "image" is larger than the limit of 10 bytes.' })
    assert.equal(handled, before)
  })

  test('a type the field does not accept: 415', async () => {
    const res = await client.post('/avatar', { files: { image: ['a.txt', 'hi', 'text/plain'] } })
    assert.equal(res.status, 415)
    assert.deepEqual(res.json(), {
      detail: 'File "image" must be of type image/png, image/*, got text/plain.',
    })
    assert.equal(
      (await client.post('/avatar', { files: { image: ['a.gif', 'hi', 'image/gif'] } })).status,
      200,
    )
  })

  test('the route raises the app limit of files; fields have their own', async () => {
    const five = Array.from({ length: 5 }, (_, index) => ['docs', [`${index}.txt`, 'x']] as const)
    assert.deepEqual((await client.post('/many', { files: five })).json(), { count: 5 })
    const six = await client.post('/many', { files: [...five, ['docs', ['5.txt', 'x']]] })
    assert.equal(six.status, 413)
    assert.deepEqual(six.json(), { detail: 'Too many files. Maximum number of files is 5.' })
    const fields = await client.post('/many', { form: { a: ['1', '2'] }, files: five })
    assert.deepEqual(fields.json(), { detail: 'Too many fields. Maximum number of fields is 1.' })
    const app4 = await client.post('/any', { files: five.slice(0, 4) })
    assert.deepEqual(app4.json(), { detail: 'Too many files. Maximum number of files is 3.' })
  })

  test('a filename is the last segment of what the client sent', async () => {
    const echo = new App()
    echo.post('/f', { files: { file: upload() } }, ({ files }) => files.file.filename)
    const res = await new TestClient(echo).post('/f', { files: { file: ['../../etc/passwd', 'x'] } })
    assert.equal(res.json(), 'passwd')
  })

  test('bad limits and declarations fail at startup', () => {
    assert.throws(() => new App({ multipart: { maxFiles: -1 } }), ConfigError)
    assert.throws(() => new App({ multipart: { maxFile: 1 } as never }), /unknown multipart limit "maxFile"/)
    assert.throws(() => upload({ maxSize: 1.5 }), ConfigError)
    assert.throws(() => upload({ accept: ['png'] }), ConfigError)
    assert.throws(() => upload({ maxCount: 2 }), /maxCount is for upload\.list\(\)/)
    assert.throws(
      () => upload.list({ maxCount: 0 }),
      /maxCount must be a whole number of files from 1, got 0/,
    )
    const other = new App()
    assert.throws(
      () => other.post('/x', { files: { a: upload() }, form: { a: z.string() } }, () => null),
      /declared in both form and files/,
    )
  })
})

describe('upload.list({ maxCount })', () => {
  let handled = 0
  const app = new App()
  app.post(
    '/photos',
    { files: { photos: upload.list({ maxCount: 2 }), cover: upload.optional() } },
    ({ files }) => {
      handled++
      return files.photos.length
    },
  )
  const client = new TestClient(app)
  const photo = (name: string) => [name, 'bytes', 'image/png'] as [string, string, string]

  test('up to the count, with other fields beside it', async () => {
    const res = await client.post('/photos', {
      files: { photos: [photo('a.png'), photo('b.png')], cover: photo('c.png') },
    })
    assert.equal(res.status, 200)
    assert.equal(res.json(), 2)
  })

  test('one more is a 413 naming the field, and the handler does not run', async () => {
    handled = 0
    const res = await client.post('/photos', {
      files: { photos: [photo('a.png'), photo('b.png'), photo('c.png')] },
    })
    assert.equal(res.status, 413)
    assert.deepEqual(res.json(), { detail: 'Too many files for "photos". Maximum number of files is 2.' })
    assert.equal(handled, 0)
  })

  test('documented as maxItems of the field', () => {
    const body = app.openapi().components?.schemas?.Body_post_photos as {
      properties: Record<string, unknown>
    }
    assert.deepEqual(body.properties.photos, {
      type: 'array',
      items: { type: 'string', contentMediaType: 'application/octet-stream' },
      maxItems: 2,
      title: 'Photos',
    })
  })
})
