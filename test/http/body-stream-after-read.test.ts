// ctx.bodyStream() after ctx.body(): the body already read whole is streamed from that read (a
// middleware hashing a body that a multipart route then streams), held to the stream's own limit.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { App, TestClient, upload } from '../../src/index.js'

function hashingApp(multipartLimit: number) {
  const app = new App()
  app.use(async (ctx, next) => {
    ctx.state.bodyBytes = (await ctx.body(ctx.bodyLimit)).length
    return next()
  })
  app.post(
    '/files',
    { files: { file: upload() }, multipart: { maxTotalSize: multipartLimit } },
    async ({ files, ctx }) => ({
      text: await files.file.text(),
      readBefore: ctx.state.bodyBytes,
    }),
  )
  return new TestClient(app)
}

test('a multipart route reads the files of a body a middleware already read', async () => {
  const res = await hashingApp(10_000).post('/files', { files: { file: ['a.txt', 'hello', 'text/plain'] } })
  assert.equal(res.status, 200, res.text)
  const answer = res.json<{ text: string; readBefore: number }>()
  assert.equal(answer.text, 'hello')
  assert.ok(answer.readBefore > 5)
})

test('the stream still refuses a body over its own limit', async () => {
  const res = await hashingApp(50).post('/files', {
    files: { file: ['a.txt', 'x'.repeat(500), 'text/plain'] },
  })
  assert.equal(res.status, 413)
})
