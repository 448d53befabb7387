import type { Dependency } from './dependency.js'

/**
 * `app.dependencyOverrides`: replacements for dependencies, honoured by every route at request
 * time (FastAPI's `app.dependency_overrides`). The replacement's own inputs are resolved in place
 * of the original's; the OpenAPI document keeps the original's parameters.
 *
 * @example
 * app.dependencyOverrides.set(commonParameters, overrideDependency)
 * // ... tests ...
 * app.dependencyOverrides.clear()
 */
export class DependencyOverrides {
  readonly #map = new Map<Dependency<any>, Dependency<any>>()

  // Keyed by the dependency a `security(dep, { scopes })` wraps, so one override replaces it at
  // every scope, as FastAPI's (keyed by the function) does.
  set<T>(original: Dependency<T>, replacement: Dependency<T>): this {
    this.#map.set(original.origin, replacement)
    return this
  }

  get<T>(original: Dependency<T>): Dependency<T> | undefined {
    return this.#map.get(original.origin)
  }

  has(original: Dependency<any>): boolean {
    return this.#map.has(original.origin)
  }

  delete(original: Dependency<any>): boolean {
    return this.#map.delete(original.origin)
  }

  clear(): void {
    this.#map.clear()
  }

  get size(): number {
    return this.#map.size
  }
}
