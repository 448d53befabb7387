import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { App, file, type Reply, TestClient } from '../../src/index.js'

test('a middleware sees a file reply in its final form: status, length and a body to wrap', async () => {
  const path = join(tmpdir(), `brisk-prepared-${process.pid}.txt`)
  writeFileSync(path, 'hello, file')
  const seen: { status: number; deferred: boolean; length: string | undefined; body: boolean }[] = []
  const app = new App()
  app.use(async (_ctx, next) => {
    const reply: Reply = await next()
    seen.push({
      status: reply.status,
      deferred: reply.deferred,
      length: reply.headers.get('content-length'),
      body: reply.body !== null,
    })
    return reply
  })
  app.get('/file', () => file(path))
  const client = new TestClient(app)
  const whole = await client.get('/file')
  assert.equal(whole.text, 'hello, file')
  const range = await client.get('/file', { headers: { range: 'bytes=0-4' } })
  assert.equal(range.status, 206)
  assert.equal(range.text, 'hello')
  assert.deepEqual(seen, [
    { status: 200, deferred: false, length: '11', body: true },
    { status: 206, deferred: false, length: '5', body: true },
  ])
})
