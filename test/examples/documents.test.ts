// Every example's OpenAPI document and the contract test's fixture app's, in 3.1 and converted
// to 3.0.3 (what `openapiVersion: '3.0.3'` serves), is valid for the OpenAPI schemas and lints
// clean with Redocly: what a client generator or a docs tool will be fed. Problems another item
// of issue 12 is fixing are listed in test/contract/known-gaps.ts and tolerated only where listed.
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { describe, test } from 'node:test'
import { pathToFileURL } from 'node:url'
import type { App } from '../../src/index.js'
import { toOpenAPI30 } from '../../src/openapi/downgrade.js'
import { KNOWN_DOCUMENT_GAPS, type KnownDocumentGap } from '../contract/known-gaps.js'
import { lintProblems, schemaErrors } from '../openapi/check-document.js'

const apps = [
  ...readdirSync('examples', { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ name: `examples/${entry.name}`, module: `examples/${entry.name}/app.ts` })),
  { name: 'test/contract/fixture-app', module: 'test/contract/fixture-app.ts' },
]

for (const { name, module } of apps) {
  describe(`${name}: OpenAPI document`, async () => {
    const { app } = (await import(pathToFileURL(module).href)) as { app: App }
    const document = app.openapi()
    const converted = toOpenAPI30(document)

    test('is valid OpenAPI 3.1', async () => {
      const errors = (await schemaErrors(document)).map(describeSchemaError)
      assertOnlyGaps(errors, gapsOf(name, '3.1.0', 'schema'))
    })

    test('lints clean with Redocly', () => {
      assertOnlyGaps(lintProblems(document), gapsOf(name, '3.1.0', 'lint'))
    })

    test('converted to 3.0.3, is valid and lints clean', async () => {
      const errors = (await schemaErrors(converted)).map(describeSchemaError)
      assertOnlyGaps(errors, gapsOf(name, '3.0.3', 'schema'))
      assertOnlyGaps(lintProblems(converted), gapsOf(name, '3.0.3', 'lint'))
    })
  })
}

function gapsOf(app: string, openapi: string, check: string): KnownDocumentGap[] {
  return KNOWN_DOCUMENT_GAPS.filter(
    (gap) => gap.app === app && gap.openapi === openapi && gap.check === check,
  )
}

/** `problems` are all under a known gap's pointer, and every known gap still shows. */
function assertOnlyGaps(problems: string[], gaps: KnownDocumentGap[]): void {
  const under = (problem: string, gap: KnownDocumentGap) =>
    problem.includes(`${gap.pointer}:`) || problem.includes(`${gap.pointer}/`)
  assert.deepEqual(
    problems.filter((problem) => !gaps.some((gap) => under(problem, gap))),
    [],
  )
  const stale = gaps.filter((gap) => !problems.some((problem) => under(problem, gap)))
  assert.deepEqual(stale, [], 'known gaps no longer seen: delete them from test/contract/known-gaps.ts')
}

function describeSchemaError(error: unknown): string {
  const { instancePath, message } = error as { instancePath?: string; message?: string }
  return `${instancePath ?? '?'}: ${message ?? JSON.stringify(error)}`
}
