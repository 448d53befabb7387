import type { PathTemplate } from './path-template.js'

/**
 * One entry of a route table, tagged by what it answers: an HTTP operation (its methods), a
 * WebSocket endpoint, or a mount (a sub-app under a prefix, Starlette's `Mount`). A mount's
 * template is its prefix (`/static`, `/orgs/{org}`): it never ends with "/" and takes no
 * `{name:path}`, since the mount itself takes everything after the prefix.
 */
export type TableEntry<T> =
  | {
      readonly kind: 'operation'
      readonly methods: ReadonlySet<string>
      readonly template: PathTemplate
      readonly value: T
    }
  | { readonly kind: 'websocket'; readonly template: PathTemplate; readonly value: T }
  | { readonly kind: 'mount'; readonly template: PathTemplate; readonly value: T }

/**
 * The outcome of matching a decoded path. `found` and `mount` results of exact paths are built
 * once and shared, so they are read-only. A mount's `matched` is the part of the path its prefix
 * consumed (`/orgs/acme`) and `rest` what follows, starting with "/" (`/` at least).
 */
export type TableMatch<T> =
  | { readonly kind: 'found'; readonly value: T; readonly params: Record<string, string> }
  | {
      readonly kind: 'mount'
      readonly value: T
      readonly params: Record<string, string>
      readonly matched: string
      readonly rest: string
    }
  | { readonly kind: 'method'; readonly allow: string }
  | { readonly kind: 'none' }

/** An entry as the trie holds it: with its registration index and, for an operation, its 405. */
export interface Slot<T> {
  /** Position in registration order: the lowest index that matches wins. */
  readonly index: number
  readonly entry: TableEntry<T>
  /** What a request whose path matches but whose method does not gets, for an operation. */
  readonly refusal: TableMatch<T> | undefined
}
