import { type Dependency, SecurityScopes } from '../di/dependency.js'
import { ConfigError } from '../errors/config-error.js'
import type { Schema } from '../schema/standard.js'
import { compileParamGroup, type ParamGroupPlan, type ParamLocation } from './param-group.js'

/** A dependency compiled once: its parameter groups and its inputs, themselves compiled. */
export interface DependencyNode {
  readonly dependency: Dependency<any>
  readonly groups: readonly ParamGroupPlan[]
  readonly inputs: readonly (readonly [string, DependencyNode])[]
  /** True for generator functions: they yield their value and tear down later. */
  readonly generator: boolean
  /** Body fields the dependency reads (validated from the request's embedded body), if any. */
  readonly bodyFields: readonly (readonly [string, Schema])[] | undefined
  /** The dependency, or one it depends on, reads form fields: the route must parse its form first. */
  readonly readsForm: boolean
  /** The scopes accumulated from the route down to this use, handed to the function as `scopes`. */
  readonly scopes: SecurityScopes
  /**
   * Whether the dependency depends on scopes: it requires some itself, is a security scheme,
   * depends on one that does, or may read `scopes` (FastAPI's `_uses_scopes`; a JavaScript
   * function cannot declare a `SecurityScopes` parameter, so its source is looked at once).
   */
  readonly usesScopes: boolean
  /**
   * What the per-request cache keys this use by: the declared dependency, and when it uses
   * scopes, its accumulated scopes (FastAPI's cache key). So `security(getUser, { scopes: ['me'] })`
   * and `getUser` stay apart, while a database session is shared whatever the scopes above it.
   */
  readonly cacheKey: object
}

const GROUPS: [Exclude<keyof Dependency['params'], 'body'>, ParamLocation][] = [
  ['path', 'path'],
  ['query', 'query'],
  ['headers', 'header'],
  ['cookies', 'cookie'],
  ['form', 'body'],
]

// Nodes depend only on their dependency and the scopes above it, so they are shared by every route
// that uses it that way.
const compiled = new WeakMap<Dependency<any>, Map<string, DependencyNode>>()
const cacheKeys = new WeakMap<Dependency<any>, Map<string, object>>()

const NO_SCOPES = new SecurityScopes()

/** One object per declared dependency and set of scopes. */
function cacheKeyOf(origin: Dependency<any>, scopes: string): object {
  const byScopes = innerMap(cacheKeys, origin)
  const known = byScopes.get(scopes)
  if (known !== undefined) return known
  const key = {}
  byScopes.set(scopes, key)
  return key
}

/** The map under `key` in a two-level cache, created on first use. */
function innerMap<K extends object, V>(outer: WeakMap<K, Map<string, V>>, key: K): Map<string, V> {
  let inner = outer.get(key)
  if (inner === undefined) {
    inner = new Map()
    outer.set(key, inner)
  }
  return inner
}

/**
 * Compiles a dependency and everything it depends on, once. A cycle, or a request-scoped
 * generator that depends on a function-scoped one (its teardown would run after the other's), is
 * a `ConfigError` naming the chain.
 */
export function compileDependency(
  dependency: Dependency<any>,
  chain: Dependency<any>[] = [],
  above: SecurityScopes = NO_SCOPES,
): DependencyNode {
  const scopes =
    dependency.scopes.length === 0
      ? above
      : new SecurityScopes([...new Set([...above.scopes, ...dependency.scopes])])
  const byScopes = innerMap(compiled, dependency)
  const known = byScopes.get(scopes.scopeStr)
  if (known !== undefined) return known
  if (chain.includes(dependency)) {
    const names = [...chain.slice(chain.indexOf(dependency)), dependency].map((d) => d.name)
    throw new ConfigError(`Dependency cycle: ${names.join(' → ')}.`)
  }
  const generator = isGeneratorFunction(dependency.fn)
  const inputs: (readonly [string, DependencyNode])[] = []
  for (const [name, sub] of dependency.dependencies) {
    const node = compileDependency(sub, [...chain, dependency], scopes)
    if (generator && dependency.scope === 'request' && node.generator && sub.scope === 'function') {
      throw new ConfigError(
        `Dependency ${dependency.name} has scope "request" but depends on ${sub.name}, whose scope is ` +
          `"function": its teardown would run first. Give ${dependency.name} scope "function" too.`,
      )
    }
    inputs.push([name, node] as const)
  }
  const groups: ParamGroupPlan[] = []
  for (const [key, location] of GROUPS) {
    const spec = dependency.params[key]
    if (spec !== undefined) groups.push(compileParamGroup(location, spec))
  }
  const body = dependency.params.body
  const bodyFields = body === undefined ? undefined : Object.entries(body)
  const readsForm = dependency.params.form !== undefined || inputs.some(([, input]) => input.readsForm)
  const usesScopes =
    dependency.scopes.length > 0 ||
    dependency.securityScheme !== undefined ||
    inputs.some(([, input]) => input.usesScopes) ||
    mayReadScopes(dependency.fn)
  const cacheKey = cacheKeyOf(dependency.origin, usesScopes ? scopes.scopeStr : '')
  const node: DependencyNode = {
    dependency,
    groups,
    inputs,
    generator,
    bodyFields,
    readsForm,
    scopes,
    usesScopes,
    cacheKey,
  }
  byScopes.set(scopes.scopeStr, node)
  return node
}

/** Every body field the dependencies of a route read, in resolution order (duplicates once). */
export function dependencyBodyFields(nodes: readonly DependencyNode[]): [string, Schema][] {
  const fields = new Map<string, Schema>()
  const seen = new Set<DependencyNode>()
  const visit = (node: DependencyNode) => {
    if (seen.has(node)) return
    seen.add(node)
    for (const [, input] of node.inputs) visit(input)
    for (const [name, schema] of node.bodyFields ?? []) {
      const known = fields.get(name)
      if (known !== undefined && known !== schema) {
        throw new ConfigError(
          `Two dependencies declare the body field "${name}" with different schemas; share one schema or rename one.`,
        )
      }
      fields.set(name, schema)
    }
  }
  for (const node of nodes) visit(node)
  return [...fields]
}

/**
 * Whether a function might read its `scopes`. Errs towards yes: a permission check keyed apart
 * per scope set costs a second call, while one shared across scope sets would let a request skip
 * it. It cannot read them when it takes no argument, or destructures its argument without naming
 * `scopes` and without a rest element; anything else (a named argument that may be handed to a
 * helper, `arguments`, native or bound code, source this cannot parse) counts as reading them.
 */
function mayReadScopes(fn: Function): boolean {
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

function isGeneratorFunction(fn: Function): boolean {
  const name = fn.constructor?.name
  return name === 'GeneratorFunction' || name === 'AsyncGeneratorFunction'
}
