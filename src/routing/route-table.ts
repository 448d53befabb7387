import { ConfigError } from '../errors/config-error.js'
import { allowHeader, FirstMatch } from './first-match.js'
import { TrieBuilder, type TrieNode } from './route-trie.js'
import { resolveStatic, type StaticAnswer } from './static-answers.js'
import type { Slot, TableEntry, TableMatch } from './table-types.js'
import { searchTrie } from './trie-search.js'

export type { TableEntry, TableMatch } from './table-types.js'

const NONE = { kind: 'none' } as const
const SLASH = 47

/**
 * Routes, WebSocket endpoints and mounts in registration order, with FastAPI's first-match-wins
 * semantics (see `FirstMatch` for the rule, and test/routing/linear-table.ts for its executable
 * specification). Built once from the entries, then read only.
 *
 * Entries live in a segment trie, so a match costs the depth of the path whatever the number of
 * routes; every node knows the lowest registration index below it, and once a full match is found
 * the search skips what cannot come before it. Exact paths are resolved ahead of time by one walk
 * each, so a static request is one Map lookup and its method's.
 *
 * @example
 * const table = new RouteTable([
 *   { kind: 'operation', methods: new Set(['GET']), template: compilePath('/items/{id}'), value: read },
 *   { kind: 'mount', template: compilePath('/static'), value: files },
 * ])
 * table.match('GET', '/items/3') // { kind: 'found', value: read, params: { id: '3' } }
 * table.match('GET', '/static/a.css') // { kind: 'mount', value: files, matched: '/static', rest: '/a.css', … }
 */
export class RouteTable<T> {
  readonly #http: TrieNode<T>
  readonly #websocket: TrieNode<T>
  readonly #static = new Map<string, StaticAnswer<T>>()
  readonly #rule = new FirstMatch<T>()
  /** Parameter offsets of the search under way, two per parameter of the longest template. */
  readonly #captures: Int32Array

  constructor(entries: readonly TableEntry<T>[]) {
    const http = new TrieBuilder<T>()
    const websocket = new TrieBuilder<T>()
    let params = 0
    for (const [index, entry] of entries.entries()) {
      if (entry.kind === 'mount') checkMount(entry.template.source, entry.template.parts.at(-1)?.kind)
      const slot: Slot<T> = {
        index,
        entry,
        refusal:
          entry.kind === 'operation' ? { kind: 'method', allow: allowHeader(entry.methods) } : undefined,
      }
      if (entry.kind !== 'websocket') http.insert(slot)
      if (entry.kind !== 'operation') websocket.insert(slot)
      params = Math.max(params, entry.template.params.length)
    }
    this.#http = http.root
    this.#websocket = websocket.root
    this.#captures = new Int32Array(2 * params)
    for (const entry of entries) {
      const path = entry.template.source
      if (entry.kind === 'operation' && entry.template.isStatic && !this.#static.has(path)) {
        this.#static.set(path, resolveStatic(this.#http, path, this.#captures, this.#rule))
      }
    }
  }

  /** Matches an HTTP request's method and decoded path against operations and mounts. */
  match(method: string, path: string): TableMatch<T> {
    const answer = this.#static.get(path)
    if (answer !== undefined) return answer.byMethod.get(method) ?? answer.other
    return this.#search(this.#http, method, path)
  }

  /** Matches a WebSocket handshake's decoded path against WebSocket endpoints and mounts. */
  matchWebSocket(path: string): Exclude<TableMatch<T>, { kind: 'method' }> {
    // No operation is in this trie, so the rule never answers 405.
    return this.#search(this.#websocket, '', path) as Exclude<TableMatch<T>, { kind: 'method' }>
  }

  #search(root: TrieNode<T>, method: string, path: string): TableMatch<T> {
    // Every template starts with "/"; the trie walks from one "/" to the next.
    if (path.charCodeAt(0) !== SLASH) return NONE
    this.#rule.reset(method)
    searchTrie(root, path, 0, 0, this.#captures, this.#rule)
    return this.#rule.result(path)
  }
}

/**
 * A mount takes `prefix + "/" + anything`, as Starlette's `Mount` does, so its prefix ends in
 * neither; "/" alone is the mount that takes every path.
 */
function checkMount(source: string, last: string | undefined): void {
  if (source.endsWith('/') && source !== '/') {
    throw new ConfigError(`Mount path "${source}" must not end with "/": "/static" serves "/static/…".`)
  }
  if (last === 'rest') {
    throw new ConfigError(`Mount path "${source}" cannot end in a {name:path}: the mount takes the rest.`)
  }
}
