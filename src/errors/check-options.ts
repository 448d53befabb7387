import { ConfigError } from './config-error.js'

/** The option names an options object may have: `{ name: true }` for each, checked against its type. */
export type KnownOptions<T> = { readonly [K in keyof Required<T>]: true }

/**
 * Refuses an options object with a key its type does not declare: a misspelt option (`deps` for
 * `dependencies`) would otherwise do nothing and say nothing, for JavaScript callers and for
 * TypeScript ones passing a widened object. The message names the key and the nearest valid one.
 * `planned` maps names of features not built yet to what to say about them.
 *
 * @example
 * checkOptions('new Router()', options, ROUTER_OPTIONS) // ConfigError: Unknown option "deps" … did you mean "dependencies"?
 */
export function checkOptions(
  where: string,
  options: object | undefined,
  known: Readonly<Record<string, true>>,
  planned: Readonly<Record<string, string>> = {},
): void {
  if (options === undefined || options === null) return
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(`${where} takes an object of options, got ${describe(options)}.`)
  }
  for (const key of Object.keys(options)) {
    if (Object.hasOwn(known, key)) continue
    const note = Object.hasOwn(planned, key) ? planned[key] : undefined
    if (note !== undefined) throw new ConfigError(`Option "${key}" of ${where} is not available yet: ${note}`)
    const nearest = nearestName(key, Object.keys(known))
    const hint = nearest === undefined ? '' : ` Did you mean "${nearest}"?`
    throw new ConfigError(
      `Unknown option "${key}" for ${where}.${hint} The options are: ${Object.keys(known).join(', ')}.`,
    )
  }
}

/** Refuses an option that must be `true` or `false` (or left out) but is something else. */
export function checkFlag(where: string, name: string, value: unknown): void {
  if (value === undefined || typeof value === 'boolean') return
  throw new ConfigError(
    `Option "${name}" of ${where} is true or false, got ${JSON.stringify(value) ?? typeof value}.`,
  )
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value
}

/**
 * The valid name a mistyped one most likely meant: one sharing its first three letters or more
 * (`deps` → `dependencies`, the longest shared start wins), else one within a few edits
 * (`bodylimit` → `bodyLimit`, `sumary` → `summary`), else none.
 */
export function nearestName(name: string, names: readonly string[]): string | undefined {
  const lower = name.toLowerCase()
  let best: string | undefined
  let bestPrefix = 2
  for (const candidate of names) {
    const shared = sharedPrefix(lower, candidate.toLowerCase())
    if (shared > bestPrefix) {
      bestPrefix = shared
      best = candidate
    }
  }
  if (best !== undefined) return best
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1
  for (const candidate of names) {
    const distance = editDistance(lower, candidate.toLowerCase())
    if (distance < bestDistance) {
      bestDistance = distance
      best = candidate
    }
  }
  return best
}

function sharedPrefix(a: string, b: string): number {
  let index = 0
  while (index < a.length && index < b.length && a[index] === b[index]) index++
  return index
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = []
  for (let i = 0; i <= a.length; i++) rows.push([i])
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1)
      }
      rows[i]![j] = value
    }
  }
  return rows[a.length]![b.length]!
}
