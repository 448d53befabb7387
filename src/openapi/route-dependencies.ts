import type { Dependency } from '../di/dependency.js'
import type { FlatRoute } from '../routing/flatten.js'

/**
 * Every dependency of a route, each once, in the order FastAPI documents their parameters: the
 * value-less `dependencies` (app → include → router → route), then the named `deps`, each
 * followed depth-first by what it depends on.
 */
export function routeDependencies(route: FlatRoute): Dependency<any>[] {
  const seen = new Set<Dependency<any>>()
  const out: Dependency<any>[] = []
  const visit = (dependency: Dependency<any>): void => {
    if (seen.has(dependency)) return
    seen.add(dependency)
    out.push(dependency)
    for (const child of dependency.dependencies.values()) visit(child)
  }
  for (const dependency of route.dependencies) visit(dependency)
  for (const dependency of Object.values(route.definition.options.deps ?? {})) visit(dependency)
  return out
}
