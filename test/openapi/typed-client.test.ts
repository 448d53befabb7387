// What a user of the API gets from the document: openapi-typescript turns examples/hello's
// `app.openapi()` into types, an openapi-fetch client is written against them, and both must
// (a) type-check strictly while misuses fail to compile, and (b) talk to the app itself.
// Everything generated goes to a temp dir, never into the repo.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { app } from '../../examples/hello/app.js'
import { type GeneratedClient, loadClient, writeGeneratedClient } from './generated-client.js'
import { typeErrors } from './type-check.js'

/** The client a user would write: every argument and result typed from `paths`. */
const CLIENT = `import { expectTypeOf } from 'expect-type'
import createClient from 'openapi-fetch'
import type { components, paths } from './schema.js'

type CreateItem = paths['/items/']['post']['requestBody']['content']['application/json']

export function helloClient(fetch: (request: Request) => Promise<Response>) {
  return createClient<paths>({ baseUrl: 'http://hello.test', fetch })
}

export type HelloClient = ReturnType<typeof helloClient>

/** \`GET /\` declares no response schema: its data is \`unknown\` until the caller narrows it. */
export async function readRoot(client: HelloClient) {
  const { data, response } = await client.GET('/')
  expectTypeOf(data).toEqualTypeOf<unknown>()
  return { status: response.status, data }
}

export function readItem(client: HelloClient, itemId: string, q?: string) {
  return client.GET('/items/{item_id}', { params: { path: { item_id: itemId }, query: { q, short: true } } })
}

/** The 422's \`detail\` is typed as ValidationError[]: reading \`loc\` and \`msg\` must compile. */
export async function createItem(client: HelloClient, body: CreateItem) {
  const { data, error, response } = await client.POST('/items/', { body })
  expectTypeOf(data).toEqualTypeOf<components['schemas']['Item'] | undefined>()
  const problems = error?.detail?.map((item) => ({ loc: item.loc.join('.'), msg: item.msg }))
  return { status: response.status, data, error, problems }
}
`

/** Misuses the generated types must refuse, each with the error a user would see. */
const MISUSES: Record<string, { code: string; expect: RegExp }> = {
  'wrong path param type': {
    code: `client.GET('/items/{item_id}', { params: { path: { item_id: 42 } } })`,
    expect: /TS2322: Type 'number' is not assignable to type 'string'/,
  },
  'misspelled path': {
    code: `client.GET('/item/{item_id}', { params: { path: { item_id: 'foo' } } })`,
    expect: /'"\/item\/\{item_id\}"' is not assignable to parameter of type 'PathsWithMethod/,
  },
  'missing path param': {
    code: `client.GET('/items/{item_id}', { params: { query: { q: 'x' } } })`,
    expect: /'path' is missing/,
  },
  'wrong query type': {
    code: `client.GET('/items/{item_id}', { params: { path: { item_id: 'foo' }, query: { short: 'yes' } } })`,
    expect: /Type 'string' is not assignable to type 'boolean \| undefined'/,
  },
  'body without a required field': {
    code: `client.POST('/items/', { body: { name: 'Widget' } })`,
    expect: /'price' is missing/,
  },
  'method the path does not have': {
    code: `client.GET('/items/', {})`,
    expect: /'"\/items\/"' is not assignable to parameter of type 'PathsWithMethod<paths, "get">'/,
  },
  'field the 422 schema does not have': {
    code: `client.POST('/items/', { body: { name: 'a', price: 1 } }).then(({ error }) => error?.details)`,
    expect: /Property 'details' does not exist/,
  },
}

const misuseFile = (index: number) => `misuse-${index}.ts`
const misuseSource = (code: string) =>
  `import { helloClient } from './client.js'\nconst client = helloClient(fetch)\n${code}\n`

describe('a typed client generated from examples/hello', () => {
  let generated: GeneratedClient | undefined
  const at = (name: string) => generated!.at(name)

  before(async () => {
    const misuses = Object.values(MISUSES).map(({ code }, i) => [misuseFile(i), misuseSource(code)])
    generated = await writeGeneratedClient(app.openapi(), {
      'client.ts': CLIENT,
      ...Object.fromEntries(misuses),
    })
  })

  after(() => generated?.remove())

  test('type-checks strictly, and every misuse fails to compile for its reason', () => {
    const names = Object.keys(MISUSES)
    const errors = typeErrors(['schema.ts', 'client.ts', ...names.map((_, i) => misuseFile(i))].map(at))
    assert.deepEqual(errors.get(at('schema.ts')), [])
    assert.deepEqual(errors.get(at('client.ts')), [])
    names.forEach((name, i) => {
      const found = errors.get(at(misuseFile(i))) ?? []
      assert.ok(
        found.some((line) => MISUSES[name]!.expect.test(line)),
        `${name} should fail with ${MISUSES[name]!.expect}, got:\n${found.join('\n') || '(compiles)'}`,
      )
    })
  })

  // docs/clients.md lists these names: they are what a user's code and editor will show.
  test('operations are named by their operationIds, components by their names', () => {
    const schema = readFileSync(at('schema.ts'), 'utf8')
    for (const name of ['root__get', 'read_item_items__item_id__get', 'create_item_items__post']) {
      assert.match(schema, new RegExp(`operations\\["${name}"\\]`))
    }
    for (const name of ['Item', 'Message', 'HTTPValidationError', 'ValidationError']) {
      assert.match(schema, new RegExp(`^        ${name}: \\{`, 'm'))
    }
  })

  test('a typed call reaches the app in-process and returns its data', async () => {
    const client = await loadClient(at('client.ts'))
    assert.deepEqual(await client.readRoot(client.helloClient(app.fetch)), {
      status: 200,
      data: { message: 'Hello World' },
    })
    const { data, error, response } = await client.readItem(client.helloClient(app.fetch), 'foo', 'hi')
    assert.equal(response.status, 200)
    assert.equal(error, undefined)
    assert.deepEqual(data, { item_id: 'foo', name: 'Foo', price: 50.2, q: 'hi', short: true })

    const created = await client.createItem(client.helloClient(app.fetch), { name: 'Typed', price: 4.5 })
    assert.deepEqual(created, {
      status: 201,
      data: { name: 'Typed', price: 4.5 },
      error: undefined,
      problems: undefined,
    })
  })

  test("a 422 comes back as `error` with FastAPI's detail array", async () => {
    const client = await loadClient(at('client.ts'))
    // Well typed, yet invalid: the constraints (min length, > 0) only exist at runtime.
    const result = await client.createItem(client.helloClient(app.fetch), { name: '', price: 0 })
    assert.equal(result.status, 422)
    assert.equal(result.data, undefined)
    assert.deepEqual(result.problems, [
      { loc: 'body.name', msg: 'String should have at least 1 character' },
      { loc: 'body.price', msg: 'Input should be greater than 0' },
    ])
    assert.deepEqual(
      result.error.detail.map((item: { type: string }) => item.type),
      ['string_too_short', 'greater_than'],
    )
  })
})
