/**
 * Whether a function might read its `scopes`. Errs towards yes: a permission check keyed apart
 * per scope set costs a second call, while one shared across scope sets would let a request skip
 * it. It cannot read them when it takes no argument, or destructures its argument without naming
 * `scopes` and without a rest element; anything else (a named argument that may be handed to a
 * helper, `arguments`, native or bound code, source this cannot parse) counts as reading them.
 */
export function mayReadScopes(fn: Function): boolean {
  const source = Function.prototype.toString.call(fn)
  if (source.includes('[native code]') || /\barguments\b/.test(source)) return true
  const first = firstParameter(source)
  if (first === undefined) return true
  if (first === '') return false
  if (!first.startsWith('{')) return true
  return /\bscopes\b/.test(first) || first.includes('...')
}

const ARROW_WITH_BARE_PARAMETER = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/

/**
 * The source of a function's first parameter (trimmed; '' for none), or undefined when it cannot
 * be read with confidence. Brackets are matched and string literals skipped, so defaults such as
 * `({ a = f(1) }) =>` parse.
 */
function firstParameter(source: string): string | undefined {
  const bare = ARROW_WITH_BARE_PARAMETER.exec(source)
  if (bare !== null) return bare[1]
  const open = source.indexOf('(')
  if (open === -1) return undefined
  let depth = 0
  let start = open + 1
  for (let index = open; index < source.length; index++) {
    const char = source[index]!
    if (char === '"' || char === "'" || char === '`') {
      index = skipString(source, index)
      if (index === -1) return undefined
    } else if (char === '(' || char === '{' || char === '[') depth++
    else if (char === ')' || char === '}' || char === ']') {
      depth--
      if (depth === 0) return source.slice(start, index).trim()
    } else if (char === ',' && depth === 1) return source.slice(start, index).trim()
    if (index === open) start = open + 1
  }
  return undefined
}

/** The index of the quote that closes the string literal opening at `start`, or -1. */
function skipString(source: string, start: number): number {
  const quote = source[start]
  for (let index = start + 1; index < source.length; index++) {
    if (source[index] === '\\') index++
    else if (source[index] === quote) return index
  }
  return -1
}
