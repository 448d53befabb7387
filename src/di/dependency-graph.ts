import { ConfigError } from '../errors/config-error.js'
import { compileParamGroup, type ParamGroupPlan, type ParamLocation } from '../params/param-group.js'
import type { Schema } from '../schema/standard.js'
import { type Dependency, SecurityScopes } from './dependency.js'
import { mayReadScopes } from './scopes-reading.js'

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

/**
 * The dependencies of one route, compiled once and read by both the request path and the OpenAPI
 * generator: the value-less `dependencies` (app → include → router → route) and the named `deps`
 * whose values the handler receives, each with everything below it.
 */
export interface DependencyGraph {
  /** Value-less dependencies, in FastAPI's order: app → include → router → route. */
  readonly discarded: readonly DependencyNode[]
  /** Named dependencies, their values handed to the handler under these names. */
  readonly named: readonly (readonly [string, DependencyNode])[]
  /** Every use once, depth-first in resolution order (a node before what it depends on). */
  readonly nodes: readonly DependencyNode[]
  /** Body fields the dependencies read, in resolution order (each name once). */
  readonly bodyFields: readonly (readonly [string, Schema])[]
  /** Some dependency reads form fields: the route parses its form before resolving. */
  readonly readsForm: boolean
}

/** Compiles a route's dependencies; configuration mistakes surface here as `ConfigError`s. */
export function compileGraph(
  discarded: readonly Dependency<any>[],
  named: Readonly<Record<string, Dependency<any>>>,
): DependencyGraph {
  const discardedNodes = discarded.map((dependency) => compileDependency(dependency))
  const namedNodes = Object.entries(named).map(
    ([name, dependency]) => [name, compileDependency(dependency)] as const,
  )
  const nodes: DependencyNode[] = []
  const seen = new Set<DependencyNode>()
  const visit = (node: DependencyNode): void => {
    if (seen.has(node)) return
    seen.add(node)
    nodes.push(node)
    for (const [, input] of node.inputs) visit(input)
  }
  for (const node of discardedNodes) visit(node)
  for (const [, node] of namedNodes) visit(node)
  return {
    discarded: discardedNodes,
    named: namedNodes,
    nodes,
    bodyFields: bodyFieldsOf(nodes),
    readsForm: nodes.some((node) => node.dependency.params.form !== undefined),
  }
}

/**
 * The body fields the nodes read, in resolution order: FastAPI resolves sub-dependencies first,
 * so a dependency's inputs contribute their fields before its own.
 */
function bodyFieldsOf(nodes: readonly DependencyNode[]): [string, Schema][] {
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

/** One Security Requirement Object: scheme name → required scopes. */
export type SecurityRequirement = Record<string, string[]>

/**
 * The security requirements of a route, from the security schemes in its graph: each scheme
 * once, with the scopes accumulated above every use of it merged (FastAPI's
 * `security: [{"OAuth2PasswordBearer": ["items", "me"]}]`).
 */
export function securityRequirements(graph: DependencyGraph): SecurityRequirement[] {
  const required = new Map<string, string[]>()
  for (const node of graph.nodes) {
    const scheme = node.dependency.securityScheme
    if (scheme === undefined) continue
    const scopes = required.get(scheme.name) ?? []
    for (const scope of node.scopes.scopes) if (!scopes.includes(scope)) scopes.push(scope)
    required.set(scheme.name, scopes)
  }
  return [...required].map(([name, scopes]) => ({ [name]: scopes }))
}

function isGeneratorFunction(fn: Function): boolean {
  const name = fn.constructor?.name
  return name === 'GeneratorFunction' || name === 'AsyncGeneratorFunction'
}
