// Every example's OpenAPI document and the contract test's fixture app's, in 3.1 and converted
// to 3.0.3 (what `openapiVersion: '3.0.3'` serves), is valid for the OpenAPI schemas and lints
// clean with Redocly: what a client generator or a docs tool will be fed.
import assert from 'node:assert/strict'
import { existsSync, readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { App } from '../../src/index.js'
import { toOpenAPI30 } from '../../src/openapi/downgrade.js'
import { lintProblems, schemaErrors } from '../openapi/check-document.js'

const apps = [
  ...readdirSync('examples', { withFileTypes: true })
    // examples/shared holds what several examples use, no app of its own.
    .filter((entry) => entry.isDirectory() && existsSync(`examples/${entry.name}/app.ts`))
    .map((entry) => ({ name: `examples/${entry.name}`, module: `examples/${entry.name}/app.ts` })),
  { name: 'test/contract/fixture-app', module: 'test/contract/fixture-app.ts' },
]

for (const { name, module } of apps) {
  describe(`${name}: OpenAPI document`, async () => {
    // An example exports its `app`, or `createApp()` when the app is made from settings.
    const exports = (await import(pathToFileURL(module).href)) as { app?: App; createApp?: () => App }
    const app = exports.app ?? exports.createApp!()
    const document = app.openapi()
    const converted = toOpenAPI30(document)

    test('is valid OpenAPI 3.1', async () => {
      const errors = (await schemaErrors(document)).map(describeSchemaError)
      assert.deepEqual(errors, [])
    })

    test('lints clean with Redocly', () => {
      assert.deepEqual(lintProblems(document), [])
    })

    test('converted to 3.0.3, is valid and lints clean', async () => {
      const errors = (await schemaErrors(converted)).map(describeSchemaError)
      assert.deepEqual(errors, [])
      assert.deepEqual(lintProblems(converted), [])
    })
  })
}

function describeSchemaError(error: unknown): string {
  const { instancePath, message } = error as { instancePath?: string; message?: string }
  return `${instancePath ?? '?'}: ${message ?? JSON.stringify(error)}`
}
