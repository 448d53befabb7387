import {
  type DependencyGraph,
  type SecurityRequirement,
  securityRequirements,
} from '../di/dependency-graph.js'

/**
 * The operation's `security`, from the security schemes in the route's dependency graph; each
 * scheme's definition is added to `schemes` for `components.securitySchemes`.
 */
export function documentSecurity(
  graph: DependencyGraph,
  schemes: Map<string, Record<string, unknown>>,
): SecurityRequirement[] {
  for (const node of graph.nodes) {
    const scheme = node.dependency.securityScheme
    if (scheme !== undefined) schemes.set(scheme.name, { ...scheme.scheme })
  }
  return securityRequirements(graph)
}
