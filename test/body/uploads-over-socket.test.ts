// Uploads over a real socket: a large file streams to a temp file that is gone after the
// response, and hostile multipart bodies (SECURITY-NOTES §0.2, §0.3; Starlette CVE-2023-30798 and
// CVE-2024-47874, python-multipart GHSA-pp6c-gr5w-3c5g, @fastify/multipart CVE-2025-24033) each get
// a 4xx with memory bounded, the handler never running, and no temp file left behind.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import { App, type BriskServer, silentLogger, upload } from '../../src/index.js'
import { MIB, withinMemory } from '../memory-bound.js'

const BOUNDARY = 'brisk-test-boundary'
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`

const tempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('brisk-upload-'))

/**
 * Sends `body` (generated lazily, so a 100 MB body is never in memory) chunked over a raw socket
 * and reads the answer. A raw socket rather than http.request: a server that answers 413 and
 * closes while the client is still writing makes the client's next write fail (EPIPE), and the
 * answer already received must still count.
 */
function send(
  port: number,
  body: () => Iterable<Uint8Array | string>,
  options: { contentType?: string; abortAfter?: number } = {},
): Promise<{ status: number; text: string } | 'aborted'> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let received = ''
    let settled = false
    const finish = () => {
      if (settled) return
      settled = true
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received)
      if (match === null) return resolve('aborted')
      const text = received.slice(received.indexOf('\r\n\r\n') + 4)
      resolve({ status: Number(match[1]), text: dechunk(text) })
    }
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      received += chunk
      if (/\r\n\r\n/.test(received) && complete(received)) {
        finish()
        socket.destroy()
      }
    })
    socket.on('error', () => finish())
    socket.on('close', () => finish())
    socket.write(
      `POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: ${options.contentType ?? CONTENT_TYPE}\r\n` +
        'Transfer-Encoding: chunked\r\n\r\n',
    )
    const iterator = body()[Symbol.iterator]()
    let sent = 0
    const pump = () => {
      while (!settled && !socket.destroyed) {
        if (options.abortAfter !== undefined && sent >= options.abortAfter) {
          socket.destroy()
          return
        }
        const next = iterator.next()
        if (next.done) {
          socket.write('0\r\n\r\n')
          return
        }
        const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'latin1') : next.value
        sent += chunk.length
        socket.write(`${chunk.length.toString(16)}\r\n`)
        socket.write(chunk)
        const room = socket.write('\r\n')
        if (!room) {
          socket.once('drain', pump)
          return
        }
      }
    }
    pump()
  })
}

/** Whether a response's body has arrived whole (Content-Length, or the last chunk). */
function complete(response: string): boolean {
  const head = response.slice(0, response.indexOf('\r\n\r\n'))
  const body = response.slice(head.length + 4)
  const length = /content-length: (\d+)/i.exec(head)
  if (length !== null) return Buffer.byteLength(body, 'latin1') >= Number(length[1])
  return body.endsWith('0\r\n\r\n')
}

function dechunk(body: string): string {
  if (!/^[0-9a-f]+\r\n/i.test(body)) return body
  let out = ''
  let rest = body
  for (;;) {
    const eol = rest.indexOf('\r\n')
    const size = Number.parseInt(rest.slice(0, eol), 16)
    if (!(size > 0)) return out
    out += rest.slice(eol + 2, eol + 2 + size)
    rest = rest.slice(eol + 2 + size + 2)
  }
}

function* filePart(name: string, size: number, filename = 'big.bin'): Generator<Uint8Array | string> {
  yield `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`
  const chunk = Buffer.alloc(64 * 1024, 120)
  for (let sent = 0; sent < size; sent += chunk.length)
    yield size - sent < chunk.length ? chunk.subarray(0, size - sent) : chunk
  yield '\r\n'
}

const end = `--${BOUNDARY}--\r\n`

/** The number of temp files, once it is back to `count` (polled: removal follows the response). */
async function tempFilesBackTo(count: number): Promise<number> {
  for (let tries = 0; tries < 100 && tempFiles().length !== count; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return tempFiles().length
}

describe('uploads over a socket', () => {
  let server: BriskServer
  let handled = 0
  let spooled: boolean | undefined
  before(async () => {
    const app = new App({ logger: silentLogger, multipart: { maxFileSize: 20 * MIB } })
    app.post(
      '/upload',
      { files: { file: upload.optional() }, form: { note: z.string().optional() } },
      async ({ files }) => {
        handled++
        spooled = files.file?.spooled
        await new Promise((resolve) => setTimeout(resolve, 10))
        return { size: files.file?.size ?? 0, temp: tempFiles().length }
      },
    )
    server = await app.listen({ port: 0, handleSignals: false })
  })
  after(() => server.close())

  test('a 5 MiB file streams to a temp file, removed after the response', async () => {
    const before = tempFiles().length
    const answer = await send(server.port, function* () {
      yield* filePart('file', 5 * MIB)
      yield end
    })
    assert.notEqual(answer, 'aborted')
    if (answer === 'aborted') return
    assert.equal(answer.status, 200)
    const body = JSON.parse(answer.text)
    assert.equal(body.size, 5 * MIB)
    assert.ok(body.temp > before, 'the file was on disk while the handler ran')
    assert.equal(spooled, true)
    assert.equal(await tempFilesBackTo(before), before)
  })

  const hostile: [string, () => Iterable<Uint8Array | string>, number, string?][] = [
    [
      'a 100 MB multipart body',
      function* () {
        yield* filePart('file', 100 * 1000 * 1000)
        yield end
      },
      413,
    ],
    [
      '10,000 parts',
      function* () {
        for (let index = 0; index < 10_000; index++)
          yield `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f${index}"\r\n\r\nx\r\n`
        yield end
      },
      413,
      'Too many',
    ],
    [
      'a 10 MB field without a filename',
      function* () {
        yield `--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\n`
        const chunk = Buffer.alloc(64 * 1024, 97)
        for (let sent = 0; sent < 10 * 1000 * 1000; sent += chunk.length) yield chunk
        yield `\r\n${end}`
      },
      413,
      'Part exceeded maximum size of 1024KB.',
    ],
    [
      '2,000 header lines in a part',
      function* () {
        let head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n`
        for (let index = 0; index < 2000; index++) head += `X-Pad-${index}: ${index}\r\n`
        yield `${head}\r\nhello\r\n${end}`
      },
      413,
    ],
    [
      '2,000 parameters in a Content-Disposition',
      function* () {
        let disposition = 'form-data; name="file"; filename="a.txt"'
        for (let index = 0; index < 2000; index++) disposition += `; p${index}="${index}"`
        yield `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\nhello\r\n${end}`
      },
      413,
      'Part headers exceeded',
    ],
    [
      'a body that never closes its boundary',
      function* () {
        yield `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhello`
      },
      400,
    ],
  ]
  for (const [name, body, status, detail] of hostile) {
    test(`${name}: ${status}, the handler never runs, no temp file left`, async () => {
      const before = tempFiles().length
      const count = handled
      const answer = await withinMemory(() => send(server.port, body))
      assert.notEqual(answer, 'aborted')
      if (answer === 'aborted') return
      assert.equal(answer.status, status, answer.text)
      if (detail !== undefined) assert.match(JSON.parse(answer.text).detail, new RegExp(detail))
      assert.equal(handled, count)
      assert.equal(await tempFilesBackTo(before), before)
    })
  }

  test('a malformed boundary: 400 at once', async () => {
    for (const contentType of [
      'multipart/form-data',
      `multipart/form-data; boundary="${'\\'.repeat(40)}a`,
      `multipart/form-data; boundary=${'b'.repeat(71)}`,
    ]) {
      const answer = await send(
        server.port,
        function* () {
          yield* filePart('file', 10)
          yield end
        },
        { contentType },
      )
      assert.notEqual(answer, 'aborted')
      if (answer !== 'aborted')
        assert.ok(answer.status === 400 || answer.status === 415, `${contentType}: ${answer.status}`)
    }
  })

  test('an upload aborted halfway leaves no temp file and the server keeps serving', async () => {
    const before = tempFiles().length
    const count = handled
    const answer = await send(
      server.port,
      function* () {
        yield* filePart('file', 8 * MIB)
        yield end
      },
      { abortAfter: 4 * MIB },
    )
    assert.equal(answer, 'aborted')
    assert.equal(await tempFilesBackTo(before), before)
    assert.equal(handled, count)
    const next = await send(server.port, function* () {
      yield* filePart('file', 3)
      yield end
    })
    assert.notEqual(next, 'aborted')
    if (next !== 'aborted') assert.equal(next.status, 200)
  })
})
