// Every example's OpenAPI document, in 3.1 and converted to 3.0.3, is valid for the OpenAPI
// schemas and lints clean with Redocly: what a client generator or a docs tool will be fed.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { App } from '../../src/index.js'
import { toOpenAPI30 } from '../../src/openapi/downgrade.js'
import { lintProblems, schemaErrors } from '../openapi/check-document.js'

const examples = readdirSync('examples', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

for (const name of examples) {
  describe(`examples/${name}: OpenAPI document`, async () => {
    const module = (await import(pathToFileURL(`examples/${name}/app.ts`).href)) as { app: App }
    const document = module.app.openapi()

    test('is valid OpenAPI 3.1', async () => {
      assert.deepEqual(await schemaErrors(document), [])
    })

    test('lints clean with Redocly', () => {
      assert.deepEqual(lintProblems(document), [])
    })

    test('converted to 3.0.3, is valid and lints clean', async () => {
      const converted = toOpenAPI30(document)
      assert.deepEqual(await schemaErrors(converted), [])
      assert.deepEqual(lintProblems(converted), [])
    })
  })
}
