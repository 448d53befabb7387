import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs'
import { basename, extname, join, relative, sep } from 'node:path'

/** Folders never watched: installed packages, history, build output, data. */
const IGNORED_DIRECTORIES = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.data'])
/** The files whose change restarts the server: code, JSON, and `.env` files. */
const WATCHED_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.json'])
/** Changes this close together (an editor's save, a `git checkout`) restart once. */
const DEBOUNCE_MS = 100

/** A watch that can be stopped. */
export interface FileWatch {
  close(): void
}

/**
 * Calls `onChange` with the changed files (relative to `root`) after code under `root` changes,
 * debounced. `root` itself is watched alone and each of its folders recursively (`fs.watch`, which
 * is recursive on Linux since Node 20), leaving out `node_modules`, `.git`, `dist` and the other
 * ignored folders: a recursive watch of the root would put one watch on every folder of
 * `node_modules`. A folder created later under `root` is watched from then on.
 */
export function watchFiles(root: string, onChange: (files: string[]) => void): FileWatch {
  const watchers = new Map<string, FSWatcher>()
  let changed = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const note = (directory: string, name: string | null) => {
    if (name === null) return
    const file = join(directory, name)
    if (!isWatched(file, root)) return
    changed.add(relative(root, file))
    clearTimeout(timer)
    timer = setTimeout(() => {
      const files = [...changed]
      changed = new Set()
      onChange(files)
    }, DEBOUNCE_MS)
  }
  const watchFolder = (folder: string) => {
    if (watchers.has(folder) || IGNORED_DIRECTORIES.has(basename(folder))) return
    const watcher = watch(folder, { recursive: true }, (_, name) => note(folder, name))
    // A watched folder that is deleted (or renamed away) ends its watch; a new one is watched anew.
    watcher.on('error', () => {
      watcher.close()
      watchers.delete(folder)
    })
    watchers.set(folder, watcher)
  }
  watchers.set(
    root,
    watch(root, (_, name) => {
      if (name === null) return
      const path = join(root, name)
      if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) watchFolder(path)
      else note(root, name)
    }),
  )
  for (const entry of readdirSync(root, { withFileTypes: true }))
    if (entry.isDirectory()) watchFolder(join(root, entry.name))
  return {
    close() {
      clearTimeout(timer)
      for (const watcher of watchers.values()) watcher.close()
    },
  }
}

function isWatched(file: string, root: string): boolean {
  const parts = relative(root, file).split(sep)
  if (parts.some((part) => IGNORED_DIRECTORIES.has(part))) return false
  const name = parts.at(-1) ?? ''
  return name === '.env' || name.startsWith('.env.') || WATCHED_EXTENSIONS.has(extname(name))
}
