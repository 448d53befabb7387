import { compilePath, type PathTemplate } from '../../src/routing/path-template.js'
import type { TableEntry, TableMatch } from '../../src/routing/route-table.js'

const NONE = { kind: 'none' } as const
const NO_PARAMS: Record<string, string> = Object.freeze(Object.create(null))

/**
 * The executable specification of `RouteTable`: every entry tried in registration order against
 * each template's whole-path regex, as Brisk's table did before the trie (plus the mount rule).
 * It is slow on purpose and kept simple; the property test in route-table.property.test.ts holds
 * the real table to it, and bench/route-table.mjs measures it as the linear baseline.
 *
 * - The first operation matching path and method wins, and so does the first mount matching the
 *   path, for every method (Starlette's `Mount` is a full match, and a FULL match beats an earlier
 *   PARTIAL one);
 * - else, for HEAD, the first GET route on the path answers, unless a route on the path declares
 *   HEAD (it wins above, even when it comes later). A GET route before the first mount also
 *   takes HEAD from it, as Starlette's GET routes (which declare HEAD) would;
 * - else the first operation on the path answers 405 with its methods, plus HEAD when it has GET;
 * - else nothing matched.
 *
 * A mount with prefix `/p` matches `/p/` followed by anything (never `/p` itself); `matched` is
 * the path minus `rest`, and `rest` starts with "/". A mount at "/" matches every path, all rest. WebSocket entries are seen only by
 * `matchWebSocket`, operations only by `match`; mounts by both.
 */
export class LinearTable<T> {
  readonly #http: readonly Candidate<T>[]
  readonly #websocket: readonly Candidate<T>[]

  constructor(entries: readonly TableEntry<T>[]) {
    const candidates = entries.map((entry) => ({
      entry,
      mount: entry.kind === 'mount' ? mountTemplate(entry.template) : undefined,
    }))
    this.#http = candidates.filter((candidate) => candidate.entry.kind !== 'websocket')
    this.#websocket = candidates.filter((candidate) => candidate.entry.kind !== 'operation')
  }

  match(method: string, path: string): TableMatch<T> {
    let partial: TableEntry<T> | undefined
    let headFallback: TableMatch<T> | undefined
    for (const { entry, mount } of this.#http) {
      if (mount !== undefined) {
        const mounted = matchMount(entry.value, mount, path)
        if (mounted === undefined) continue
        return method === 'HEAD' && headFallback !== undefined ? headFallback : mounted
      }
      if (entry.kind !== 'operation') continue
      const params = matchPath(entry.template, path)
      if (params === undefined) continue
      if (entry.methods.has(method)) return { kind: 'found', value: entry.value, params }
      if (method === 'HEAD' && headFallback === undefined && entry.methods.has('GET')) {
        headFallback = { kind: 'found', value: entry.value, params }
      }
      partial ??= entry
    }
    if (headFallback !== undefined) return headFallback
    return partial?.kind === 'operation' ? { kind: 'method', allow: allowHeader(partial.methods) } : NONE
  }

  matchWebSocket(path: string): TableMatch<T> {
    for (const { entry, mount } of this.#websocket) {
      const matched =
        mount === undefined
          ? found(entry.value, matchPath(entry.template, path))
          : matchMount(entry.value, mount, path)
      if (matched !== undefined) return matched
    }
    return NONE
  }
}

interface Candidate<T> {
  readonly entry: TableEntry<T>
  /** A mount's prefix followed by `/{…:path}`, as Starlette compiles a `Mount`. */
  readonly mount: PathTemplate | undefined
}

function mountTemplate(prefix: PathTemplate): PathTemplate {
  let name = 'rest'
  while (prefix.params.includes(name)) name += '_'
  return compilePath(`${prefix.source === '/' ? '' : prefix.source}/{${name}:path}`)
}

function matchMount<T>(value: T, template: PathTemplate, path: string): TableMatch<T> | undefined {
  const groups = template.regex!.exec(path)
  if (groups === null) return undefined
  const names = template.params.slice(0, -1)
  const params = names.length === 0 ? NO_PARAMS : readGroups(names, groups)
  const rest = `/${groups[names.length + 1]!}`
  return { kind: 'mount', value, params, matched: path.slice(0, path.length - rest.length), rest }
}

function found<T>(value: T, params: Record<string, string> | undefined): TableMatch<T> | undefined {
  return params === undefined ? undefined : { kind: 'found', value, params }
}

function matchPath(template: PathTemplate, path: string): Record<string, string> | undefined {
  if (template.regex === undefined) return template.source === path ? NO_PARAMS : undefined
  const groups = template.regex.exec(path)
  return groups === null ? undefined : readGroups(template.params, groups)
}

function readGroups(names: readonly string[], groups: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {}
  for (let i = 0; i < names.length; i++) params[names[i]!] = groups[i + 1]!
  return params
}

function allowHeader(methods: ReadonlySet<string>): string {
  const allow = [...methods]
  if (methods.has('GET') && !methods.has('HEAD')) allow.push('HEAD')
  return allow.join(', ')
}
