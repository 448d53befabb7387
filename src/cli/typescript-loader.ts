import { createRequire } from 'node:module'
import { extname } from 'node:path'
import { pathToFileURL } from 'node:url'

const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx'])

/** Whether Node needs a loader to import this file. */
export function isTypeScript(file: string): boolean {
  return TYPESCRIPT_EXTENSIONS.has(extname(file))
}

/**
 * Lets the next `import()` load TypeScript, by importing tsx's entry point: the same file
 * `node --import tsx` runs, so modules load exactly as they would under tsx (`.js` specifiers that
 * name `.ts` files, tsconfig paths). Nothing is done when the process already runs under tsx.
 *
 * tsx is looked up from the module's own folder first, so the project's copy wins and one that
 * only the project installed is found (pnpm does not let Brisk see it); then beside Brisk.
 *
 * @returns false when tsx is installed in neither place; the caller then imports anyway (another
 *   loader, or Node's own type stripping, may handle it) and explains the failure if not.
 */
export async function registerTypeScriptLoader(moduleFile: string): Promise<boolean> {
  if (runsUnderTsx()) return true
  const entry = resolveTsx(moduleFile)
  if (entry === undefined) return false
  await import(entry)
  return true
}

// `--import tsx`, `tsx file.ts` (which starts Node with tsx's loader file) and NODE_OPTIONS all name
// tsx in the flags. Registering twice works too, but loads every file through two transforms.
function runsUnderTsx(): boolean {
  return /\btsx\b/.test([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))
}

function resolveTsx(moduleFile: string): string | undefined {
  for (const base of [moduleFile, import.meta.url]) {
    try {
      // tsx's "." export is one ESM file for every condition, so CommonJS resolution finds it too.
      return pathToFileURL(createRequire(base).resolve('tsx')).href
    } catch {
      // Not installed from this base; try the next.
    }
  }
  return undefined
}
