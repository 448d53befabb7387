import type { Dependency } from '../di/dependency.js'
import type { FlatRoute } from '../routing/flatten.js'

/** One Security Requirement Object: scheme name → required scopes. */
export type SecurityRequirement = Record<string, string[]>

/**
 * The security requirements of a route, from the security schemes in its dependency tree: each
 * scheme once, with the scopes of every `security(dep, { scopes })` above it merged (FastAPI's
 * `security: [{"OAuth2PasswordBearer": ["items", "me"]}]`). Each scheme's definition is added to
 * `schemes` for `components.securitySchemes`.
 */
export function securityRequirements(
  route: FlatRoute,
  schemes: Map<string, Record<string, unknown>>,
): SecurityRequirement[] {
  const required = new Map<string, string[]>()
  const visit = (dependency: Dependency<any>, above: readonly string[], path: Set<Dependency<any>>): void => {
    if (path.has(dependency)) return
    const scopes = merge(above, dependency.scopes)
    const scheme = dependency.securityScheme
    if (scheme !== undefined) {
      schemes.set(scheme.name, { ...scheme.scheme })
      required.set(scheme.name, merge(required.get(scheme.name) ?? [], scopes))
    }
    const inner = new Set(path).add(dependency)
    for (const child of dependency.dependencies.values()) visit(child, scopes, inner)
  }
  const top = [...route.dependencies, ...Object.values(route.definition.options.deps ?? {})]
  for (const dependency of top) visit(dependency, [], new Set())
  return [...required].map(([name, scopes]) => ({ [name]: scopes }))
}

/** `a` then the items of `b` it lacks. */
function merge(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a]
  for (const item of b) if (!out.includes(item)) out.push(item)
  return out
}
