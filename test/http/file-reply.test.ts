import assert from 'node:assert/strict'
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, afterEach, before, describe, test } from 'node:test'
import { HTTPException } from '../../src/errors/index.js'
import { file } from '../../src/http/file-reply.js'
import type { Reply, ReplyRequest } from '../../src/http/reply.js'

let dir: string
let path: string
const content = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz') // 36 bytes
const mtime = new Date('2024-05-06T07:08:09Z')

function request(headers: Record<string, string> = {}, method = 'GET'): ReplyRequest {
  return { method, header: (name) => headers[name.toLowerCase()] }
}

async function bodyOf(reply: Reply): Promise<Buffer> {
  if (reply.body === null) return Buffer.alloc(0)
  if (reply.body instanceof Uint8Array) return Buffer.from(reply.body)
  const chunks: Buffer[] = []
  for await (const chunk of reply.body as AsyncIterable<string | Uint8Array>) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

/** Replies a test looked at without reading the body: closed after it, as a server would. */
const unread: Reply[] = []

async function send(headers: Record<string, string> = {}, method = 'GET', options = {}): Promise<Reply> {
  const reply = file(path, options)
  assert.equal(reply.deferred, true)
  const prepared = await reply.prepare(request(headers, method))
  unread.push(prepared)
  return prepared
}

// One suite, so its hooks belong to these tests only when the runner puts several files in one
// process (scripts/run-tests.mjs).
describe('file()', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'brisk-file-'))
    path = join(dir, 'data.txt')
    await writeFile(path, content)
    await utimes(path, mtime, mtime)
  })

  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  // A body a test did not read keeps its file open; returning its iterator closes it.
  afterEach(async () => {
    for (const reply of unread.splice(0)) {
      if (reply.body !== null && typeof reply.body === 'object' && Symbol.asyncIterator in reply.body) {
        await (reply.body as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.()
      }
    }
  })

  test('whole file with type, length, validators and accept-ranges', async () => {
    const reply = await send()
    assert.equal(reply.status, 200)
    assert.equal(reply.headers.get('content-type'), 'text/plain; charset=utf-8')
    assert.equal(reply.headers.get('content-length'), '36')
    assert.equal(reply.headers.get('last-modified'), 'Mon, 06 May 2024 07:08:09 GMT')
    assert.match(reply.headers.get('etag')!, /^"[0-9a-f]{32}"$/)
    assert.equal(reply.headers.get('accept-ranges'), 'bytes')
    assert.equal(reply.headers.has('content-disposition'), false)
    assert.deepEqual(await bodyOf(reply), content)
  })

  test('options: filename, content type, disposition, status and headers', async () => {
    let reply = await send({}, 'GET', { filename: 'report.csv', headers: { 'cache-control': 'no-store' } })
    assert.equal(reply.headers.get('content-type'), 'text/csv; charset=utf-8')
    assert.equal(reply.headers.get('content-disposition'), 'attachment; filename="report.csv"')
    assert.equal(reply.headers.get('cache-control'), 'no-store')
    await bodyOf(reply) // read, so the open file closes
    reply = await send({}, 'GET', { filename: 'résumé "x".pdf', contentDisposition: 'inline' })
    assert.equal(reply.headers.get('content-type'), 'application/pdf')
    assert.equal(
      reply.headers.get('content-disposition'),
      "inline; filename*=utf-8''r%C3%A9sum%C3%A9%20%22x%22.pdf",
    )
    await bodyOf(reply)
    reply = await send({ range: 'bytes=0-0' }, 'GET', {
      contentType: 'application/octet-stream',
      status: 404,
    })
    assert.equal(reply.status, 404, 'a custom status is kept and Range ignored')
    assert.equal(reply.headers.get('content-type'), 'application/octet-stream')
    assert.equal((await bodyOf(reply)).length, 36)
  })

  test('headers set on the reply after construction are kept', async () => {
    const reply = file(path)
    reply.headers.append('set-cookie', 'a=1').set('x-extra', 'yes')
    const prepared = await reply.prepare(request())
    assert.deepEqual(prepared.headers.getAll('set-cookie'), ['a=1'])
    assert.equal(prepared.headers.get('x-extra'), 'yes')
    await bodyOf(prepared)
  })

  test('one range gives 206 with content-range', async () => {
    const reply = await send({ range: 'bytes=10-15' })
    assert.equal(reply.status, 206)
    assert.equal(reply.headers.get('content-range'), 'bytes 10-15/36')
    assert.equal(reply.headers.get('content-length'), '6')
    assert.equal((await bodyOf(reply)).toString(), 'abcdef')
  })

  test('suffix range, clamped when longer than the file', async () => {
    let reply = await send({ range: 'bytes=-4' })
    assert.equal(reply.headers.get('content-range'), 'bytes 32-35/36')
    assert.equal((await bodyOf(reply)).toString(), 'wxyz')
    reply = await send({ range: 'bytes=-1000' })
    assert.equal(reply.status, 206)
    assert.equal(reply.headers.get('content-range'), 'bytes 0-35/36')
    assert.deepEqual(await bodyOf(reply), content)
  })

  test('two ranges give multipart/byteranges with an exact content-length', async () => {
    const reply = await send({ range: 'bytes=0-2, 30-, 1-3' })
    assert.equal(reply.status, 206)
    const type = reply.headers.get('content-type')!
    const boundary = /^multipart\/byteranges; boundary=([0-9a-f]{26})$/.exec(type)?.[1]
    assert.ok(boundary, type)
    const body = await bodyOf(reply)
    assert.equal(reply.headers.get('content-length'), String(body.length))
    assert.equal(
      body.toString(),
      `--${boundary}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-range: bytes 0-3/36\r\n\r\n0123\r\n` +
        `--${boundary}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-range: bytes 30-35/36\r\n\r\nuvwxyz\r\n` +
        `--${boundary}--\r\n`,
    )
  })

  test('unsatisfiable and malformed ranges give 416 with the size', async () => {
    for (const range of ['bytes=36-', 'bytes=-0', 'bytes=5-2', 'bytes=x']) {
      const reply = await send({ range })
      assert.equal(reply.status, 416, range)
      assert.equal(reply.headers.get('content-range'), 'bytes */36')
      assert.equal(reply.body, null)
    }
  })

  test('more than 100 ranges, or another unit, sends the whole file', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `${i % 36}-${i % 36}`).join(',')
    for (const range of [`bytes=${many}`, 'lines=1-2']) {
      const reply = await send({ range })
      assert.equal(reply.status, 200)
      assert.deepEqual(await bodyOf(reply), content)
    }
  })

  test('If-None-Match: weak comparison and * give 304 with the etag and no content headers', async () => {
    const etag = (await send()).headers.get('etag')!
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const reply = await send({ 'if-none-match': ifNoneMatch })
      assert.equal(reply.status, 304, ifNoneMatch)
      assert.equal(reply.body, null)
      assert.equal(reply.headers.get('etag'), etag)
      assert.equal(reply.headers.has('content-length'), false)
      assert.equal(reply.headers.has('content-type'), false)
    }
    const changed = await send({
      'if-none-match': '"other"',
      'if-modified-since': 'Tue, 01 Jan 2030 00:00:00 GMT',
    })
    assert.equal(changed.status, 200, 'If-None-Match decides; If-Modified-Since is then ignored')
  })

  test('If-Modified-Since gives 304 when the file is not newer', async () => {
    assert.equal((await send({ 'if-modified-since': 'Mon, 06 May 2024 07:08:09 GMT' })).status, 304)
    assert.equal((await send({ 'if-modified-since': 'Tue, 07 May 2024 00:00:00 GMT' })).status, 304)
    assert.equal((await send({ 'if-modified-since': 'Sun, 05 May 2024 00:00:00 GMT' })).status, 200)
    assert.equal((await send({ 'if-modified-since': 'not a date' })).status, 200)
    assert.equal((await send({ 'if-modified-since': 'Tue, 07 May 2024 00:00:00 GMT' }, 'POST')).status, 200)
  })

  test('If-Range: a matching validator allows the range, a mismatch sends the whole file', async () => {
    const first = await send()
    const etag = first.headers.get('etag')!
    assert.equal((await send({ range: 'bytes=0-0', 'if-range': etag })).status, 206)
    assert.equal(
      (await send({ range: 'bytes=0-0', 'if-range': first.headers.get('last-modified')! })).status,
      206,
    )
    for (const ifRange of ['"stale"', `W/${etag}`, 'Sun, 05 May 2024 00:00:00 GMT', 'garbage']) {
      const reply = await send({ range: 'bytes=0-0', 'if-range': ifRange })
      assert.equal(reply.status, 200, ifRange)
      assert.deepEqual(await bodyOf(reply), content)
    }
  })

  test('HEAD sends the headers only', async () => {
    let reply = await send({}, 'HEAD')
    assert.equal(reply.status, 200)
    assert.equal(reply.headers.get('content-length'), '36')
    assert.equal(reply.body, null)
    reply = await send({ range: 'bytes=1-2' }, 'HEAD')
    assert.equal(reply.status, 206)
    assert.equal(reply.headers.get('content-length'), '2')
    assert.equal(reply.body, null)
  })

  test('a missing file or a directory is a 404', async () => {
    for (const missing of [join(dir, 'nope.txt'), join(path, 'below'), dir]) {
      await assert.rejects(
        async () => file(missing).prepare(request()),
        (error: unknown) => error instanceof HTTPException && error.status === 404,
        missing,
      )
    }
  })

  test('an empty file is sent with length 0', async () => {
    const empty = join(dir, 'empty.bin')
    await writeFile(empty, '')
    const reply = await file(empty).prepare(request())
    assert.equal(reply.headers.get('content-length'), '0')
    assert.equal(reply.headers.get('content-type'), 'application/octet-stream')
    assert.equal((await bodyOf(reply)).length, 0)
  })

  test('a file deleted after the reply chose its answer is still sent whole; one deleted before is a 404', async () => {
    const doomed = join(dir, 'doomed.txt')
    await writeFile(doomed, content)
    const reply = await file(doomed).prepare(request())
    await rm(doomed)
    assert.equal(reply.status, 200)
    assert.deepEqual(await bodyOf(reply), content)
    await assert.rejects(
      async () => file(doomed).prepare(request()),
      (error: unknown) => error instanceof HTTPException && error.status === 404,
    )
  })

  test('a large file is streamed in chunks, not read into memory', async () => {
    const large = join(dir, 'large.bin')
    const size = 8 * 1024 * 1024 + 3
    await writeFile(large, Buffer.alloc(size, 7))
    const reply = await file(large).prepare(request())
    assert.equal(reply.headers.get('content-length'), String(size))
    assert.ok(!(reply.body instanceof Uint8Array) && typeof reply.body !== 'string')
    let chunks = 0
    let received = 0
    for await (const chunk of reply.body as AsyncIterable<Uint8Array>) {
      chunks++
      received += chunk.length
    }
    assert.equal(received, size)
    assert.ok(chunks > 10, `${chunks} chunks`)
  })

  test('a multipart range body closes its file when returned before it started', async () => {
    const reply = await send({ range: 'bytes=0-1,5-6' })
    const iterator = (reply.body as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]()
    await iterator.return?.()
    // A second reply of the same file still works: nothing was left half open or locked.
    assert.equal((await bodyOf(await send({ range: 'bytes=0-1,5-6' }))).includes('01'), true)
  })
})
