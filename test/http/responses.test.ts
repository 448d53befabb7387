import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Reply } from '../../src/http/reply.js'
import {
  html,
  json,
  jsonLines,
  noBodyStatus,
  redirect,
  ServerSentEvent,
  sse,
  stream,
  text,
} from '../../src/http/responses.js'

async function collect(reply: Reply): Promise<string> {
  let out = ''
  for await (const chunk of reply.body as AsyncIterable<string | Uint8Array>) {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
  }
  return out
}

test('json: compact body, content-type, status and extra headers', () => {
  const reply = json({ id: 1, at: new Date(0) }, { status: 201, headers: { 'X-Id': 'a' } })
  assert.equal(reply.status, 201)
  assert.equal(reply.body, '{"id":1,"at":"1970-01-01T00:00:00.000Z"}')
  assert.equal(reply.headers.get('content-type'), 'application/json')
  assert.equal(reply.headers.get('x-id'), 'a')
  assert.equal(json(null).body, 'null')
  const bare = json({ ok: true })
  assert.equal(bare.hasHeaders, false, 'no header object until something asks for one')
  assert.equal(bare.bareContentType, 'application/json')
  assert.equal(bare.headers.get('content-type'), 'application/json')
})

test('user headers override the default content-type', () => {
  assert.equal(
    json(1, { headers: { 'content-type': 'application/problem+json' } }).headers.get('content-type'),
    'application/problem+json',
  )
})

test('no-body statuses get no body', () => {
  assert.equal(json({ a: 1 }, { status: 204 }).body, null)
  assert.equal(text('x', { status: 304 }).body, null)
  for (const status of [100, 101, 199, 204, 205, 304])
    assert.equal(noBodyStatus(status), true, String(status))
  for (const status of [200, 201, 206, 301, 404, 500])
    assert.equal(noBodyStatus(status), false, String(status))
})

test('html and text set a utf-8 charset', () => {
  assert.equal(html('<p>é</p>').headers.get('content-type'), 'text/html; charset=utf-8')
  assert.equal(html('<p>é</p>').body, '<p>é</p>')
  const reply = text('pong', { status: 202 })
  assert.equal(reply.headers.get('content-type'), 'text/plain; charset=utf-8')
  assert.equal(reply.status, 202)
})

test('redirect: 307 by default, empty body, location quoted like Starlette', () => {
  const reply = redirect('/items/a b?q=é&x=1#frag')
  assert.equal(reply.status, 307)
  assert.equal(reply.body, null)
  assert.equal(reply.headers.get('location'), '/items/a%20b?q=%C3%A9&x=1#frag')
  assert.equal(redirect('https://example.com/%41', 301).headers.get('location'), 'https://example.com/%41')
  assert.equal(redirect('/x', 303, { headers: { 'x-a': '1' } }).headers.get('x-a'), '1')
  assert.equal(redirect('/a"<b>').headers.get('location'), '/a%22%3Cb%3E')
})

test('redirect refuses scheme-relative locations (fastify-static CVE-2021-22963)', () => {
  for (const bad of ['//evil.com', '/\\evil.com', '\\\\evil.com', '\\/evil.com']) {
    assert.throws(() => redirect(bad), TypeError, bad)
  }
})

test('stream passes the source through with an optional content type', async () => {
  async function* chunks() {
    yield 'a'
    yield new TextEncoder().encode('b')
  }
  const reply = stream(chunks(), { contentType: 'text/csv' })
  assert.equal(reply.headers.get('content-type'), 'text/csv; charset=utf-8')
  assert.equal(await collect(reply), 'ab')
  assert.equal(stream(chunks()).headers.has('content-type'), false)
  assert.equal(
    stream(chunks(), { contentType: 'application/octet-stream' }).headers.get('content-type'),
    'application/octet-stream',
  )
})

test('jsonLines writes one JSON value per line', async () => {
  async function* items() {
    yield { a: 1 }
    yield 'two'
    yield new Date(0)
  }
  const reply = jsonLines(items())
  assert.equal(reply.status, 200)
  assert.equal(reply.headers.get('content-type'), 'application/jsonl')
  assert.equal(await collect(reply), '{"a":1}\n"two"\n"1970-01-01T00:00:00.000Z"\n')
  const custom = jsonLines(items(), { encodeItem: (item) => typeof item })
  assert.equal(await collect(custom), 'object\nstring\nobject\n')
})

test('jsonLines closes the source when the consumer stops early', async () => {
  let closed = false
  async function* items() {
    try {
      for (let i = 0; ; i++) yield i
    } finally {
      closed = true
    }
  }
  for await (const line of jsonLines(items()).body as AsyncIterable<string>) {
    assert.equal(line, '0\n')
    break
  }
  assert.equal(closed, true)
})

test('sse: headers, plain items and ServerSentEvent fields', async () => {
  async function* events() {
    yield { n: 1 }
    yield new ServerSentEvent({ event: 'tick', id: '7', retry: 3000, data: 'a\nb' })
    yield new ServerSentEvent({ rawData: 'line1\nline2', comment: 'hello\nworld' })
    yield new ServerSentEvent({ data: { x: 1 } })
  }
  const reply = sse(events())
  assert.equal(reply.headers.get('content-type'), 'text/event-stream; charset=utf-8')
  assert.equal(reply.headers.get('cache-control'), 'no-cache')
  assert.equal(reply.headers.get('x-accel-buffering'), 'no')
  assert.equal(
    await collect(reply),
    'data: {"n":1}\n\n' +
      'event: tick\ndata: "a\\nb"\nid: 7\nretry: 3000\n\n' +
      ': hello\n: world\ndata: line1\ndata: line2\n\n' +
      'data: {"x":1}\n\n',
  )
})

test('ServerSentEvent refuses fields that would forge other fields', () => {
  assert.throws(() => new ServerSentEvent({ event: 'a\nid: 1' }), TypeError)
  assert.throws(() => new ServerSentEvent({ id: 'a\rb' }), TypeError)
  assert.throws(() => new ServerSentEvent({ id: 'a\0b' }), TypeError)
  assert.throws(() => new ServerSentEvent({ retry: -1 }), TypeError)
  assert.throws(() => new ServerSentEvent({ retry: 1.5 }), TypeError)
  assert.throws(() => new ServerSentEvent({ data: 1, rawData: '1' }), TypeError)
})

test('sse sends a ping comment when the source is idle', async () => {
  async function* slow() {
    await new Promise((resolve) => setTimeout(resolve, 60))
    yield 'late'
  }
  const body = await collect(sse(slow(), { pingIntervalMs: 20 }))
  assert.ok(body.startsWith(': ping\n\n'), body)
  assert.ok(body.endsWith('data: "late"\n\n'), body)
})

test('sse closes the source when the consumer stops early, even while it is idle', async () => {
  let closed = 0
  async function* items() {
    try {
      yield 1
      yield 2
    } finally {
      closed++
    }
  }
  const iterator = (sse(items()).body as AsyncIterable<string>)[Symbol.asyncIterator]()
  assert.equal((await iterator.next()).value, 'data: 1\n\n')
  await iterator.return?.()
  assert.equal(closed, 1)

  let release: () => void = () => {}
  async function* idle() {
    try {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      yield 'never read'
    } finally {
      closed++
    }
  }
  const pinging = (sse(idle(), { pingIntervalMs: 5 }).body as AsyncIterable<string>)[Symbol.asyncIterator]()
  assert.equal((await pinging.next()).value, ': ping\n\n')
  await pinging.return?.()
  release()
  await new Promise((resolve) => setTimeout(resolve, 10))
  assert.equal(closed, 2)
})
