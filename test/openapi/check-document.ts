// Checks a generated OpenAPI document the way its consumers would: against the OpenAPI JSON
// Schemas (@seriousme/openapi-schema-validator) and with Redocly's linter (test/openapi/redocly.yaml).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'

/** The schema validator's complaints; empty when the document is valid for its `openapi` version. */
export async function schemaErrors(document: object): Promise<unknown[]> {
  const result = await new Validator().validate(structuredClone(document) as never)
  return result.valid ? [] : ((result.errors as unknown[] | undefined) ?? ['invalid'])
}

interface LintProblem {
  ruleId: string
  severity: string
  message: string
  location?: { pointer?: string }[]
}

/** Redocly's errors and warnings for `document`, as `rule at pointer: message` lines. */
export function lintProblems(document: object): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'brisk-lint-'))
  try {
    const file = join(dir, 'openapi.json')
    writeFileSync(file, JSON.stringify(document))
    const run = spawnSync(
      process.execPath,
      [
        'node_modules/@redocly/cli/bin/cli.js',
        'lint',
        '--config',
        'test/openapi/redocly.yaml',
        '--format=json',
        file,
      ],
      {
        encoding: 'utf8',
        // No telemetry or update check: the tests must not touch the network.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    )
    const start = run.stdout.indexOf('{')
    if (start < 0) throw new Error(`redocly printed no report: ${run.stderr}`)
    const report = JSON.parse(run.stdout.slice(start)) as { problems: LintProblem[] }
    return report.problems.map(
      (p) => `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer ?? '?'}: ${p.message}`,
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
