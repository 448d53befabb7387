import assert from 'node:assert/strict'
import { test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { z } from 'zod'
import { App, ConfigError, type Reply, Router } from '../../src/index.js'

// These checks run at type-check time (`npm run typecheck`); the test only makes them part of the suite.
test('handler context types follow the route declarations', () => {
  const app = new App()
  app.get(
    '/items/{item_id}',
    {
      path: { item_id: z.int() },
      query: { q: z.string().optional(), limit: z.int().default(10), tags: z.array(z.string()) },
      headers: { user_agent: z.string() },
      cookies: { session: z.string().optional() },
    },
    ({ path, query, headers, cookies, body }) => {
      expectTypeOf(path.item_id).toEqualTypeOf<number>()
      expectTypeOf(query.q).toEqualTypeOf<string | undefined>()
      expectTypeOf(query.limit).toEqualTypeOf<number>()
      expectTypeOf(query.tags).toEqualTypeOf<string[]>()
      expectTypeOf(headers.user_agent).toEqualTypeOf<string>()
      expectTypeOf(cookies.session).toEqualTypeOf<string | undefined>()
      expectTypeOf(body).toEqualTypeOf<undefined>()
      return { ok: true }
    },
  )

  const Item = z.object({ name: z.string(), price: z.number() })
  app.post('/items', { body: Item, response: Item.extend({ id: z.int() }), status: 201 }, ({ body }) => {
    expectTypeOf(body).toEqualTypeOf<{ name: string; price: number }>()
    return { id: 1, ...body }
  })

  app.put('/embedded', { body: { item: Item, importance: z.int() } }, ({ body }) => {
    expectTypeOf(body.item).toEqualTypeOf<{ name: string; price: number }>()
    expectTypeOf(body.importance).toEqualTypeOf<number>()
    return body
  })

  app.get('/model', { query: z.object({ limit: z.int(), order: z.enum(['asc', 'desc']) }) }, ({ query }) => {
    expectTypeOf(query).toEqualTypeOf<{ limit: number; order: 'asc' | 'desc' }>()
    return query
  })

  // Undeclared groups are the raw values.
  app.get('/raw/{anything}', ({ path, query }) => {
    expectTypeOf(path).toEqualTypeOf<Record<string, string>>()
    expectTypeOf(query).toEqualTypeOf<Record<string, string | string[] | undefined>>()
    return null
  })

  const router = new Router({ prefix: '/r' })
  router.get('/x', { query: { n: z.number() } }, ({ query, state }) => {
    expectTypeOf(query.n).toEqualTypeOf<number>()
    // With no State declared (test/types/declared-state/ declares one), state is any record.
    expectTypeOf(state).toEqualTypeOf<Record<string, unknown>>()
    return query
  })
})

test('a handler must return what its response schema accepts', () => {
  const app = new App()
  const Out = z.object({ id: z.int(), name: z.string() })
  app.get('/ok', { response: Out }, () => ({ id: 1, name: 'a' }))
  app.get('/reply', { response: Out }, (): Reply | { id: number; name: string } => ({ id: 1, name: 'a' }))
  // @ts-expect-error — `name` must be a string: the response schema types the return value.
  app.get('/wrong', { response: Out }, () => ({ id: 1, name: 2 }))
  // @ts-expect-error — a path parameter declared as an integer is not a string.
  app.get('/p/{id}', { path: { id: z.int() } }, ({ path }) => path.id.toUpperCase())
})

test('a route whose responseClass is not JSON returns the string it sends, or a reply', () => {
  const app = new App()
  app.get('/page', { responseClass: 'html' }, () => '<h1>Hi</h1>')
  app.get('/later', { responseClass: 'text' }, async () => 'pong')
  app.get('/go', { responseClass: 'redirect' }, (): string | Reply => '/elsewhere')
  // @ts-expect-error — an HTML route sends a string, not an object to encode as JSON.
  app.get('/object', { responseClass: 'html' }, () => ({ html: '<p>' }))
  // An unknown response class is refused by the type, and by the route at registration.
  assert.throws(
    // @ts-expect-error — 'xml' is not a response class.
    () => app.get('/xml', { responseClass: 'xml' }, () => '<a/>'),
    ConfigError,
  )
})
