// Declarations that would fail every request are refused when the route or dependency is made
// (docs/errors.md): a parameter, body or response that is not a schema, and an object schema
// given as one parameter, which no string can satisfy.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { z } from 'zod'
import { App, depends, Router, TestClient } from '../../src/index.js'
import { configError } from './config-error-message.js'

const handler = () => null

describe('a parameter that is not a schema is refused at registration', () => {
  test('query: { limit: Number } names the route, what was given and what to write', () => {
    const app = new App()
    assert.equal(
      configError(() => app.get('/items', { query: { limit: Number } } as {}, handler)),
      'Query parameter "limit" of route GET /items is the function Number, not a schema: write a ' +
        'Standard Schema (zod, valibot, arktype…) such as z.number().',
    )
  })

  test("path: { id: 'int' }, headers: { x: undefined }, cookies: { s: String }", () => {
    const app = new App()
    assert.match(
      configError(() => app.get('/items/{id}', { path: { id: 'int' } } as {}, handler)),
      /^Path parameter "id" of route GET \/items\/\{id\} is the string "int", not a schema: .* such as z\.int\(\)\.$/,
    )
    assert.match(
      configError(() => app.get('/h', { headers: { x: undefined } } as {}, handler)),
      /^Header "x" of route GET \/h is undefined, not a schema/,
    )
    assert.match(
      configError(() => app.get('/c', { cookies: { s: String } } as {}, handler)),
      /^Cookie "s" of route GET \/c is the function String, not a schema: .* such as z\.string\(\)\.$/,
    )
    assert.match(
      configError(() => app.post('/f', { form: { n: { type: 'integer' } } } as {}, handler)),
      /^Form field "n" of route POST \/f is an object with no "~standard" property, not a schema/,
    )
  })

  test('a group that is neither an object of schemas nor an object schema', () => {
    const app = new App()
    assert.match(
      configError(() => app.get('/a', { query: Number } as {}, handler)),
      /^The query of route GET \/a is the function Number: write an object of schemas \(query: \{ name: z\.string\(\) \}\) or one object schema, a parameter model \(query: z\.object\(\{ … \}\)\)\.$/,
    )
    assert.match(
      configError(() => app.get('/b', { query: z.string() }, handler)),
      /^The query of route GET \/b is a schema of a single string: write an object of schemas/,
    )
  })

  test('a body, an embedded body field, a response and a documented response model', () => {
    const app = new App()
    assert.match(
      configError(() => app.post('/a', { body: Number } as {}, handler)),
      /^The body of route POST \/a is the function Number: write one schema for the whole body \(body: Item\) or an object of schemas, the fields of an embedded body \(body: \{ item: Item \}\)\.$/,
    )
    assert.match(
      configError(() => app.post('/b', { body: { item: z.object({}), user: Object } } as {}, handler)),
      /^Body field "user" of route POST \/b is the function Object, not a schema/,
    )
    assert.match(
      configError(() => app.get('/c', { response: { id: z.int() } } as {}, handler)),
      /^The response of route GET \/c is an object with no "~standard" property, not a schema: .* such as z\.object\(\{ … \}\)\.$/,
    )
    assert.match(
      configError(() => app.get('/d', { responses: { 404: { model: Number } } } as {}, handler)),
      /^The model of response 404 of route GET \/d is the function Number, not a schema/,
    )
  })

  test('a schema given as a documented response instead of { model }', () => {
    const Message = z.object({ message: z.string() })
    assert.match(
      configError(() => new App().get('/a', { responses: { 404: Message } } as {}, handler)),
      /^Response 404 of route GET \/a must be an object describing the response: write 404: \{ model: Message, description: '…' \}/,
    )
    assert.match(
      configError(() => new Router({ responses: { 404: Message } } as never)),
      /^Response 404 of new Router\(\) must be an object/,
    )
    assert.match(
      configError(() => new App().include(new Router(), { responses: { 418: { model: 'x' } } } as never)),
      /^The model of response 418 of include\(\) is the string "x", not a schema/,
    )
  })

  test("a dependency's inputs, whether it is ever used or not", () => {
    assert.match(
      configError(() => depends({ query: { n: Number } } as never, () => 1)),
      /^Query parameter "n" of an anonymous dependency is the function Number, not a schema/,
    )
    assert.match(
      configError(() => depends({ body: { item: 'Item' } } as never, function read_item() {})),
      /^Body field "item" of dependency read_item is the string "Item", not a schema/,
    )
    assert.match(
      configError(() => depends({ body: z.object({ a: z.string() }) } as never, function whole() {})),
      /^The body of dependency whole is one schema; write an object of schemas, the fields of an embedded body/,
    )
  })

  test('the same route with schemas serves, and documents, what it declares', async () => {
    const app = new App()
    app.get('/items', { query: { limit: z.number() } }, ({ query }) => query)
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/items?limit=3')).json(), { limit: 3 })
    assert.equal((await client.get('/openapi.json')).status, 200)
  })
})

describe('an object schema given as one parameter is refused, pointing to a parameter model', () => {
  const Filter = z.object({ name: z.string(), max: z.int() })

  test('query: { filter: z.object(…) }', () => {
    assert.equal(
      configError(() => new App().get('/items', { query: { filter: Filter } }, handler)),
      'Query parameter "filter" of route GET /items is an object schema, but a query parameter arrives ' +
        'as text (one string, or a list of them when repeated): every request would fail. To read an ' +
        "object's fields as separate parameters, declare it as the whole group, a parameter model: " +
        'query: z.object({ … }).',
    )
  })

  test('behind optional, default, nullable and union wrappers, in a list, or as a record', () => {
    const app = new App()
    const wrapped = [
      Filter.optional(),
      Filter.default({ name: 'a', max: 1 }),
      Filter.nullable(),
      z.union([Filter, z.null()]),
      z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('a') }),
        z.object({ kind: z.literal('b'), n: z.int() }),
      ]),
      z.record(z.string(), z.int()),
    ]
    for (const [index, schema] of wrapped.entries()) {
      assert.match(
        configError(() => app.get(`/w${index}`, { query: { filter: schema } }, handler)),
        /^Query parameter "filter" of route GET \/w\d is an object schema, but/,
      )
    }
    assert.match(
      configError(() => app.get('/list', { query: { filters: z.array(Filter) } }, handler)),
      /^Query parameter "filters" of route GET \/list is a list of objects, but/,
    )
  })

  test('path, headers, cookies and form fields, and a field of a parameter model', () => {
    const app = new App()
    assert.match(
      configError(() => app.get('/a/{f}', { path: { f: Filter } }, handler)),
      /^Path parameter "f" of route GET \/a\/\{f\} is an object schema, but a path parameter arrives as one segment of the path: .* path: z\.object\(\{ … \}\)\.$/,
    )
    assert.match(
      configError(() => app.get('/b', { headers: { x_filter: Filter } }, handler)),
      /^Header "x_filter" of route GET \/b is an object schema, .* headers: z\.object/,
    )
    assert.match(
      configError(() => app.get('/c', { cookies: { prefs: Filter.optional() } }, handler)),
      /^Cookie "prefs" of route GET \/c is an object schema, but a cookie arrives as one string/,
    )
    assert.match(
      configError(() => app.post('/d', { form: { address: Filter } }, handler)),
      /^Form field "address" of route POST \/d is an object schema/,
    )
    assert.equal(
      configError(() => app.get('/e', { query: z.object({ q: z.string(), filter: Filter }) }, handler)),
      'Field "filter" of the query model of route GET /e is an object schema, but each field of a ' +
        'parameter model is one query parameter, which arrives as text (one string, or a list of them ' +
        'when repeated): every request would fail. Put the fields of that object in the model itself.',
    )
  })

  test("a dependency's parameters", () => {
    assert.match(
      configError(() => depends({ query: { filter: Filter } }, function filtered() {})),
      /^Query parameter "filter" of dependency filtered is an object schema/,
    )
  })

  test('scalars, lists of scalars and unions with a string stay fine, and a model reads its fields', async () => {
    const app = new App()
    app.get(
      '/items',
      {
        query: {
          tags: z.array(z.string()).optional(),
          ids: z.array(z.int()).default([]),
          when: z.union([z.string(), z.object({ at: z.string() })]).optional(),
        },
      },
      ({ query }) => query,
    )
    app.get('/search', { query: Filter }, ({ query }) => query)
    const client = new TestClient(app)
    assert.deepEqual((await client.get('/items?tags=a&tags=b&ids=1&when=now')).json(), {
      tags: ['a', 'b'],
      ids: [1],
      when: 'now',
    })
    assert.deepEqual((await client.get('/search?name=x&max=3')).json(), { name: 'x', max: 3 })
  })
})
