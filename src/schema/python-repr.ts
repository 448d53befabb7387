/**
 * Formats values the way Pydantic's messages print them (Python's `repr`): strings in single
 * quotes, `True`/`False`/`None`, numbers bare. FastAPI clients match on these messages.
 */
export function pythonRepr(value: unknown): string {
  if (typeof value === 'string') {
    // Python switches to double quotes when the text holds a single quote and no double quote.
    if (value.includes("'") && !value.includes('"')) return `"${value}"`
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
  }
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (value === null || value === undefined) return 'None'
  return String(value)
}

/** Pydantic's list of expected values: `'a'`, `'a' or 'b'`, `'a', 'b' or 'c'`. */
export function expectedList(values: readonly unknown[]): string {
  const parts = values.map(pythonRepr)
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`
}

/** A constraint bound as JSON can carry it: bigints become numbers when exact, else strings. */
export function jsonBound(value: unknown): unknown {
  if (typeof value === 'bigint') {
    const n = Number(value)
    return Number.isSafeInteger(n) ? n : value.toString()
  }
  if (value instanceof Date) return value.toISOString()
  return value
}
