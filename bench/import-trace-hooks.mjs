// Module customization hooks of import-trace.mjs (Node runs them on its loader thread): every URL
// the ES module loader resolves is appended to the file import-trace.mjs reads at exit. Appending
// synchronously before the hook returns means the file is complete once the import has finished.

import { appendFileSync } from 'node:fs'

let file

export function initialize(data) {
  file = data.file
}

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context)
  appendFileSync(file, `${result.url}\n`)
  return result
}
