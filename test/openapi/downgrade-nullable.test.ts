// A nullable reference is what most apps have (`owner: User.nullable()`), and 3.0.3 has no way to
// put `nullable` on a `$ref`: the converted document must still be read as "User or null" by the
// OpenAPI 3.0 schema, by Redocly's recommended rules (nullable-type-sibling) and by a generator.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import openapiTS, { astToString } from 'openapi-typescript'
import { z } from 'zod'
import { App, TestClient } from '../../src/index.js'
import { lintProblems, schemaErrors } from './check-document.js'

const User = z.object({ name: z.string() }).meta({ id: 'User' })
const Role = z.enum(['admin', 'member']).meta({ id: 'Role' })
const Cat = z.object({ kind: z.literal('cat') }).meta({ id: 'Cat' })
const Dog = z.object({ kind: z.literal('dog') }).meta({ id: 'Dog' })
const Team = z
  .object({
    owner: User.nullable(),
    deputy: User.nullable().default(null).describe('Who stands in'),
    role: Role.nullable(),
    pet: z.discriminatedUnion('kind', [Cat, Dog]).nullable(),
    lead: z.union([User, z.string()]).nullable(),
    archived: z.null(),
  })
  .meta({ id: 'Team' })

async function convertedDocument(): Promise<Record<string, unknown>> {
  const app = new App({
    title: 'Teams',
    version: '1.0.0',
    license: { name: 'MIT', identifier: 'MIT' },
    openapiVersion: '3.0.3',
  })
  app.post('/teams/', { body: Team, response: Team }, function create_team({ body }) {
    return body
  })
  return (await new TestClient(app).get('/openapi.json')).json() as Record<string, unknown>
}

describe('3.0.3: nullable references', () => {
  test('the document is valid OpenAPI 3.0 and lints clean with Redocly', async () => {
    const document = await convertedDocument()
    assert.equal(document.openapi, '3.0.3')
    assert.deepEqual(await schemaErrors(document), [])
    assert.deepEqual(lintProblems(document), [])
  })

  test('openapi-typescript reads each nullable field as its type or null', async () => {
    const types = astToString(await openapiTS((await convertedDocument()) as never))
    const team = /Team: \{([\s\S]*?)\n {8}\};/.exec(types)?.[1] ?? ''
    const field = (name: string) =>
      new RegExp(`\\b${name}\\??: (.*);`).exec(team)?.[1]?.replaceAll(/[()]/g, '')
    assert.equal(field('owner'), 'components["schemas"]["User"] | null')
    assert.equal(field('deputy'), 'components["schemas"]["User"] | null')
    assert.equal(field('role'), 'components["schemas"]["Role"] | null')
    assert.equal(field('pet'), 'components["schemas"]["Cat"] | components["schemas"]["Dog"] | null')
    assert.equal(field('lead'), 'components["schemas"]["User"] | string | null')
    assert.equal(field('archived'), 'null')
  })
})
