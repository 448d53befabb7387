// An in-memory upload keeps its chunks (slabs of the upload pool, reused across requests) and
// joins them only when asked (bytes(), text()); stream() hands on copies. What the handler sees,
// and keeps, must not depend on it: nothing it holds changes when a later upload reuses a slab.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { SlabPool } from '../../src/body/slab-pool.js'
import { UploadFile } from '../../src/http/upload-file.js'
import { App, TestClient, upload } from '../../src/index.js'

function memoryUpload(chunks: Uint8Array[]): UploadFile {
  const size = chunks.reduce((total, chunk) => total + chunk.length, 0)
  return new UploadFile({
    filename: 'a.bin',
    contentType: 'application/octet-stream',
    size,
    headers: {},
    content: { kind: 'memory', chunks, size },
  })
}

describe('an in-memory upload', () => {
  const chunks = [Buffer.from('héllo '), Buffer.from('wor'), Buffer.from('ld')]

  test('bytes() joins the chunks once and answers the same bytes every time', async () => {
    const file = memoryUpload(chunks)
    const first = await file.bytes()
    assert.equal(Buffer.from(first).toString(), 'héllo world')
    assert.equal(await file.bytes(), first)
    assert.equal(await file.text(), 'héllo world')
    assert.equal(file.spooled, false)
  })

  test('stream() gives the same bytes, before or after bytes()', async () => {
    const file = memoryUpload(chunks)
    const read = async () => Buffer.concat(await file.stream().toArray()).toString()
    assert.equal(await read(), 'héllo world')
    await file.bytes()
    assert.equal(await read(), 'héllo world')
  })

  test('an empty file', async () => {
    const file = memoryUpload([])
    assert.equal((await file.bytes()).length, 0)
    assert.equal((await file.stream().toArray()).length, 0)
  })

  test('a 1 MiB upload (the spool threshold, so kept in memory) arrives byte for byte', async () => {
    const app = new App()
    app.post('/up', { files: { file: upload() } }, async ({ files }) => ({
      spooled: files.file.spooled,
      size: files.file.size,
      sha: createHash('sha256')
        .update(await files.file.bytes())
        .digest('hex'),
    }))
    const content = Buffer.alloc(1024 * 1024, 'abcdefghijklmnopqrstuvwxyz')
    const res = await new TestClient(app).post('/up', {
      files: { file: ['big.bin', content, 'application/octet-stream'] },
    })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), {
      spooled: false,
      size: content.length,
      sha: createHash('sha256').update(content).digest('hex'),
    })
  })

  test('after close (after the response) its bytes are gone: reading is an error', async () => {
    let released = 0
    const file = new UploadFile({
      filename: 'a.bin',
      contentType: 'application/octet-stream',
      size: 3,
      headers: {},
      content: { kind: 'memory', chunks: [Buffer.from('abc')], size: 3, release: () => released++ },
    })
    await file.close()
    await file.close()
    assert.equal(released, 1, 'the slabs go back to the pool once')
    await assert.rejects(file.bytes(), /closed/)
    await assert.rejects(file.stream().toArray(), /closed/)
  })

  test('bytes kept by a handler stay intact while later uploads reuse the slabs', async () => {
    const kept: { bytes: Uint8Array; sha: string }[] = []
    const app = new App()
    app.post('/up', { files: { file: upload() } }, async ({ files }) => {
      const bytes = await files.file.bytes()
      const chunks = await files.file.stream().toArray()
      kept.push({ bytes, sha: createHash('sha256').update(bytes).digest('hex') })
      return { same: Buffer.concat(chunks).equals(bytes) }
    })
    const client = new TestClient(app)
    for (const letter of 'abcdefgh') {
      const content = Buffer.alloc(300 * 1024 + 7, letter)
      const res = await client.post('/up', {
        files: { file: ['f.bin', content, 'application/octet-stream'] },
      })
      assert.deepEqual(res.json(), { same: true })
    }
    for (const { bytes, sha } of kept) assert.equal(createHash('sha256').update(bytes).digest('hex'), sha)
  })

  test('uploads of a request that fails validation give their slabs back once, corrupting none', async () => {
    const app = new App()
    app.post('/up', { files: { file: upload() }, form: { name: z.string() } }, async ({ files }) =>
      createHash('sha256')
        .update(await files.file.bytes())
        .digest('hex'),
    )
    const client = new TestClient(app)
    const rejected = await client.post('/up', { files: { file: ['f.bin', Buffer.alloc(200_000, 'x')] } })
    assert.equal(rejected.status, 422)
    const contents = ['p', 'q', 'r', 's'].map((letter) =>
      Buffer.alloc(200_000 + letter.charCodeAt(0), letter),
    )
    const answers = await Promise.all(
      contents.map((content) =>
        client.post('/up', { files: { file: ['f.bin', content] }, form: { name: 'n' } }),
      ),
    )
    assert.deepEqual(
      answers.map((res) => res.json()),
      contents.map((content) => createHash('sha256').update(content).digest('hex')),
    )
  })
})

describe('the slab pool', () => {
  test('hands back returned slabs and keeps no more than its cap', () => {
    const pool = new SlabPool(16, 2)
    const slabs = [pool.take(), pool.take(), pool.take()]
    assert.ok(slabs.every((slab) => slab.length === 16))
    pool.give(slabs)
    const again = [pool.take(), pool.take(), pool.take()]
    assert.equal(again.filter((slab) => slabs.includes(slab)).length, 2, 'two kept, the third left to the GC')
  })
})
