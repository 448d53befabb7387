import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { expectTypeOf } from 'expect-type'
import { App, TestClient } from '../../src/index.js'

describe('TestResponse.json() types', () => {
  test('is unknown until the test names what it expects', async () => {
    const app = new App()
    app.get('/items/{id}', ({ path }) => ({ id: path.id, name: 'Foo' }))
    const res = await new TestClient(app).get('/items/1')
    const body = res.json()
    expectTypeOf(body).toBeUnknown()
    // @ts-expect-error an unknown body must be narrowed or named before its fields are read
    void body.name
    const item = res.json<{ id: string; name: string }>()
    expectTypeOf(item.name).toEqualTypeOf<string>()
    assert.deepEqual(item, { id: '1', name: 'Foo' })
  })
})
