import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { App } from '../index.js'
import { CliError } from './cli-error.js'
import { describeError } from './describe-error.js'
import { importModule } from './import-module.js'
import { isTypeScript, registerTypeScriptLoader } from './typescript-loader.js'

/** The parts of an `App` the commands use. */
export type LoadedApp = Pick<App, 'openapi' | 'routes'> & Partial<Pick<App, 'websocketRoutes'>>

/** How `loadApp` finds the module and the app in it. */
export interface LoadAppOptions {
  /** The directory a relative module path starts from. */
  cwd: string
  /** The export holding the app (`--app`); by default `app`, then the default export. */
  exportName?: string | undefined
}

/** Exports tried, in order, when no `--app` is given. */
const DEFAULT_EXPORTS = ['app', 'default'] as const

/**
 * Imports a user's module and returns the Brisk app it exports: the `exportName` export, else
 * `app`, else the default export. A TypeScript module is loaded through tsx (see
 * `typescript-loader.ts`). Importing runs the module's top-level code, so the module should only
 * build and export the app and leave `app.listen()` to a separate entry file.
 *
 * @throws CliError when the file is missing, its import throws, or no export is a Brisk app
 */
export async function loadApp(modulePath: string, options: LoadAppOptions): Promise<LoadedApp> {
  const file = resolve(options.cwd, modulePath)
  if (!isFile(file)) throw new CliError(`Cannot find the module ${modulePath} (looked for ${file}).`)
  const module = await importFile(file, modulePath)
  return pickApp(module, modulePath, options.exportName)
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() ?? false
}

async function importFile(file: string, label: string): Promise<Record<string, unknown>> {
  const typescript = isTypeScript(file)
  if (typescript) await registerTypeScriptLoader(file)
  try {
    return await importModule(pathToFileURL(file).href, label)
  } catch (error) {
    if (error instanceof CliError) throw error
    if (typescript && (error as { code?: unknown }).code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new CliError(
        `${label} is TypeScript and no TypeScript loader is available: install tsx (npm install --save-dev tsx) or point at compiled JavaScript.`,
        { cause: error },
      )
    }
    throw new CliError(`Importing ${label} failed: ${describeError(error)}`, { cause: error })
  }
}

function pickApp(module: Record<string, unknown>, label: string, exportName: string | undefined): LoadedApp {
  if (exportName !== undefined) {
    if (!(exportName in module)) {
      throw new CliError(`${label} has no export named "${exportName}"; it exports ${listExports(module)}.`)
    }
    return checkApp(module[exportName], exportName, label)
  }
  const found = DEFAULT_EXPORTS.filter((name) => module[name] !== undefined)
  const app = found.find((name) => isApp(module[name]))
  if (app !== undefined) return module[app] as LoadedApp
  if (found[0] !== undefined) return checkApp(module[found[0]], found[0], label)
  throw new CliError(
    `${label} exports no app: export it as "app" or as the default export, or name the export with --app (it exports ${listExports(module)}).`,
  )
}

function checkApp(value: unknown, name: string, label: string): LoadedApp {
  if (isApp(value)) return value
  const hint = typeof value === 'function' ? ': export the app itself, not a function that makes one' : ''
  throw new CliError(
    `The export "${name}" of ${label} is not a Brisk App (it is ${describeValue(value)})${hint}.`,
  )
}

// By shape, not `instanceof App`: the user's module imports Brisk from its own install (the
// `brisk` package, or `src/` under tsx) while this CLI may be another copy, and classes from two
// copies are never `instanceof` each other. `routes` is checked without calling its getter.
function isApp(value: unknown): value is LoadedApp {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { openapi?: unknown }).openapi === 'function' &&
    'routes' in value
  )
}

function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value !== 'object') return `a ${typeof value}`
  const name = (value as object).constructor?.name
  return name && name !== 'Object' ? `a ${name}` : 'a plain object'
}

function listExports(module: Record<string, unknown>): string {
  const names = Object.keys(module)
  return names.length === 0 ? 'nothing' : names.join(', ')
}
