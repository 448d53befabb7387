import type { PathTemplate } from './path-template.js'

/** One entry of the table: a route's methods and compiled path, and what the caller attached. */
export interface TableEntry<T> {
  readonly methods: ReadonlySet<string>
  readonly template: PathTemplate
  readonly value: T
}

/** The outcome of matching a method and a decoded path. */
export type TableMatch<T> =
  | { readonly kind: 'found'; readonly value: T; readonly params: Record<string, string> }
  | { readonly kind: 'method'; readonly allow: string }
  | { readonly kind: 'none' }

const NONE = { kind: 'none' } as const
const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null))

interface Resolution<T> {
  readonly byMethod: Map<string, TableMatch<T>>
  readonly partial: TableMatch<T> | undefined
}

/**
 * Routes in registration order with FastAPI's semantics: the first route that matches both path
 * and method wins; otherwise the first route that matches the path answers 405 with its methods;
 * otherwise nothing matched. GET routes also answer HEAD unless a route declares HEAD itself.
 *
 * Built once from the entries, then read only. Exact paths are resolved ahead of time (taking
 * earlier parameterised routes into account, so `/users/{id}` declared before `/users/me` still
 * wins), so a static request is one Map lookup; other paths test only the parameterised routes
 * whose first segment can match, in order.
 */
export class RouteTable<T> {
  readonly #static = new Map<string, Resolution<T>>()
  readonly #buckets = new Map<string, TableEntry<T>[]>()
  readonly #anyFirst: TableEntry<T>[]

  constructor(entries: readonly TableEntry<T>[]) {
    const dynamic = entries.filter((entry) => !entry.template.isStatic)
    this.#anyFirst = dynamic.filter((entry) => entry.template.firstSegment === undefined)
    for (const entry of dynamic) {
      const first = entry.template.firstSegment
      if (first !== undefined && !this.#buckets.has(first)) {
        this.#buckets.set(
          first,
          dynamic.filter((e) => e.template.firstSegment === first || e.template.firstSegment === undefined),
        )
      }
    }
    for (const entry of entries) {
      const path = entry.template.source
      if (entry.template.isStatic && !this.#static.has(path)) {
        this.#static.set(path, resolve(entries, path))
      }
    }
  }

  match(method: string, path: string): TableMatch<T> {
    const resolution = this.#static.get(path)
    if (resolution !== undefined) return resolution.byMethod.get(method) ?? resolution.partial ?? NONE
    const end = path.indexOf('/', 1)
    const first = end === -1 ? path.slice(1) : path.slice(1, end)
    return matchFirst(this.#buckets.get(first) ?? this.#anyFirst, method, path)
  }
}

/** The first full match in order, else HEAD's GET fallback, else the first partial match (405). */
function matchFirst<T>(candidates: readonly TableEntry<T>[], method: string, path: string): TableMatch<T> {
  let partial: TableEntry<T> | undefined
  let headFallback: TableMatch<T> | undefined
  for (const entry of candidates) {
    const params = matchPath(entry.template, path)
    if (params === undefined) continue
    if (entry.methods.has(method)) return { kind: 'found', value: entry.value, params }
    if (method === 'HEAD' && headFallback === undefined && entry.methods.has('GET')) {
      headFallback = { kind: 'found', value: entry.value, params }
    }
    partial ??= entry
  }
  if (headFallback !== undefined) return headFallback
  return partial === undefined ? NONE : { kind: 'method', allow: allowHeader(partial.methods) }
}

/** The `Allow` value of a route: its methods, plus HEAD when it answers GET. */
function allowHeader(methods: ReadonlySet<string>): string {
  const allow = [...methods]
  if (methods.has('GET') && !methods.has('HEAD')) allow.push('HEAD')
  return allow.join(', ')
}

/** Every method's first full match for one exact path, and the first partial match (for 405). */
function resolve<T>(entries: readonly TableEntry<T>[], path: string): Resolution<T> {
  const methods = new Set<string>(['HEAD'])
  for (const entry of entries) for (const method of entry.methods) methods.add(method)
  const byMethod = new Map<string, TableMatch<T>>()
  let partial: TableMatch<T> | undefined
  for (const method of methods) {
    const match = matchFirst(entries, method, path)
    if (match.kind === 'found') byMethod.set(method, match)
    else if (match.kind === 'method') partial ??= match
  }
  // A method no route declares still gets the 405 of the first route on this path.
  partial ??= matchFirst(entries, '\u0000', path)
  return { byMethod, partial: partial.kind === 'none' ? undefined : partial }
}

function matchPath(template: PathTemplate, path: string): Record<string, string> | undefined {
  if (template.regex === undefined) return template.source === path ? NO_PARAMS : undefined
  if (template.segments !== undefined) return template.segments(path)
  const groups = template.regex.exec(path)
  if (groups === null) return undefined
  const params: Record<string, string> = {}
  const names = template.params
  for (let i = 0; i < names.length; i++) params[names[i]!] = groups[i + 1]!
  return params
}
