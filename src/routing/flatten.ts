import type { Dependency } from '../di/dependency.js'
import { compileGraph, type DependencyGraph } from '../di/dependency-graph.js'
import { compilePath, joinPaths, type PathTemplate } from './path-template.js'
import type { ResponseClass } from './response-class.js'
import type { ResponsesSpec } from './route-options.js'
import type { IncludeOptions, RegistryEntry, RouteDefinition, RouteRegistry } from './route-registry.js'

/** A route with every enclosing router's settings applied: the unit the app compiles. */
export interface FlatRoute {
  readonly definition: RouteDefinition
  readonly template: PathTemplate
  /** Tags of the enclosing routers and includes (parent first), then the route's own. */
  readonly tags: string[]
  /** Responses merged app → router → include → route. */
  readonly responses: ResponsesSpec
  readonly deprecated: boolean
  readonly includeInSchema: boolean
  /** Value-less dependencies in FastAPI's order: app → include → router → route. */
  readonly dependencies: Dependency<any>[]
  /** The nearest router's or include's operationId generator, if any. */
  readonly generateOperationId: IncludeOptions['generateOperationId']
  /** Whether the security schemes' 401s are documented: the nearest setting, off by default. */
  readonly openapiSecurityResponses: boolean
  /** The route's `responseClass`, else the nearest router's `defaultResponseClass`, else JSON. */
  readonly responseClass: ResponseClass
}

interface Inherited {
  dependencies: Dependency<any>[]
  prefix: string
  tags: string[]
  responses: ResponsesSpec
  deprecated: boolean
  includeInSchema: boolean
  generateOperationId: IncludeOptions['generateOperationId']
  openapiSecurityResponses: boolean | undefined
  responseClass: ResponseClass
}

/** A mount met while flattening: its full prefix and where it sits among the flattened routes. */
export interface FlatMount {
  readonly prefix: string
  readonly target: object
  /** How many routes come before it in registration order. */
  readonly position: number
  /** How many WebSocket routes come before it. */
  readonly websocketPosition: number
}

/**
 * Flattens a registry and everything it includes into routes in registration order, joining
 * prefixes and merging tags and responses as FastAPI's `include_router` does: tags concatenated
 * parent first, responses merged, `deprecated` or-ed, `includeInSchema` and-ed. Mounts are left
 * out of the routes; `mounts`, when given, receives them with their place among the routes, and
 * `websockets` the WebSocket routes.
 */
export function flattenRoutes(
  root: RouteRegistry,
  toTemplate: (path: string) => PathTemplate = compilePath,
  mounts?: FlatMount[],
  websockets?: FlatRoute[],
): FlatRoute[] {
  const routes: FlatRoute[] = []
  const start: Inherited = {
    prefix: '',
    tags: [],
    responses: {},
    deprecated: false,
    includeInSchema: true,
    dependencies: [],
    generateOperationId: undefined,
    openapiSecurityResponses: undefined,
    responseClass: 'json',
  }
  visit(root, withSettings(start, root.settings), { routes, mounts, websockets, toTemplate })
  return routes
}

interface Output {
  readonly routes: FlatRoute[]
  readonly mounts: FlatMount[] | undefined
  readonly websockets: FlatRoute[] | undefined
  readonly toTemplate: (path: string) => PathTemplate
}

function visit(registry: RouteRegistry, inherited: Inherited, out: Output): void {
  for (const entry of registry.entries) {
    if (entry.kind === 'route') out.routes.push(flatten(entry, inherited, out.toTemplate))
    else if (entry.kind === 'websocket') out.websockets?.push(flatten(entry, inherited, out.toTemplate))
    else if (entry.kind === 'mount') {
      const prefix = joinPaths(inherited.prefix, entry.prefix)
      out.mounts?.push({
        prefix,
        target: entry.target,
        position: out.routes.length,
        websocketPosition: out.websockets?.length ?? 0,
      })
    } else
      visit(
        entry.registry,
        withSettings(withSettings(inherited, entry.options), entry.registry.settings),
        out,
      )
  }
}

function withSettings(base: Inherited, settings: RouteRegistry['settings']): Inherited {
  return {
    prefix: joinPaths(base.prefix, settings.prefix ?? ''),
    tags: settings.tags ? [...base.tags, ...settings.tags] : base.tags,
    responses: settings.responses ? { ...base.responses, ...settings.responses } : base.responses,
    deprecated: base.deprecated || settings.deprecated === true,
    includeInSchema: base.includeInSchema && settings.includeInSchema !== false,
    dependencies: settings.dependencies
      ? [...base.dependencies, ...settings.dependencies]
      : base.dependencies,
    generateOperationId: settings.generateOperationId ?? base.generateOperationId,
    openapiSecurityResponses: settings.openapiSecurityResponses ?? base.openapiSecurityResponses,
    responseClass: settings.defaultResponseClass ?? base.responseClass,
  }
}

function flatten(
  entry: Extract<RegistryEntry, { kind: 'route' | 'websocket' }>,
  inherited: Inherited,
  toTemplate: (path: string) => PathTemplate,
): FlatRoute {
  const { route } = entry
  const options = route.options
  const full = joinPaths(inherited.prefix, route.path)
  return {
    definition: route,
    template: toTemplate(full),
    tags: options.tags ? [...inherited.tags, ...options.tags] : inherited.tags,
    responses: options.responses ? { ...inherited.responses, ...options.responses } : inherited.responses,
    deprecated: inherited.deprecated || options.deprecated === true,
    includeInSchema: inherited.includeInSchema && options.includeInSchema !== false,
    dependencies: options.dependencies
      ? [...inherited.dependencies, ...options.dependencies]
      : inherited.dependencies,
    generateOperationId: inherited.generateOperationId,
    openapiSecurityResponses: options.openapiSecurityResponses ?? inherited.openapiSecurityResponses ?? false,
    responseClass: options.responseClass ?? inherited.responseClass,
  }
}

const graphs = new WeakMap<FlatRoute, DependencyGraph>()

/**
 * The route's dependency graph, compiled on first use and shared by the request path and the
 * OpenAPI generator, so both walk one structure (and one merge of OAuth2 scopes).
 */
export function dependencyGraphOf(route: FlatRoute): DependencyGraph {
  let graph = graphs.get(route)
  if (graph === undefined) {
    graph = compileGraph(route.dependencies, route.definition.options.deps ?? {})
    graphs.set(route, graph)
  }
  return graph
}
