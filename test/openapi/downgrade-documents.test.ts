// OpenAPI 3.1 → 3.0.3 down-conversion of whole FastAPI-style documents: each fixture must validate
// as 3.1 (so it is honest) and its conversion as 3.0, with the official meta-schemas.
// The rule-by-rule tests are in downgrade.test.ts.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Validator } from '@seriousme/openapi-schema-validator'
import { toOpenAPI30 } from '../../src/openapi/downgrade.js'

type JsonObject = Record<string, unknown>

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const orNull = (schema: JsonObject, extra: JsonObject = {}) => ({
  anyOf: [schema, { type: 'null' }],
  ...extra,
})
const json = (schema: unknown) => ({ 'application/json': { schema } })
const ok = (schema: unknown) => ({ description: 'Successful Response', content: json(schema) })
const validationError = {
  '422': { description: 'Validation Error', content: json(ref('HTTPValidationError')) },
}

function get(value: unknown, ...path: (string | number)[]): unknown {
  let node = value
  for (const key of path) node = (node as Record<string | number, unknown>)[key]
  return node
}

async function assertValid(document: JsonObject, version: string): Promise<void> {
  const validator = new Validator()
  const result = await validator.validate(structuredClone(document))
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2))
  assert.equal(validator.version, version)
}

/** Every `$ref` in the result stands alone: 3.0 ignores siblings, and its meta-schema does not say so. */
function assertBareRefs(value: unknown, at = '#'): void {
  if (typeof value !== 'object' || value === null) return
  if ('$ref' in value) assert.deepEqual(Object.keys(value), ['$ref'], `siblings of $ref at ${at}`)
  for (const [key, child] of Object.entries(value)) assertBareRefs(child, `${at}/${key}`)
}

function objectsIn(value: unknown, found = new Set<object>()): Set<object> {
  if (typeof value !== 'object' || value === null) return found
  found.add(value)
  for (const child of Object.values(value)) objectsIn(child, found)
  return found
}

/** What Brisk (like FastAPI) emits for a small shop: models, optional fields, enums, a file upload, a webhook. */
const shop: JsonObject = {
  openapi: '3.1.0',
  info: { title: 'Shop', version: '1.0.0', summary: 'A shop', license: { name: 'MIT', identifier: 'MIT' } },
  paths: {
    '/items/': {
      get: {
        summary: 'List Items',
        operationId: 'list_items_items__get',
        parameters: [
          { name: 'q', in: 'query', schema: orNull({ type: 'string', maxLength: 50 }, { title: 'Q' }) },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', exclusiveMinimum: 0, maximum: 100, default: 10, title: 'Limit' },
          },
        ],
        responses: {
          '200': ok({ type: 'array', items: ref('Item'), title: 'Response List Items' }),
          ...validationError,
        },
      },
      post: {
        summary: 'Create Item',
        operationId: 'create_item_items__post',
        requestBody: { required: true, content: json(ref('ItemCreate')) },
        responses: {
          '201': {
            ...ok(ref('Item')),
            headers: { 'X-Request-Id': { schema: { type: 'string', format: 'uuid' } } },
          },
          ...validationError,
        },
        security: [{ OAuth2PasswordBearer: [] }],
      },
    },
    '/files/': {
      post: {
        summary: 'Upload',
        operationId: 'upload_files__post',
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: ref('Body_upload_files__post') } },
        },
        responses: { '200': ok({}), ...validationError },
      },
    },
  },
  webhooks: {
    'new-item': {
      post: {
        requestBody: { content: json(ref('Item')), required: true },
        responses: { '200': { description: 'Successful Response' } },
      },
    },
  },
  components: {
    schemas: {
      Status: { type: 'string', enum: ['draft', 'published'], title: 'Status' },
      User: {
        // Field names that are also JSON Schema keywords.
        properties: {
          type: { type: 'string', const: 'user', title: 'Type' },
          examples: { type: 'array', items: { type: 'string' }, title: 'Examples' },
          const: orNull({ type: 'integer' }, { title: 'Const' }),
        },
        type: 'object',
        required: ['type'],
        title: 'User',
      },
      ItemCreate: {
        properties: {
          name: { type: 'string', minLength: 1, title: 'Name', examples: ['Hammer'] },
          description: orNull({ type: 'string' }, { title: 'Description', default: null }),
          price: { type: 'number', exclusiveMinimum: 0, title: 'Price' },
          status: { $ref: '#/components/schemas/Status', default: 'draft', description: 'Publication state' },
          size: {
            type: 'array',
            prefixItems: [{ type: 'number' }, { type: 'number' }],
            minItems: 2,
            maxItems: 2,
            title: 'Size',
          },
        },
        type: 'object',
        required: ['name', 'price'],
        title: 'ItemCreate',
      },
      Item: {
        properties: {
          id: { type: 'integer', title: 'Id' },
          name: { type: 'string', title: 'Name' },
          owner: orNull(ref('User')),
          tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, title: 'Tags' },
        },
        type: 'object',
        required: ['id', 'name'],
        title: 'Item',
        examples: [{ id: 1, name: 'Hammer', owner: null, tags: [] }],
      },
      Body_upload_files__post: {
        properties: {
          file: { type: 'string', contentMediaType: 'application/octet-stream', title: 'File' },
          note: orNull({ type: 'string' }, { title: 'Note' }),
        },
        type: 'object',
        required: ['file'],
        title: 'Body_upload_files__post',
      },
      ValidationError: {
        properties: {
          loc: {
            items: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
            type: 'array',
            title: 'Location',
          },
          msg: { type: 'string', title: 'Message' },
          type: { type: 'string', title: 'Error Type' },
        },
        type: 'object',
        required: ['loc', 'msg', 'type'],
        title: 'ValidationError',
      },
      HTTPValidationError: {
        properties: { detail: { items: ref('ValidationError'), type: 'array', title: 'Detail' } },
        type: 'object',
        title: 'HTTPValidationError',
      },
    },
    securitySchemes: {
      OAuth2PasswordBearer: { type: 'oauth2', flows: { password: { scopes: {}, tokenUrl: 'token' } } },
    },
  },
}

// FastAPI's SSE item: each event's `data` is a JSON string whose content is described by `contentSchema`.
const sseItem = {
  type: 'object',
  properties: {
    data: { type: 'string', contentMediaType: 'application/json', contentSchema: ref('Event') },
    event: { type: 'string' },
    id: { type: 'string' },
    retry: { type: 'integer', minimum: 0 },
  },
  required: ['data'],
}

const kind = (value: string) => ({ const: value, title: 'Kind' })

/** Streaming and callbacks: SSE and JSON Lines with itemSchema, a discriminated union, a shared path item. */
const events: JsonObject = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
  info: { title: 'Events', version: '0.1.0' },
  paths: {
    '/events': {
      get: {
        operationId: 'stream_events_events_get',
        responses: {
          '200': {
            description: 'Successful Response',
            content: { 'text/event-stream': { itemSchema: sseItem } },
          },
        },
      },
    },
    '/logs': {
      get: {
        operationId: 'stream_logs_logs_get',
        responses: {
          '200': {
            description: 'Successful Response',
            content: { 'application/jsonl': { itemSchema: ref('LogLine') } },
          },
        },
      },
    },
    '/subscriptions': {
      post: {
        operationId: 'subscribe_subscriptions_post',
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: { url: { type: 'string', format: 'uri' } },
            required: ['url'],
          }),
        },
        responses: { '204': { description: 'Subscribed' } },
        callbacks: {
          event: {
            '{$request.body#/url}': {
              post: {
                requestBody: { required: true, content: json(ref('Event')) },
                responses: { '200': { description: 'Received' } },
              },
            },
          },
        },
      },
    },
    '/health': { $ref: '#/components/pathItems/Health' },
  },
  components: {
    schemas: {
      Created: {
        type: 'object',
        properties: { kind: kind('created'), at: { type: 'string', format: 'date-time' } },
        required: ['kind', 'at'],
        title: 'Created',
      },
      Deleted: {
        type: 'object',
        properties: { kind: kind('deleted'), reason: { type: ['string', 'null'] } },
        required: ['kind'],
        title: 'Deleted',
      },
      Event: {
        oneOf: [ref('Created'), ref('Deleted')],
        discriminator: {
          propertyName: 'kind',
          mapping: { created: '#/components/schemas/Created', deleted: '#/components/schemas/Deleted' },
        },
        title: 'Event',
      },
      LogLine: {
        type: 'object',
        properties: {
          level: { enum: ['info', 'error'] },
          message: { type: 'string' },
          context: { type: 'object', additionalProperties: true },
        },
        required: ['level', 'message'],
      },
    },
    pathItems: {
      Health: {
        get: { responses: { '200': { description: 'OK', content: json({ type: 'string', const: 'ok' }) } } },
      },
    },
  },
}

describe('toOpenAPI30: whole documents', () => {
  test('the validator knows 3.0, 3.1 and 3.2', () => {
    for (const version of ['3.0', '3.1', '3.2']) assert.ok(Validator.supportedVersions.has(version))
  })

  test('the 3.0 meta-schema rejects an unconverted 3.1 document (the checks below mean something)', async () => {
    const result = await new Validator().validate({ ...structuredClone(shop), openapi: '3.0.3' })
    assert.equal(result.valid, false)
  })

  test('the shop fixture is valid 3.1; its conversion is valid 3.0', async () => {
    await assertValid(shop, '3.1')
    const out = toOpenAPI30(shop)
    await assertValid(out, '3.0')
    assertBareRefs(out)
    assert.equal(out.webhooks, undefined)
    assert.deepEqual(get(out, 'info'), {
      title: 'Shop',
      version: '1.0.0',
      license: { name: 'MIT', url: 'https://spdx.org/licenses/MIT.html' },
    })
    assert.deepEqual(get(out, 'paths', '/items/', 'get', 'parameters', 1, 'schema'), {
      type: 'integer',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 100,
      default: 10,
      title: 'Limit',
    })
    const schemas = get(out, 'components', 'schemas')
    assert.deepEqual(get(schemas, 'Body_upload_files__post', 'properties', 'file'), {
      type: 'string',
      title: 'File',
      format: 'binary',
    })
    assert.deepEqual(get(schemas, 'ItemCreate', 'properties', 'status'), {
      default: 'draft',
      description: 'Publication state',
      allOf: [ref('Status')],
    })
    assert.deepEqual(get(schemas, 'ItemCreate', 'properties', 'size', 'items'), { type: 'number' })
    assert.deepEqual(get(schemas, 'Item', 'properties', 'owner'), {
      anyOf: [ref('User'), { type: 'string', nullable: true, enum: [null] }],
    })
    assert.deepEqual(get(schemas, 'Item', 'example'), { id: 1, name: 'Hammer', owner: null, tags: [] })
    assert.deepEqual(get(schemas, 'User', 'properties'), {
      type: { type: 'string', enum: ['user'], title: 'Type' },
      examples: { type: 'array', items: { type: 'string' }, title: 'Examples' },
      const: { type: 'integer', title: 'Const', nullable: true },
    })
  })

  test('the events fixture is valid 3.2 (FastAPI puts 3.2 itemSchema in 3.1); its conversion is valid 3.0', async () => {
    // The 3.1 meta-schema closes the Media Type Object, so `itemSchema` only validates as 3.2;
    // the rest of the fixture is checked as 3.1 without the two streams.
    await assertValid({ ...events, openapi: '3.2.0' }, '3.2')
    const { '/events': _events, '/logs': _logs, ...paths } = events.paths as JsonObject
    await assertValid({ ...events, paths }, '3.1')
    const out = toOpenAPI30(events)
    await assertValid(out, '3.0')
    assertBareRefs(out)
    assert.equal(out.jsonSchemaDialect, undefined)
    assert.equal(get(out, 'components', 'pathItems'), undefined)
    const sse = get(out, 'paths', '/events', 'get', 'responses', '200', 'content', 'text/event-stream')
    assert.deepEqual(Object.keys(sse as JsonObject), ['schema', 'x-itemSchema'])
    assert.deepEqual(get(sse, 'x-itemSchema', 'properties', 'data'), { type: 'string' })
    assert.deepEqual(get(out, 'paths', '/logs', 'get', 'responses', '200', 'content'), {
      'application/jsonl': {
        schema: { type: 'array', items: ref('LogLine') },
        'x-itemSchema': ref('LogLine'),
      },
    })
    assert.deepEqual(
      get(out, 'paths', '/health', 'get', 'responses', '200', 'content'),
      json({ type: 'string', enum: ['ok'] }),
    )
    assert.deepEqual(get(out, 'components', 'schemas', 'Deleted', 'properties'), {
      kind: { enum: ['deleted'], title: 'Kind' },
      reason: { type: 'string', nullable: true },
    })
  })

  test('the input is not mutated and the output shares no object with it', () => {
    for (const fixture of [shop, events]) {
      const before = structuredClone(fixture)
      const input = structuredClone(fixture)
      const inputObjects = objectsIn(input)
      // Frozen: any write to the input throws (test files are ES modules, so strict mode).
      for (const object of inputObjects) Object.freeze(object)
      const out = toOpenAPI30(input)
      assert.deepEqual(input, before)
      for (const object of objectsIn(out))
        assert.ok(!inputObjects.has(object), 'output shares an object with the input')
    }
  })
})
