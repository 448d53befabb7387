// OpenAPI 3.1 → 3.0.3 down-conversion, one test per rule. Whole documents, validated against the
// 3.0 and 3.1 meta-schemas, are in downgrade-documents.test.ts.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { toOpenAPI30 } from '../../src/openapi/downgrade.js'

type JsonObject = Record<string, unknown>

const info = { title: 'Test', version: '1.0.0' }
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
/** 3.0's "only null": `nullable` needs a `type` beside it, and the enum leaves only null. */
const NULL_ONLY = { type: 'string', nullable: true, enum: [null] }

/** Converts one schema by placing it in `components.schemas` and reading it back. */
function convert(schema: unknown): unknown {
  const out = toOpenAPI30({ openapi: '3.1.0', info, components: { schemas: { S: schema } } })
  return ((out.components as JsonObject).schemas as JsonObject).S
}

/** Reads a path of keys separated by spaces (keys here hold `/` and `.`, never a space). */
function get(value: unknown, path: string): unknown {
  let node = value
  for (const key of path.split(' ')) node = (node as Record<string, unknown>)[key]
  return node
}

/** Converts a 3.1 document made of `fields` plus `openapi` and `info`. */
const convertDocument = (fields: JsonObject) => toOpenAPI30({ openapi: '3.1.0', info, ...fields })
const json = (schema: unknown) => ({ 'application/json': { schema } })

describe('toOpenAPI30: document structure', () => {
  test('3.1-only document fields go; license keeps name and url', () => {
    const out = toOpenAPI30({
      openapi: '3.1.0',
      jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
      info: {
        ...info,
        summary: 'Short',
        license: { name: 'MIT', identifier: 'MIT', url: 'https://x.dev/l' },
      },
      paths: {},
      webhooks: { created: { post: { responses: { '200': { description: 'OK' } } } } },
      components: { pathItems: { P: {} }, schemas: {} },
    })
    assert.deepEqual(out, {
      openapi: '3.0.3',
      info: { ...info, license: { name: 'MIT', url: 'https://x.dev/l' } },
      paths: {},
      components: { schemas: {} },
    })
  })

  test('a document without paths gets an empty paths object (required in 3.0)', () => {
    assert.deepEqual(convertDocument({}).paths, {})
  })

  test('a reference to components.pathItems is inlined, converted', () => {
    const nullable = { type: ['string', 'null'] }
    const out = convertDocument({
      paths: { '/health': { $ref: '#/components/pathItems/Health', summary: 'Health' } },
      components: {
        pathItems: {
          Health: { get: { responses: { '200': { description: 'OK', content: json(nullable) } } } },
        },
      },
    })
    assert.deepEqual(get(out, 'paths /health summary'), 'Health')
    assert.deepEqual(get(out, 'paths /health get responses 200 content application/json schema'), {
      type: 'string',
      nullable: true,
    })
  })

  test('an operation without responses gets a default one (required in 3.0)', () => {
    const out = convertDocument({ paths: { '/': { get: { summary: 'Root' } } } })
    assert.deepEqual(get(out, 'paths / get'), {
      summary: 'Root',
      responses: { default: { description: 'Unspecified response' } },
    })
  })

  test('Reference Objects lose the summary and description 3.1 allows beside $ref', () => {
    const out = convertDocument({
      paths: {
        '/': {
          get: {
            parameters: [{ $ref: '#/components/parameters/Q', description: 'Search' }],
            responses: { '404': { $ref: '#/components/responses/NotFound', summary: 'Missing' } },
          },
        },
      },
    })
    assert.deepEqual(get(out, 'paths / get'), {
      parameters: [{ $ref: '#/components/parameters/Q' }],
      responses: { '404': { $ref: '#/components/responses/NotFound' } },
    })
  })

  test('mutualTLS schemes and their requirements go; other schemes stay', () => {
    const out = convertDocument({
      paths: {
        '/': { get: { security: [{ mtls: [] }, { key: [] }], responses: { '200': { description: 'OK' } } } },
      },
      security: [{ mtls: [], key: [] }],
      components: {
        securitySchemes: { mtls: { type: 'mutualTLS' }, key: { type: 'apiKey', in: 'header', name: 'K' } },
      },
    })
    assert.deepEqual(get(out, 'components securitySchemes'), {
      key: { type: 'apiKey', in: 'header', name: 'K' },
    })
    assert.deepEqual(out.security, [{ key: [] }])
    assert.deepEqual(get(out, 'paths / get security'), [{}, { key: [] }])
  })

  test('itemSchema (SSE, JSON Lines) becomes the x-itemSchema extension beside an array of the items, converted', () => {
    const media = {
      itemSchema: { anyOf: [ref('Event'), { type: 'null' }] },
      itemEncoding: { contentType: 'application/json' },
    }
    const out = convertDocument({
      paths: {
        '/s': {
          get: { responses: { '200': { description: 'OK', content: { 'text/event-stream': media } } } },
        },
      },
    })
    assert.deepEqual(get(out, 'paths /s get responses 200 content text/event-stream'), {
      schema: { type: 'array', items: { anyOf: [ref('Event'), NULL_ONLY] } },
      'x-itemSchema': { anyOf: [ref('Event'), NULL_ONLY] },
    })
  })

  test('schemas are converted wherever OpenAPI puts them', () => {
    const nullable = { type: ['integer', 'null'] }
    const converted = { type: 'integer', nullable: true }
    const operation = {
      parameters: [
        { name: 'q', in: 'query', schema: nullable },
        { name: 'f', in: 'query', content: json(nullable) },
      ],
      requestBody: {
        content: {
          'multipart/form-data': {
            schema: nullable,
            encoding: { a: { headers: { H: { schema: nullable } } } },
          },
        },
      },
      responses: {
        '200': { description: 'OK', headers: { H: { schema: nullable } }, content: json(nullable) },
      },
      callbacks: {
        cb: { '{$request.body#/url}': { post: { requestBody: { content: json(nullable) }, responses: {} } } },
      },
    }
    const out = convertDocument({
      paths: { '/': { parameters: [{ name: 'p', in: 'header', schema: nullable }], post: operation } },
      components: {
        parameters: { P: { name: 'p', in: 'query', schema: nullable } },
        headers: { H: { schema: nullable } },
        requestBodies: { B: { content: json(nullable) } },
        responses: { R: { description: 'R', content: json(nullable) } },
        callbacks: { C: { '/cb': { put: { requestBody: { content: json(nullable) }, responses: {} } } } },
      },
    })
    const post = get(out, 'paths / post')
    for (const at of [
      get(out, 'paths / parameters 0 schema'),
      get(post, 'parameters 0 schema'),
      get(post, 'parameters 1 content application/json schema'),
      get(post, 'requestBody content multipart/form-data schema'),
      get(post, 'requestBody content multipart/form-data encoding a headers H schema'),
      get(post, 'responses 200 headers H schema'),
      get(post, 'responses 200 content application/json schema'),
      get(post, 'callbacks cb {$request.body#/url} post requestBody content application/json schema'),
      get(out, 'components parameters P schema'),
      get(out, 'components headers H schema'),
      get(out, 'components requestBodies B content application/json schema'),
      get(out, 'components responses R content application/json schema'),
      get(out, 'components callbacks C /cb put requestBody content application/json schema'),
    ]) {
      assert.deepEqual(at, converted)
    }
  })
})

describe('toOpenAPI30: nullable', () => {
  test('type: [X, null] → type: X, nullable: true', () => {
    assert.deepEqual(convert({ type: ['string', 'null'], maxLength: 3 }), {
      type: 'string',
      maxLength: 3,
      nullable: true,
    })
  })

  test('several non-null types become an anyOf of types, with null as one more branch', () => {
    assert.deepEqual(convert({ type: ['string', 'array', 'null'] }), {
      anyOf: [{ type: 'string' }, { type: 'array', items: {} }, NULL_ONLY],
    })
  })

  test('anyOf [X, null] → X merged with its siblings, nullable', () => {
    const schema = {
      anyOf: [{ type: 'string', maxLength: 5 }, { type: 'null' }],
      title: 'Name',
      default: null,
    }
    assert.deepEqual(convert(schema), {
      type: 'string',
      maxLength: 5,
      title: 'Name',
      default: null,
      nullable: true,
    })
    assert.deepEqual(convert({ oneOf: [{ type: 'null' }, { type: 'integer' }] }), {
      type: 'integer',
      nullable: true,
    })
  })

  test('anyOf [$ref, null] keeps its anyOf, null spelled as 3.0 can (nullable needs a type beside it)', () => {
    // `{nullable: true, allOf: [$ref]}` adds null to no type (3.0.3 §4.7.24): Redocly's
    // nullable-type-sibling and Ajv refuse it, and null still fails the referenced schema.
    assert.deepEqual(convert({ anyOf: [ref('User'), { type: 'null' }], description: 'Owner' }), {
      description: 'Owner',
      anyOf: [ref('User'), NULL_ONLY],
    })
    assert.deepEqual(convert({ anyOf: [ref('User'), { type: 'null' }], default: null, minProperties: 1 }), {
      default: null,
      anyOf: [{ minProperties: 1, allOf: [ref('User')] }, NULL_ONLY],
    })
  })

  test('a branch whose keywords clash with the siblings is not merged: it stays beside the null branch', () => {
    assert.deepEqual(
      convert({ anyOf: [{ type: 'string', title: 'Inner' }, { type: 'null' }], title: 'Outer' }),
      { title: 'Outer', anyOf: [{ type: 'string', title: 'Inner' }, NULL_ONLY] },
    )
  })

  test('two or more other branches keep the anyOf, and its null branch', () => {
    assert.deepEqual(convert({ anyOf: [{ type: 'string' }, ref('Item'), { type: 'null' }] }), {
      anyOf: [{ type: 'string' }, ref('Item'), NULL_ONLY],
    })
    assert.deepEqual(convert({ oneOf: [ref('A'), ref('B'), { type: 'null' }], title: 'Pet' }), {
      title: 'Pet',
      anyOf: [{ oneOf: [ref('A'), ref('B')] }, NULL_ONLY],
    })
  })

  test('a nullable schema that accepts anything stays {}: it accepts null already', () => {
    assert.deepEqual(convert({ anyOf: [{}, { type: 'null' }], title: 'Any' }), { title: 'Any' })
  })

  test('an enum or const made nullable by a null branch lists null (3.0.3: enum still applies)', () => {
    assert.deepEqual(convert({ anyOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'null' }] }), {
      type: 'string',
      enum: ['a', 'b', null],
      nullable: true,
    })
    assert.deepEqual(convert({ anyOf: [{ const: 'a' }, { type: 'null' }] }), {
      anyOf: [{ enum: ['a'] }, NULL_ONLY],
    })
  })

  test('type: null alone → a nullable type whose enum is only null', () => {
    assert.deepEqual(convert({ type: 'null', title: 'Nothing' }), { title: 'Nothing', ...NULL_ONLY })
  })
})

describe('toOpenAPI30: other schema keywords', () => {
  test('$ref with siblings → allOf [$ref] plus the siblings', () => {
    assert.deepEqual(
      convert({ $ref: '#/components/schemas/Status', description: 'State', default: 'draft' }),
      {
        description: 'State',
        default: 'draft',
        allOf: [ref('Status')],
      },
    )
    assert.deepEqual(convert(ref('Status')), ref('Status'))
  })

  test('const → enum of one; examples → example (the first)', () => {
    assert.deepEqual(convert({ const: 'fixed', examples: ['fixed', 'other'] }), {
      enum: ['fixed'],
      example: 'fixed',
    })
    assert.deepEqual(convert({ examples: [] }), {})
  })

  test('numeric exclusive bounds → minimum/maximum with a boolean flag; the tighter bound wins', () => {
    assert.deepEqual(convert({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 10 }), {
      type: 'number',
      minimum: 0,
      exclusiveMinimum: true,
      maximum: 10,
      exclusiveMaximum: true,
    })
    assert.deepEqual(convert({ exclusiveMinimum: 0, minimum: 5, maximum: 1, exclusiveMaximum: 9 }), {
      minimum: 5,
      maximum: 1,
    })
  })

  test('contentMediaType (a file) → format: binary; base64 → byte; JSON in a string stays a string', () => {
    assert.deepEqual(convert({ type: 'string', contentMediaType: 'application/octet-stream' }), {
      type: 'string',
      format: 'binary',
    })
    assert.deepEqual(convert({ type: 'string', contentMediaType: 'image/png', contentEncoding: 'base64' }), {
      type: 'string',
      format: 'byte',
    })
    assert.deepEqual(
      convert({ type: 'string', contentMediaType: 'application/json', contentSchema: ref('Event') }),
      { type: 'string' },
    )
  })

  test('prefixItems → items as the union of the tuple types, its length kept', () => {
    const pair = {
      type: 'array',
      prefixItems: [{ type: 'number' }, { type: 'string' }],
      minItems: 2,
      maxItems: 2,
    }
    assert.deepEqual(convert(pair), {
      type: 'array',
      minItems: 2,
      maxItems: 2,
      items: { anyOf: [{ type: 'number' }, { type: 'string' }] },
    })
    const closed = { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false }
    assert.deepEqual(convert(closed), { type: 'array', maxItems: 2, items: { type: 'number' } })
    const open = { type: 'array', prefixItems: [{ type: 'number' }] }
    assert.deepEqual(convert(open), { type: 'array', items: {} })
    const rest = { type: 'array', prefixItems: [{ type: 'number' }], items: { type: 'string' } }
    assert.deepEqual(convert(rest), {
      type: 'array',
      items: { anyOf: [{ type: 'number' }, { type: 'string' }] },
    })
  })

  test('keywords 3.0 does not know are dropped', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'x',
      $anchor: 'a',
      $comment: 'c',
      $defs: { A: { type: 'string' } },
      type: 'object',
      unevaluatedProperties: false,
      dependentRequired: { a: ['b'] },
      dependentSchemas: { a: { required: ['c'] } },
      if: { required: ['a'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else, the keyword under test
      then: { required: ['b'] },
      else: {},
      propertyNames: { pattern: '^[a-z]+$' },
      'x-keep': { anyOf: [] },
    }
    assert.deepEqual(convert(schema), { type: 'object', 'x-keep': { anyOf: [] } })
    const array = {
      type: 'array',
      items: {},
      contains: { type: 'string' },
      minContains: 1,
      maxContains: 2,
      unevaluatedItems: false,
    }
    assert.deepEqual(convert(array), { type: 'array', items: {} })
  })

  test('patternProperties joins a closed additionalProperties so matching names stay allowed', () => {
    const schema = {
      type: 'object',
      patternProperties: { '^x_': { type: 'string' } },
      additionalProperties: false,
    }
    assert.deepEqual(convert(schema), { type: 'object', additionalProperties: { type: 'string' } })
    assert.deepEqual(convert({ patternProperties: { '^a': { type: 'string' } } }), {})
  })

  test('boolean schemas become {} and {not: {}}; additionalProperties keeps its boolean', () => {
    const schema = { type: 'object', properties: { any: true, never: false }, additionalProperties: false }
    assert.deepEqual(convert(schema), {
      type: 'object',
      properties: { any: {}, never: { not: {} } },
      additionalProperties: false,
    })
  })

  test('every subschema keyword is walked: properties, items, allOf, anyOf, oneOf, not, additionalProperties', () => {
    const n = { type: ['integer', 'null'] }
    const c = { type: 'integer', nullable: true }
    const schema = {
      properties: { a: n },
      items: n,
      allOf: [n],
      anyOf: [n, n],
      oneOf: [n, n],
      not: n,
      additionalProperties: n,
    }
    assert.deepEqual(convert(schema), {
      properties: { a: c },
      items: c,
      allOf: [c],
      anyOf: [c, c],
      oneOf: [c, c],
      not: c,
      additionalProperties: c,
    })
  })

  test('empty required and enum arrays (invalid in 3.0) are fixed; arrays always have items', () => {
    assert.deepEqual(convert({ type: 'object', required: [] }), { type: 'object' })
    assert.deepEqual(convert({ enum: [] }), { not: {} })
    assert.deepEqual(convert({ type: 'array' }), { type: 'array', items: {} })
  })
})

describe('toOpenAPI30: names and data are not keywords', () => {
  test('properties named like keywords survive, and only their schemas are converted', () => {
    const names = [
      'const',
      'examples',
      'type',
      '$ref',
      'nullable',
      'prefixItems',
      'anyOf',
      '$defs',
      'if',
      'x-y',
    ]
    const properties = Object.fromEntries(names.map((name) => [name, { type: ['string', 'null'] }]))
    const out = convert({ type: 'object', properties, required: names }) as JsonObject
    assert.deepEqual(Object.keys(out.properties as JsonObject), names)
    for (const name of names)
      assert.deepEqual(get(out, `properties ${name}`), { type: 'string', nullable: true })
    assert.deepEqual(out.required, names)
  })

  test('schema names, paths, status codes and media types are kept as written', () => {
    const out = convertDocument({
      paths: {
        '/const/{type}': {
          get: {
            responses: {
              '2XX': { description: 'OK', content: { 'application/x-examples+json': { schema: {} } } },
            },
          },
        },
      },
      components: {
        schemas: { const: { type: 'string' }, examples: { type: 'string' }, $defs: { type: 'string' } },
      },
    })
    assert.deepEqual(Object.keys(get(out, 'components schemas') as JsonObject), [
      'const',
      'examples',
      '$defs',
    ])
    assert.deepEqual(Object.keys(get(out, 'paths /const/{type} get responses 2XX content') as JsonObject), [
      'application/x-examples+json',
    ])
  })

  test('values that are data (default, enum, example, media examples) are never rewritten', () => {
    const data = { type: ['string', 'null'], const: 1, examples: [1], $ref: '#/x' }
    const schema = { type: 'object', default: data, enum: [data], example: data }
    assert.deepEqual(convert(schema), { type: 'object', default: data, enum: [data], example: data })
    const out = convertDocument({
      paths: {
        '/': {
          post: {
            parameters: [
              { name: 'q', in: 'query', schema: { type: 'string' }, examples: { a: { value: data } } },
            ],
            requestBody: {
              content: { 'application/json': { schema: {}, examples: { a: { value: data } } } },
            },
            responses: { '200': { description: 'OK' } },
          },
        },
      },
    })
    assert.deepEqual(get(out, 'paths / post parameters 0 examples'), { a: { value: data } })
    assert.deepEqual(get(out, 'paths / post requestBody content application/json examples'), {
      a: { value: data },
    })
  })
})
