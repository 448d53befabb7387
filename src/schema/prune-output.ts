/** What `pruneOutput` leaves out of a schema's output. */
export interface PruneOptions {
  /** Drop fields the input did not contain (defaults the schema filled in): Pydantic's `exclude_unset`. */
  excludeUnset: boolean
  /** Drop fields whose value is `null`: Pydantic's `exclude_none`. */
  excludeNone: boolean
}

/**
 * A schema's output with fields left out, walking output and input side by side through nested
 * plain objects and arrays; any other value (a `Date`, a class instance) is kept whole. Fields
 * are matched by name, so a transform that renames them loses the renamed ones under
 * `excludeUnset`. Used for `responseExcludeUnset` and for a handler's `sentBody`.
 */
export function pruneOutput(output: unknown, input: unknown, options: PruneOptions): unknown {
  if (Array.isArray(output)) {
    const items = Array.isArray(input) ? input : []
    return output.map((item, index) => pruneOutput(item, items[index], options))
  }
  if (output === null || typeof output !== 'object' || Object.getPrototypeOf(output) !== Object.prototype) {
    return output
  }
  const source = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : undefined
  const pruned: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(output)) {
    if (options.excludeUnset && (source === undefined || !(key in source))) continue
    if (options.excludeNone && item === null) continue
    pruned[key] = pruneOutput(item, source?.[key], options)
  }
  return pruned
}

/** Values `pruneOutput` keeps whole rather than walking into. */
type Opaque =
  | Date
  | RegExp
  | Map<unknown, unknown>
  | Set<unknown>
  | Uint8Array
  | ((...args: never[]) => unknown)

/**
 * A parsed value with only the fields the client sent: every object field optional, at every
 * depth (what `pruneOutput` with `excludeUnset` leaves of it).
 */
export type SentFields<T> = T extends Opaque
  ? T
  : T extends readonly unknown[]
    ? { [K in keyof T]: SentFields<T[K]> }
    : T extends object
      ? { [K in keyof T]?: SentFields<T[K]> }
      : T
