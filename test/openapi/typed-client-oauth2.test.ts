// examples/oauth2-jwt through a client generated from its document, as a user would call it:
// log in at /token with the form the document describes, then call every protected operation
// with the bearer token. The client compiles under the project's strict options, each result's
// type is asserted where it is produced (expect-type), and each call succeeds against the app.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { app } from '../../examples/oauth2-jwt/app.js'
import { type GeneratedClient, loadClient, writeGeneratedClient } from './generated-client.js'
import { typeErrors } from './type-check.js'

const CLIENT = `import { expectTypeOf } from 'expect-type'
import createClient from 'openapi-fetch'
import type { components, paths } from './schema.js'

type Token = components['schemas']['Token']
type User = components['schemas']['User']
type LoginForm = paths['/token']['post']['requestBody']['content']['application/x-www-form-urlencoded']

export function oauthClient(fetch: (request: Request) => Promise<Response>) {
  return createClient<paths>({ baseUrl: 'http://oauth2.test', fetch })
}

export type OAuthClient = ReturnType<typeof oauthClient>

/** The password flow: the form's content type makes openapi-fetch send it urlencoded. */
export async function login(client: OAuthClient, form: LoginForm) {
  const { data, error, response } = await client.POST('/token', {
    body: form,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  })
  expectTypeOf(data).toEqualTypeOf<Token | undefined>()
  return { status: response.status, token: data?.access_token, tokenType: data?.token_type, error }
}

const bearer = (token: string) => ({ headers: { Authorization: \`Bearer \${token}\` } })

export async function readMe(client: OAuthClient, token: string) {
  const { data, response } = await client.GET('/users/me/', bearer(token))
  expectTypeOf(data).toEqualTypeOf<User | undefined>()
  // Nullable fields are typed so: reading them as strings must not compile without a check.
  const email: string | null | undefined = data?.email
  return { status: response.status, username: data?.username, email }
}

/** No response schema is declared for these two: their data is \`unknown\` until narrowed. */
export async function readOwnItems(client: OAuthClient, token: string) {
  const { data, response } = await client.GET('/users/me/items/', bearer(token))
  expectTypeOf(data).toEqualTypeOf<unknown>()
  return { status: response.status, data }
}

export async function readStatus(client: OAuthClient, token: string) {
  const { data, response } = await client.GET('/status/', bearer(token))
  expectTypeOf(data).toEqualTypeOf<unknown>()
  return { status: response.status, data }
}
`

describe('a typed client generated from examples/oauth2-jwt', () => {
  let generated: GeneratedClient | undefined
  const at = (name: string) => generated!.at(name)

  before(async () => {
    generated = await writeGeneratedClient(app.openapi(), { 'client.ts': CLIENT })
  })

  after(() => generated?.remove())

  test('type-checks strictly, with every result typed as the document says', () => {
    const errors = typeErrors([at('schema.ts'), at('client.ts')])
    assert.deepEqual(errors.get(at('schema.ts')), [])
    assert.deepEqual(errors.get(at('client.ts')), [])
  })

  test('logs in at /token, then calls every protected operation with the token', async () => {
    const module = await loadClient(at('client.ts'))
    const client = module.oauthClient(app.fetch)
    const login = await module.login(client, { username: 'johndoe', password: 'secret', scope: 'me items' })
    assert.equal(login.status, 200, JSON.stringify(login.error))
    assert.equal(login.tokenType, 'bearer')
    assert.match(login.token, /^[\w-]+\.[\w-]+\.[\w-]+$/)

    assert.deepEqual(await module.readMe(client, login.token), {
      status: 200,
      username: 'johndoe',
      email: 'johndoe@example.com',
    })
    assert.deepEqual(await module.readOwnItems(client, login.token), {
      status: 200,
      data: [{ item_id: 'Foo', owner: 'johndoe' }],
    })
    assert.deepEqual(await module.readStatus(client, login.token), { status: 200, data: { status: 'ok' } })
  })

  test('a wrong password comes back as `error`, not data', async () => {
    const module = await loadClient(at('client.ts'))
    const login = await module.login(module.oauthClient(app.fetch), {
      username: 'johndoe',
      password: 'wrong',
    })
    assert.equal(login.status, 400)
    assert.equal(login.token, undefined)
    assert.deepEqual(login.error, { detail: 'Incorrect username or password' })
  })
})
