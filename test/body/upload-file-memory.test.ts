// An in-memory upload keeps the chunks it arrived in and joins them only when asked (bytes(),
// text()); stream() hands the chunks on as they are. What the handler sees must not depend on it.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
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
})
