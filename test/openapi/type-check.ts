// Type-checks files outside the project (generated code in a temp dir) with the project's own
// compiler options, so "it compiles" means what `npm run typecheck` means.
import { dirname, resolve } from 'node:path'
import ts from 'typescript'

const PROJECT = resolve(import.meta.dirname, '../..')

/** The project's tsconfig options, minus `rootDir`/`outDir`: the files checked live elsewhere. */
function projectOptions(): ts.CompilerOptions {
  const configPath = resolve(PROJECT, 'tsconfig.json')
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile)
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, dirname(configPath))
  // Without this, every file outside the repo would be TS6059 "not under rootDir".
  const { rootDir: _rootDir, outDir: _outDir, ...rest } = options
  return { ...rest, noEmit: true }
}

/**
 * Compiles `files` together in one program and returns each file's errors as
 * `TS<code>: <message>` lines (an empty list means it type-checks). `options` add to the
 * project's (`paths`, to import the source as `brisk`).
 */
export function typeErrors(
  files: readonly string[],
  options: ts.CompilerOptions = {},
): Map<string, string[]> {
  const program = ts.createProgram(files, { ...projectOptions(), ...options })
  const global = program.getOptionsDiagnostics().concat(program.getGlobalDiagnostics())
  if (global.length > 0) throw new Error(ts.formatDiagnostics(global, formatHost))
  const errors = new Map<string, string[]>()
  for (const file of files) {
    const source = program.getSourceFile(file)
    if (source === undefined) throw new Error(`${file} is not in the program`)
    const diagnostics = ts.getPreEmitDiagnostics(program, source)
    errors.set(
      file,
      diagnostics.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`),
    )
  }
  return errors
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => PROJECT,
  getNewLine: () => '\n',
}
