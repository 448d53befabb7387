// HmacSignature and signRequest: signed requests pass, and replayed, stale, future, tampered and
// malformed ones are refused with a 401 saying why; the scheme documents itself in OpenAPI.
import assert from 'node:assert/strict'
import { createHash, createHmac } from 'node:crypto'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { ConfigError } from '../../src/errors/config-error.js'
import { App, type OpenAPIDocument, TestClient } from '../../src/index.js'
import { HmacSignature, signRequest } from '../../src/security/index.js'
import { MemoryStore } from '../../src/stores/memory-store.js'

const SECRET = 'a-secret-of-at-least-32-bytes-for-hmac!'

function signedApp(scheme = new HmacSignature({ secret: SECRET, replayStore: new MemoryStore() })) {
  const app = new App()
  const Order = z.object({ order: z.int(), status: z.string() })
  app.post('/webhooks/orders', { body: Order, deps: { signature: scheme } }, ({ body, signature }) => ({
    received: body,
    nonce: signature.nonce,
    keyId: signature.keyId ?? null,
  }))
  app.get('/reports', { deps: { signature: scheme } }, ({ ctx }) => ({ search: ctx.search }))
  return new TestClient(app)
}

const body = JSON.stringify({ order: 1042, status: 'paid' })
const post = (
  client: TestClient,
  headers: Record<string, string>,
  content = body,
  url = '/webhooks/orders',
) => client.post(url, { headers: { 'content-type': 'application/json', ...headers }, content })

describe('HmacSignature', () => {
  test('a signed request passes; the route still reads and validates its body', async () => {
    const client = signedApp()
    const headers = signRequest({
      secret: SECRET,
      method: 'POST',
      url: '/webhooks/orders',
      body,
      nonce: 'n-1',
    })
    const res = await post(client, headers)
    assert.equal(res.status, 200, res.text)
    assert.deepEqual(res.json(), { received: { order: 1042, status: 'paid' }, nonce: 'n-1', keyId: null })
  })

  test('the same signed request sent again is refused as a replay', async () => {
    const client = signedApp()
    const headers = signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body })
    assert.equal((await post(client, headers)).status, 200)
    const replay = await post(client, headers)
    assert.equal(replay.status, 401)
    assert.deepEqual(replay.json(), { detail: 'Replayed request: this nonce was already used' })
    assert.equal(replay.headers.get('www-authenticate'), 'APIKey')
  })

  test('a replay is refused by another worker sharing the store', async () => {
    const store = new MemoryStore()
    const first = signedApp(new HmacSignature({ secret: SECRET, replayStore: store }))
    const second = signedApp(new HmacSignature({ secret: SECRET, replayStore: store }))
    const headers = signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body })
    assert.equal((await post(first, headers)).status, 200)
    assert.equal((await post(second, headers)).status, 401)
  })

  test('a stale or future timestamp is refused; one inside the window passes', async () => {
    const client = signedApp(
      new HmacSignature({ secret: SECRET, replayStore: new MemoryStore(), toleranceSeconds: 60 }),
    )
    const now = Math.floor(Date.now() / 1000)
    for (const timestamp of [now - 120, now + 120]) {
      const res = await post(
        client,
        signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body, timestamp }),
      )
      assert.equal(res.status, 401)
      assert.deepEqual(res.json(), { detail: 'Signature timestamp is outside the allowed window' })
    }
    const res = await post(
      client,
      signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body, timestamp: now - 50 }),
    )
    assert.equal(res.status, 200, res.text)
  })

  test('a changed body, path, query, method or secret breaks the signature', async () => {
    const client = signedApp()
    const sign = (options: { method?: string; url?: string; body?: string; secret?: string }) =>
      signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body, ...options })
    const cases = [
      post(client, sign({}), JSON.stringify({ order: 1043, status: 'paid' })),
      post(client, sign({ url: '/webhooks/other' })),
      post(client, sign({ url: '/webhooks/orders?x=1' })),
      post(client, sign({ method: 'PUT' })),
      post(client, sign({ secret: 'another-secret-of-at-least-32-bytes!!' })),
      client.get('/reports?period=2026-11', {
        headers: signRequest({ secret: SECRET, method: 'GET', url: '/reports?period=2026-12' }),
      }),
    ]
    for (const res of await Promise.all(cases)) {
      assert.equal(res.status, 401)
      assert.deepEqual(res.json(), { detail: 'Invalid signature' })
    }
  })

  test('a GET with a query, signed from a full URL, passes', async () => {
    const client = signedApp()
    const headers = signRequest({
      secret: SECRET,
      method: 'get',
      url: 'https://api.example.com/reports?period=2026-11&x=%20',
    })
    const res = await client.get('/reports?period=2026-11&x=%20', { headers })
    assert.equal(res.status, 200, res.text)
  })

  test('a bad signature does not use up its nonce', async () => {
    const client = signedApp()
    const good = signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body, nonce: 'kept' })
    const forged = { ...good, 'x-signature': '0'.repeat(64) }
    assert.equal((await post(client, forged)).status, 401)
    assert.equal((await post(client, good)).status, 200)
  })

  test('missing headers are "Not authenticated"; malformed ones are refused with a reason', async () => {
    const client = signedApp()
    const good = signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body })
    for (const name of ['x-signature', 'x-signature-timestamp', 'x-signature-nonce']) {
      const { [name]: _, ...rest } = good
      const res = await post(client, rest)
      assert.equal(res.status, 401)
      assert.deepEqual(res.json(), { detail: 'Not authenticated' })
    }
    const malformed: [Record<string, string>, string][] = [
      [{ 'x-signature': 'zz'.repeat(32) }, 'Invalid signature'],
      [{ 'x-signature': good['x-signature']!.slice(2) }, 'Invalid signature'],
      [{ 'x-signature-timestamp': '1e9' }, 'Invalid signature timestamp'],
      [{ 'x-signature-timestamp': '-5' }, 'Invalid signature timestamp'],
      [{ 'x-signature-nonce': 'has space' }, 'Invalid signature nonce'],
      [{ 'x-signature-nonce': 'n'.repeat(129) }, 'Invalid signature nonce'],
    ]
    for (const [change, detail] of malformed) {
      const res = await post(client, { ...good, ...change })
      assert.equal(res.status, 401)
      assert.deepEqual(res.json(), { detail })
    }
  })

  test('with autoError: false an unsigned request gets undefined, a badly signed one still a 401', async () => {
    const scheme = new HmacSignature({ secret: SECRET, replayStore: new MemoryStore(), autoError: false })
    const app = new App()
    app.post('/maybe', { deps: { signature: scheme } }, ({ signature }) => ({
      signed: signature !== undefined,
    }))
    const client = new TestClient(app)
    assert.deepEqual((await client.post('/maybe', { content: 'x' })).json(), { signed: false })
    const good = signRequest({ secret: SECRET, method: 'POST', url: '/maybe', body: 'x' })
    assert.deepEqual((await client.post('/maybe', { content: 'x', headers: good })).json(), { signed: true })
    const res = await client.post('/maybe', {
      content: 'y',
      headers: { ...good, 'x-signature-nonce': 'other' },
    })
    assert.equal(res.status, 401)
  })

  test('secrets by key id: the client names its key; an unknown or missing id is refused', async () => {
    const secrets = { '2026-11': SECRET, '2026-12': 'the-next-secret-of-at-least-32-bytes!!' }
    const client = signedApp(new HmacSignature({ secrets, replayStore: new MemoryStore() }))
    const sign = (keyId: string | undefined, secret: string) =>
      signRequest({
        secret,
        method: 'POST',
        url: '/webhooks/orders',
        body,
        ...(keyId === undefined ? {} : { keyId }),
      })
    const res = await post(client, sign('2026-12', secrets['2026-12']))
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json<{ keyId: string }>().keyId, '2026-12')
    assert.deepEqual((await post(client, sign('2026-10', SECRET))).json(), { detail: 'Invalid signature' })
    assert.deepEqual((await post(client, sign('2026-12', SECRET))).json(), { detail: 'Invalid signature' })
    assert.deepEqual((await post(client, sign(undefined, SECRET))).json(), { detail: 'Not authenticated' })
  })

  test('custom header names are read and written', async () => {
    const headers = { signature: 'X-Hub-Signature', timestamp: 'X-Hub-Time', nonce: 'X-Hub-Delivery' }
    const client = signedApp(new HmacSignature({ secret: SECRET, replayStore: new MemoryStore(), headers }))
    const signed = signRequest({ secret: SECRET, method: 'POST', url: '/webhooks/orders', body, headers })
    assert.deepEqual(Object.keys(signed).sort(), ['X-Hub-Delivery', 'X-Hub-Signature', 'X-Hub-Time'])
    assert.equal((await post(client, signed)).status, 200)
  })

  test('the canonical string is exactly the documented one (what the PHP snippet computes)', () => {
    const signed = signRequest({
      secret: SECRET,
      method: 'post',
      url: '/hooks?a=1',
      body: '{"a":1}',
      timestamp: 1_765_000_000,
      nonce: 'abc',
    })
    const bodyHash = createHash('sha256').update('{"a":1}').digest('hex')
    const expected = createHmac('sha256', SECRET)
      .update(`POST\n/hooks?a=1\n1765000000\nabc\n${bodyHash}`)
      .digest('hex')
    assert.deepEqual(signed, {
      'x-signature': expected,
      'x-signature-timestamp': '1765000000',
      'x-signature-nonce': 'abc',
    })
  })

  test('OpenAPI: an apiKey header scheme whose description spells the canonical string', async () => {
    const client = signedApp(
      new HmacSignature({
        secret: SECRET,
        replayStore: new MemoryStore(),
        description: 'Signed by the shop.',
      }),
    )
    const document = (await client.get('/openapi.json')).json<OpenAPIDocument>()
    const scheme = document.components?.securitySchemes?.HmacSignature as Record<string, string>
    assert.equal(scheme.type, 'apiKey')
    assert.equal(scheme.in, 'header')
    assert.equal(scheme.name, 'x-signature')
    assert.ok(scheme.description!.startsWith('Signed by the shop.\n\n'))
    assert.ok(
      scheme.description!.includes('METHOD\\nPATH_AND_QUERY\\nTIMESTAMP\\nNONCE\\nHEX_SHA256_OF_BODY'),
    )
    assert.deepEqual(document.paths['/webhooks/orders']?.post?.security, [{ HmacSignature: [] }])
  })

  test('unsafe or contradictory configurations are ConfigErrors', () => {
    const replayStore = new MemoryStore()
    const bad: unknown[] = [
      { secret: 'short', replayStore },
      { secret: SECRET, secrets: { a: SECRET }, replayStore },
      { replayStore },
      { secrets: {}, replayStore },
      { secret: SECRET },
      { secret: SECRET, replayStore, toleranceSeconds: 0 },
      { secret: SECRET, replayStore, toleranceSeconds: 1.5 },
      { secret: SECRET, replayStore, headers: { signature: 'bad header' } },
      { secret: SECRET, replayStore, headers: { sig: 'x' } },
      { secret: SECRET, replayStore, tolerance: 300 },
    ]
    for (const options of bad)
      assert.throws(() => new HmacSignature(options as never), ConfigError, JSON.stringify(options))
  })
})
