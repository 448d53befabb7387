// A temp dir holding what a user generates from an app's document: openapi-typescript's
// `schema.ts` and the client modules written against it, with the repo's packages linked in so
// they compile and import openapi-fetch. Nothing generated goes into the repo.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'

/** Files generated and written for one document. */
export interface GeneratedClient {
  /** The path of a file in the temp dir. */
  at(name: string): string
  /** Removes the temp dir. */
  remove(): void
}

/** Writes `schema.ts` generated from `document`, and `files` (name → source) beside it. */
export async function writeGeneratedClient(
  document: object,
  files: Record<string, string>,
): Promise<GeneratedClient> {
  const dir = mkdtempSync(join(tmpdir(), 'brisk-typed-client-'))
  const at = (name: string) => join(dir, name)
  // The generated modules import openapi-fetch and are ESM: give them the repo's packages.
  symlinkSync(resolve(import.meta.dirname, '../../node_modules'), at('node_modules'), 'junction')
  writeFileSync(at('package.json'), '{ "type": "module" }\n')
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0])
  writeFileSync(at('schema.ts'), astToString(ast))
  for (const [name, source] of Object.entries(files)) writeFileSync(at(name), source)
  return { at, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A generated client module, loaded through tsx (its types are checked separately). */
export async function loadClient(file: string): Promise<any> {
  return import(pathToFileURL(file).href)
}
