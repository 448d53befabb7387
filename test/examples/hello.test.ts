import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { app } from '../../examples/hello/app.js'
import { TestClient } from '../../src/index.js'
import { waitForOutput } from '../child-process.js'
import type { ValidationErrorBody } from '../response-bodies.js'

describe('examples/hello', () => {
  const client = new TestClient(app)

  test('GET / says hello', async () => {
    const res = await client.get('/')
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { message: 'Hello World' })
  })

  test('GET /items/{item_id} reads the path and coerces query booleans', async () => {
    const res = await client.get('/items/foo', { query: { q: 'somequery', short: 'yes' } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json(), { item_id: 'foo', name: 'Foo', price: 50.2, q: 'somequery', short: true })
  })

  test('an unknown item is a 404 with a detail', async () => {
    const res = await client.get('/items/nope')
    assert.equal(res.status, 404)
    assert.deepEqual(res.json(), { detail: 'Item not found' })
  })

  test('a bad boolean is a 422 with Pydantic’s error', async () => {
    const res = await client.get('/items/foo', { query: { short: 'maybe' } })
    assert.equal(res.status, 422)
    assert.deepEqual(res.json(), {
      detail: [
        {
          type: 'bool_parsing',
          loc: ['query', 'short'],
          msg: 'Input should be a valid boolean, unable to interpret input',
          input: 'maybe',
        },
      ],
    })
  })

  test('POST /items/ creates with 201 and validates the body', async () => {
    const created = await client.post('/items/', { json: { name: 'Baz', price: 3.5 } })
    assert.equal(created.status, 201)
    assert.deepEqual(created.json(), { name: 'Baz', price: 3.5 })
    const invalid = await client.post('/items/', { json: { name: 'Baz', price: 0 } })
    assert.equal(invalid.status, 422)
    assert.deepEqual(invalid.json<ValidationErrorBody>().detail, [
      {
        type: 'greater_than',
        loc: ['body', 'price'],
        msg: 'Input should be greater than 0',
        input: 0,
        ctx: { gt: 0 },
      },
    ])
  })

  test('the example starts a real server from its entry point', async () => {
    const { spawn } = await import('node:child_process')
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/hello/main.ts'], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    try {
      const [, url] = await waitForOutput(child, /Running on (http:\/\/\S+) with docs at \1\/docs/, {
        streams: ['stderr'],
      })
      const res = await fetch(`${url}/`)
      assert.deepEqual(await res.json(), { message: 'Hello World' })
    } finally {
      child.kill('SIGTERM')
    }
  })

  // The whole document, pinned: a change to it is a change to every client generated from it.
  test('the OpenAPI document', () => {
    assert.deepEqual(app.openapi(), {
      openapi: '3.1.0',
      info: { title: 'Hello Brisk', version: '1.0.0', license: { name: 'MIT', identifier: 'MIT' } },
      paths: {
        '/': {
          get: {
            summary: 'Root',
            operationId: 'root__get',
            responses: {
              '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
            },
          },
        },
        '/items/{item_id}': {
          get: {
            summary: 'Read Item',
            operationId: 'read_item_items__item_id__get',
            parameters: [
              { name: 'item_id', in: 'path', required: true, schema: { type: 'string', title: 'Item Id' } },
              { name: 'q', in: 'query', required: false, schema: { type: 'string', title: 'Q' } },
              {
                name: 'short',
                in: 'query',
                required: false,
                schema: { default: false, type: 'boolean', title: 'Short' },
              },
            ],
            responses: {
              '200': { description: 'Successful Response', content: { 'application/json': { schema: {} } } },
              '404': {
                description: 'Item not found',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Message' } } },
              },
              '422': {
                description: 'Validation Error',
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } },
                },
              },
            },
          },
        },
        '/items/': {
          post: {
            summary: 'Create Item',
            operationId: 'create_item_items__post',
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
              required: true,
            },
            responses: {
              '201': {
                description: 'Successful Response',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
              },
              '422': {
                description: 'Validation Error',
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } },
                },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          HTTPValidationError: {
            title: 'HTTPValidationError',
            type: 'object',
            properties: {
              detail: {
                title: 'Detail',
                type: 'array',
                items: { $ref: '#/components/schemas/ValidationError' },
              },
            },
          },
          Item: {
            type: 'object',
            properties: {
              name: { type: 'string', minLength: 1, title: 'Name' },
              price: { type: 'number', exclusiveMinimum: 0, title: 'Price' },
              description: { type: 'string', title: 'Description' },
            },
            required: ['name', 'price'],
            title: 'Item',
          },
          Message: {
            type: 'object',
            properties: { detail: { type: 'string', title: 'Detail' } },
            required: ['detail'],
            title: 'Message',
          },
          ValidationError: {
            title: 'ValidationError',
            type: 'object',
            properties: {
              loc: {
                title: 'Location',
                type: 'array',
                items: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
              },
              msg: { title: 'Message', type: 'string' },
              type: { title: 'Error Type', type: 'string' },
              input: { title: 'Input' },
              ctx: { title: 'Context', type: 'object' },
            },
            required: ['loc', 'msg', 'type'],
          },
        },
      },
    })
  })
})
