import type { Slot, TableMatch } from './table-types.js'
import type { MatchSink } from './trie-search.js'

const NONE = { kind: 'none' } as const
const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null))

/**
 * FastAPI's first-match-wins rule, fed the routes whose path matches in any order (it keeps the
 * lowest index of each kind), as test/routing/linear-table.ts states it in registration order:
 *
 * 1. the first route matching path and method wins, and so does the first mount (Starlette's
 *    `Mount` is a full match for every method) and, in a WebSocket search, the first endpoint;
 * 2. else, for HEAD, the first GET route on the path answers ("automatic HEAD"), unless a route
 *    declares HEAD itself (found by step 1 even when it comes later). A GET route before the
 *    first mount also takes HEAD from it, as it takes GET;
 * 3. else the first route on the path answers 405 with its `Allow`;
 * 4. else nothing matched.
 *
 * One instance serves one table and is reset per search: `match` is synchronous and calls no
 * user code, so the search state is never shared by two requests.
 */
export class FirstMatch<T> implements MatchSink<T> {
  bound = Number.POSITIVE_INFINITY
  #method = ''
  #full: Slot<T> | undefined
  #fullParams: Record<string, string> = NO_PARAMS
  #fullAt = 0
  #get: Slot<T> | undefined
  #getParams: Record<string, string> = NO_PARAMS
  #partial: Slot<T> | undefined

  /** Starts a search for `method` (ignored by WebSocket endpoints and mounts). */
  reset(method: string): void {
    this.bound = Number.POSITIVE_INFINITY
    this.#method = method
    this.#full = undefined
    this.#fullParams = NO_PARAMS
    this.#get = undefined
    this.#getParams = NO_PARAMS
    this.#partial = undefined
  }

  offer(slot: Slot<T>, path: string, captures: Int32Array, at: number): void {
    if (slot.index >= this.bound) return
    const entry = slot.entry
    if (entry.kind !== 'operation' || entry.methods.has(this.#method)) {
      this.bound = slot.index
      this.#full = slot
      this.#fullParams = readParams(slot, path, captures)
      this.#fullAt = at
      return
    }
    if (this.#partial === undefined || slot.index < this.#partial.index) this.#partial = slot
    if (this.#method === 'HEAD' && entry.methods.has('GET')) {
      if (this.#get === undefined || slot.index < this.#get.index) {
        this.#get = slot
        this.#getParams = readParams(slot, path, captures)
      }
    }
  }

  /** The outcome once every matching slot has been offered. */
  result(path: string): TableMatch<T> {
    const full = this.#full
    const get = this.#get
    if (full !== undefined) {
      if (full.entry.kind !== 'mount') return found(full, this.#fullParams)
      if (get !== undefined && get.index < full.index) return found(get, this.#getParams)
      const at = this.#fullAt
      return {
        kind: 'mount',
        value: full.entry.value,
        params: this.#fullParams,
        matched: path.slice(0, at),
        rest: path.slice(at),
      }
    }
    if (get !== undefined) return found(get, this.#getParams)
    return this.#partial?.refusal ?? NONE
  }
}

/** The `Allow` value of a route: its methods, plus HEAD when it answers GET. */
export function allowHeader(methods: ReadonlySet<string>): string {
  const allow = [...methods]
  if (methods.has('GET') && !methods.has('HEAD')) allow.push('HEAD')
  return allow.join(', ')
}

function found<T>(slot: Slot<T>, params: Record<string, string>): TableMatch<T> {
  return { kind: 'found', value: slot.entry.value, params }
}

function readParams<T>(slot: Slot<T>, path: string, captures: Int32Array): Record<string, string> {
  const names = slot.entry.template.params
  if (names.length === 0) return NO_PARAMS
  // A plain object: names come from the template (never `__proto__`, which compilePath refuses),
  // and V8 keeps plain objects in fast mode where null-prototype ones become dictionaries.
  const params: Record<string, string> = {}
  for (let i = 0; i < names.length; i++)
    params[names[i]!] = path.slice(captures[2 * i]!, captures[2 * i + 1]!)
  return params
}
