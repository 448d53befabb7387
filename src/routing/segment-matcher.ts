/**
 * Matches a decoded path against a template whose parameters each fill a whole segment
 * (`/users/{user_id}/items/{item_id}`, optionally ending in `{rest:path}`) without a regular
 * expression: literal runs are compared with `startsWith` and a parameter runs to the next `/`.
 * A regex `exec` allocates a match array and its groups on every request; this allocates only the
 * params object, and is what most routes use. Other templates (`/files/{name}.txt`) keep the regex.
 */
export type SegmentMatcher = (path: string) => Record<string, string> | undefined

interface Part {
  /** The literal text before this parameter (or the trailing literal when `name` is undefined). */
  readonly literal: string
  readonly name: string | undefined
  /** True for `{name:path}`: takes the rest of the path, slashes included. */
  readonly rest: boolean
}

/**
 * Builds the matcher, or returns undefined when the template needs the regex (a parameter that
 * shares its segment with literal text, or a `{name:path}` that is not last).
 */
export function compileSegmentMatcher(source: string, names: readonly string[]): SegmentMatcher | undefined {
  const parts: Part[] = []
  let last = 0
  for (const match of source.matchAll(/\{([^{}:]*)(?::([a-z]+))?\}/g)) {
    const literal = source.slice(last, match.index)
    const end = match.index + match[0].length
    const rest = match[2] === 'path'
    const next = source[end]
    if (!literal.endsWith('/')) return undefined
    if (rest ? end !== source.length : next !== undefined && next !== '/') return undefined
    parts.push({ literal, name: match[1], rest })
    last = end
  }
  if (parts.length !== names.length) return undefined
  const tail = source.slice(last)
  return (path) => {
    let at = 0
    // A plain object: names come from the template (never `__proto__`, which compilePath refuses),
    // and V8 keeps plain objects in fast mode where null-prototype ones become dictionaries.
    const params: Record<string, string> = {}
    for (const part of parts) {
      if (!path.startsWith(part.literal, at)) return undefined
      at += part.literal.length
      if (part.rest) {
        params[part.name!] = path.slice(at)
        return tail === '' ? params : undefined
      }
      const slash = path.indexOf('/', at)
      const end = slash === -1 ? path.length : slash
      if (end === at) return undefined // `{name}` needs at least one character
      params[part.name!] = path.slice(at, end)
      at = end
    }
    return path.length - at === tail.length && path.endsWith(tail) ? params : undefined
  }
}
