import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { z } from 'zod'
import { runtimeOf } from '../../src/app-runtime.js'
import { App, ConfigError, depends, TestClient } from '../../src/index.js'
import type { ValidationErrorBody } from '../response-bodies.js'

const Item = z.object({ name: z.string(), price: z.number() })
const User = z.object({ username: z.string() })

describe('dependencies that read body fields', () => {
  const itemFromBody = depends({ body: { item: Item } }, ({ body }) => {
    expectTypeOf(body.item).toEqualTypeOf<{ name: string; price: number }>()
    return body.item
  })
  const app = new App()
  app.post('/items', { deps: { item: itemFromBody } }, ({ item }) => ({ item }))
  app.post('/items-with-user', { body: { user: User }, deps: { item: itemFromBody } }, ({ item, body }) => ({
    item,
    user: body.user,
  }))
  const client = new TestClient(app)

  test('a dependency’s fields make an embedded body', async () => {
    const res = await client.post('/items', { json: { item: { name: 'Foo', price: 1.5 } } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item: { name: 'Foo', price: 1.5 } })
  })

  test('the route’s and the dependency’s fields share one body', async () => {
    const res = await client.post('/items-with-user', {
      json: { item: { name: 'Foo', price: 1 }, user: { username: 'dave' } },
    })
    assert.deepEqual(res.json(), { item: { name: 'Foo', price: 1 }, user: { username: 'dave' } })
  })

  test('errors name the field under body, the dependency’s first', async () => {
    const res = await client.post('/items-with-user', { json: { item: { name: 'Foo' } } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json<ValidationErrorBody>().detail, [
      { type: 'missing', loc: ['body', 'item', 'price'], msg: 'Field required', input: { name: 'Foo' } },
      { type: 'missing', loc: ['body', 'user'], msg: 'Field required', input: null },
    ])
  })

  test('malformed JSON fails before any dependency runs', async () => {
    const res = await client.post('/items', {
      content: '{bad',
      headers: { 'content-type': 'application/json' },
    })
    assert.equal(res.status, 422)
    assert.equal(res.json<ValidationErrorBody>().detail[0]?.type, 'json_invalid')
  })

  test('a whole-body route schema with dependency body fields is a configuration error', () => {
    const broken = new App()
    broken.post('/x', { body: Item, deps: { item: itemFromBody } }, () => null)
    assert.throws(() => runtimeOf(broken).dispatcher(), ConfigError)
  })

  test('a dependency body must be fields, not one schema', () => {
    assert.throws(() => depends({ body: Item } as never, () => null), ConfigError)
  })
})
