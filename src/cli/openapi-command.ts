import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, extname, resolve } from 'node:path'
import { stringify } from 'yaml'
// The one import of openapi/ from outside app.ts (a house-rule exception): the app produces the
// version it was made with, and the 3.0 down-conversion, a pure function over that JSON, is not
// in the public API yet.
import { toOpenAPI30 } from '../openapi/downgrade.js'
import {
  GLOBAL_OPTIONS,
  GLOBAL_OPTIONS_HELP,
  onlyModule,
  parseChoice,
  parseCommandArgs,
  parseInteger,
} from './args.js'
import { CliError } from './cli-error.js'
import type { Command } from './command.js'
import { describeError } from './describe-error.js'
import { type LoadedApp, loadApp } from './load-app.js'
import { reserveStdoutForOutput } from './reserve-stdout.js'
import { UsageError } from './usage-error.js'

const FORMATS = ['json', 'yaml'] as const
const VERSIONS = ['3.1.0', '3.2.0', '3.0.3'] as const

interface OutputSettings {
  format: (typeof FORMATS)[number]
  /** Undefined: the version the app is made with (its `openapiVersion`). */
  version: (typeof VERSIONS)[number] | undefined
  indent: number
  output: string | undefined
}

/** `brisk openapi <module>`: the app's OpenAPI document on stdout or in a file, for CI and client generators. */
export const openapiCommand: Command = {
  name: 'openapi',
  usage: 'openapi <module>',
  summary: "print the app's OpenAPI document (JSON or YAML)",
  help: `Usage: brisk openapi <module> [options]

Prints the OpenAPI document of the Brisk app that <module> exports, for CI checks and client
generators. Same document as the app serves at /openapi.json.

Options:
  --app <name>               the export holding the app (default: "app", then the default export)
  --format <json|yaml>       default: json, or yaml when --output ends in .yaml or .yml
  --openapi-version <v>      the app's openapiVersion (default), or 3.0.3 for generators
                             that cannot read 3.1; 3.1.0 or 3.2.0 must match the app's
  -o, --output <file>        write the document to <file> instead of stdout
  --indent <n>               spaces per level, default 2 (0 prints JSON on one line)
${GLOBAL_OPTIONS_HELP}

Examples:
  brisk openapi src/app.ts > openapi.json
  brisk openapi src/app.ts --openapi-version 3.0.3 -o openapi.yaml
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...GLOBAL_OPTIONS,
        app: { type: 'string' },
        format: { type: 'string' },
        'openapi-version': { type: 'string' },
        output: { type: 'string', short: 'o' },
        indent: { type: 'string' },
      },
    })
    const module = onlyModule('openapi', positionals)
    // Every option is checked before the module is imported: a typo must not run the user's code.
    const settings = outputSettings(values)
    reserveStdoutForOutput()
    const app = await loadApp(module, { cwd: io.cwd, exportName: values.app })
    const text = serialize(generate(app, module, settings.version), settings)
    if (settings.output === undefined) await io.out(text)
    else await writeDocument(resolve(io.cwd, settings.output), settings.output, text)
  },
}

function outputSettings(values: {
  format?: string | undefined
  'openapi-version'?: string | undefined
  output?: string | undefined
  indent?: string | undefined
}): OutputSettings {
  const output = values.output
  const yamlFile = output !== undefined && ['.yaml', '.yml'].includes(extname(output).toLowerCase())
  const format = parseChoice('format', values.format, FORMATS) ?? (yamlFile ? 'yaml' : 'json')
  const version = parseChoice('openapi-version', values['openapi-version'], VERSIONS)
  const indent = parseInteger('indent', values.indent, { min: 0, max: 10 }) ?? 2
  // YAML has no one-line layout (the yaml package refuses an indent of 0).
  if (format === 'yaml' && indent === 0) throw new UsageError('--indent must be at least 1 for YAML.')
  return { format, version, indent, output }
}

function generate(
  app: LoadedApp,
  module: string,
  version: OutputSettings['version'],
): Record<string, unknown> {
  try {
    const document = app.openapi() as unknown as Record<string, unknown>
    if (version === '3.0.3') return toOpenAPI30(document)
    if (version !== undefined && version !== document.openapi) {
      // 3.1 and 3.2 describe streams differently; the app generates the one it is made with.
      throw new UsageError(
        `${module} makes an OpenAPI ${String(document.openapi)} document; for ${version}, give its App openapiVersion: '${version}'.`,
      )
    }
    return document
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new CliError(`Generating the OpenAPI document of ${module} failed: ${describeError(error)}`, {
      cause: error,
    })
  }
}

function serialize(document: Record<string, unknown>, settings: OutputSettings): string {
  if (settings.format === 'json') return `${JSON.stringify(document, null, settings.indent)}\n`
  // The document shares objects (one schema referenced from several places): written as YAML
  // anchors and aliases by default, which several OpenAPI tools reject. lineWidth 0: no folding,
  // so a changed description changes one line of a committed file.
  return stringify(document, { indent: settings.indent, aliasDuplicateObjects: false, lineWidth: 0 })
}

async function writeDocument(file: string, label: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, text)
  } catch (error) {
    throw new CliError(`Cannot write ${label}: ${describeError(error)}`, { cause: error })
  }
}
