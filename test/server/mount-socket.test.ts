// Mounts over a real socket: `listen` serves a mounted Brisk app (its docs, redirects, streamed
// bodies) and a Hono app, and runs and stops the mounted apps' lifespans with the server's.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Hono } from 'hono'
import { z } from 'zod'
import { App, silentLogger } from '../../src/index.js'
import { send } from './helpers.js'

test('listen serves mounted apps and runs their lifespans', async () => {
  const events: string[] = []
  const child = new App({
    title: 'Child',
    logger: silentLogger,
    lifespan: {
      startup: () => {
        events.push('child up')
        return { greeting: 'hi' }
      },
      shutdown: () => void events.push('child down'),
    },
  })
  child.post('/items', { body: z.object({ name: z.string() }) }, ({ body, state, rootPath }) => ({
    ...body,
    greeting: state.greeting,
    rootPath,
  }))
  const hono = new Hono()
  hono.post('/upload', async (c) => c.text(`hono read ${(await c.req.arrayBuffer()).byteLength}`))
  const app = new App({ logger: silentLogger, bodyLimit: 100_000 })
  app.mount('/child', child)
  app.mount('/hono', hono.fetch)
  const server = await app.listen({ port: 0, host: '127.0.0.1', handleSignals: false })
  try {
    assert.deepEqual(events, ['child up'])
    const created = await send(`${server.url}/child/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'pen' }),
    })
    assert.equal(created.status, 200)
    assert.deepEqual(JSON.parse(created.body), { name: 'pen', greeting: 'hi', rootPath: '/child' })
    const bare = await send(`${server.url}/child`)
    assert.equal(bare.status, 307)
    assert.equal(bare.headers.location, '/child/')
    const document = JSON.parse((await send(`${server.url}/child/openapi.json`)).body)
    assert.deepEqual(document.servers, [{ url: '/child' }])
    const upload = await send(`${server.url}/hono/upload`, { method: 'POST', body: Buffer.alloc(50_000, 1) })
    assert.equal(upload.body, 'hono read 50000')
    const tooLarge = await send(`${server.url}/hono/upload`, {
      method: 'POST',
      body: Buffer.alloc(100_001, 1),
    })
    assert.equal(tooLarge.status, 413)
  } finally {
    await server.close()
  }
  assert.deepEqual(events, ['child up', 'child down'])
})
