// HmacSignature and idempotency() over a real socket, sharing a store as two workers would: the
// body the Node adapter reads is the body that was signed and fingerprinted.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { z } from 'zod'
import { App, type BriskServer } from '../../src/index.js'
import { idempotency } from '../../src/middleware/index.js'
import { HmacSignature, signRequest } from '../../src/security/index.js'
import { MemoryStore } from '../../src/stores/memory-store.js'

const SECRET = 'a-secret-of-at-least-32-bytes-for-hmac!'

describe('signed, idempotent requests over a socket', () => {
  const store = new MemoryStore()
  const servers: BriskServer[] = []
  let runs = 0

  before(async () => {
    for (let worker = 0; worker < 2; worker++) {
      const app = new App()
      const signed = new HmacSignature({ secret: SECRET, replayStore: store })
      // The caller is verified before a kept answer is looked up: an unsigned retry never sees it.
      app.use(idempotency({ store, scope: async (ctx) => (await signed.verify(ctx)).keyId ?? 'shop' }))
      app.post('/payments', { body: z.object({ amount: z.int() }), deps: { signed } }, ({ body }) => ({
        run: ++runs,
        worker,
        amount: body.amount,
      }))
      servers.push(await app.listen({ port: 0, handleSignals: false }))
    }
  })
  after(() => Promise.all(servers.map((server) => server.close())))

  const pay = (server: BriskServer, headers: Record<string, string>, body: string) =>
    fetch(`${server.url}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    })

  test('a signed request passes once; its replay on the other worker is refused', async () => {
    const body = JSON.stringify({ amount: 500 })
    const headers = signRequest({ secret: SECRET, method: 'POST', url: '/payments', body })
    const first = await pay(servers[0]!, headers, body)
    assert.equal(first.status, 200)
    assert.deepEqual(await first.json(), { run: 1, worker: 0, amount: 500 })
    const replay = await pay(servers[1]!, headers, body)
    assert.equal(replay.status, 401)
    assert.deepEqual(await replay.json(), { detail: 'Replayed request: this nonce was already used' })
  })

  test('a retry, freshly signed, with the same Idempotency-Key gets the first answer from the other worker; an unsigned one a 401', async () => {
    const body = JSON.stringify({ amount: 700 })
    const sign = () => ({
      ...signRequest({ secret: SECRET, method: 'POST', url: '/payments', body }),
      'idempotency-key': 'payment-700',
    })
    const first = await pay(servers[0]!, sign(), body)
    const retry = await pay(servers[1]!, sign(), body)
    assert.equal(retry.status, 200)
    assert.equal(retry.headers.get('idempotent-replayed'), 'true')
    assert.deepEqual(await retry.json(), await first.json())
    const unsigned = await pay(servers[1]!, { 'idempotency-key': 'payment-700' }, body)
    assert.equal(unsigned.status, 401)
    assert.deepEqual(await unsigned.json(), { detail: 'Not authenticated' })
    assert.equal(unsigned.headers.get('www-authenticate'), 'APIKey')
    const replayed = await pay(servers[1]!, sign(), body)
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true')
    assert.equal(runs, 2)
  })
})
