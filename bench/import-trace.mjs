// Lists the modules an import loads. Preload it into a node process:
//
//   node --import ./bench/import-trace.mjs -e "import('brisk')"      (from the repo root)
//
// A resolve hook (import-trace-hooks.mjs, run by Node on its loader thread) appends every URL the
// ES module loader resolves to a temporary file; CommonJS modules, which a `require` inside a
// package loads without that hook on Node 20, are read from the CommonJS cache at exit. At exit one
// line `IMPORT_TRACE {json}` goes to stderr: module counts and, per node_modules package, its
// modules and bytes of source. bench/cold-import.mjs runs this once and prints the summary.

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire, register } from 'node:module'
import { tmpdir } from 'node:os'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = mkdtempSync(join(tmpdir(), 'import-trace-'))
const file = join(dir, 'resolved.txt')
register('./import-trace-hooks.mjs', import.meta.url, { data: { file } })

/** The package a file belongs to: the path segment(s) after its last node_modules/. */
function packageOf(path) {
  const at = path.lastIndexOf(`${sep}node_modules${sep}`)
  if (at === -1) return undefined
  const [first, second] = path.slice(at + 14).split(sep)
  return first.startsWith('@') ? `${first}/${second}` : first
}

process.on('exit', () => {
  let lines = []
  try {
    lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
  } catch {}
  rmSync(dir, { recursive: true, force: true })
  const builtins = new Set()
  const files = new Set()
  for (const url of lines) {
    if (url.startsWith('node:')) builtins.add(url)
    else if (url.startsWith('file:')) files.add(fileURLToPath(url))
  }
  for (const path of Object.keys(createRequire(import.meta.url).cache)) files.add(path)
  files.delete(fileURLToPath(import.meta.url))
  const packages = {}
  let own = 0
  let ownBytes = 0
  for (const path of files) {
    let bytes = 0
    try {
      bytes = statSync(path).size
    } catch {}
    const name = packageOf(path)
    if (name === undefined) {
      own++
      ownBytes += bytes
      continue
    }
    packages[name] ??= { modules: 0, bytes: 0 }
    packages[name].modules++
    packages[name].bytes += bytes
  }
  const summary = {
    modules: files.size,
    builtins: [...builtins].sort(),
    outside_node_modules: { modules: own, bytes: ownBytes },
    packages: Object.fromEntries(Object.entries(packages).sort((a, b) => b[1].bytes - a[1].bytes)),
  }
  process.stderr.write(`IMPORT_TRACE ${JSON.stringify(summary)}\n`)
})
