import type { StandardSchemaV1 } from '@standard-schema/spec'

/** A location inside a validated value: object keys and array indexes, as FastAPI's `loc` lists them. */
export type ValuePath = (string | number)[]

/**
 * Turns a Standard Schema issue path (keys, or `{ key }` segments, possibly symbols) into plain
 * keys. Symbols cannot appear in JSON, so they are written as their description.
 */
export function normalizePath(path: StandardSchemaV1.Issue['path']): ValuePath {
  if (path === undefined || path.length === 0) return []
  const out: ValuePath = []
  for (const segment of path) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment
    out.push(typeof key === 'symbol' ? (key.description ?? '') : (key as string | number))
  }
  return out
}

/** The value found at `path` inside `root`, or undefined when any step is missing. */
export function valueAt(root: unknown, path: readonly (string | number)[], length = path.length): unknown {
  let current = root
  for (let i = 0; i < length; i++) {
    if (current === null || typeof current !== 'object') return undefined
    const key = path[i]!
    current = current instanceof Map ? current.get(key) : (current as Record<string | number, unknown>)[key]
  }
  return current
}

/** Writes `value` at `path` inside `root`, which the caller owns (a structured clone). */
export function writeAt(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value
  const parent = valueAt(root, path, path.length - 1)
  if (parent !== null && typeof parent === 'object') {
    ;(parent as Record<string | number, unknown>)[path[path.length - 1]!] = value
  }
  return root
}
