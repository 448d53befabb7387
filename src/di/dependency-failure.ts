import type { RequestContext } from '../http/request-context.js'
import { ANONYMOUS_DEPENDENCY, type Dependency } from './dependency.js'
import type { DependencyGraph, DependencyNode } from './dependency-graph.js'

/** A dependency whose function threw or rejected while a request was resolving it. */
interface Failure {
  readonly error: unknown
  /** The use the route resolved: the declared dependency's node, also when an override ran. */
  readonly node: DependencyNode
  /** The dependency whose function ran: the override, when there is one. */
  readonly ran: Dependency<any>
}

// Kept beside the request rather than on it: only the error log ever reads it.
const failures = new WeakMap<RequestContext, Failure>()

/** Notes that the function of `ran` (used as `node`) failed with `error`; returns the error. */
export function noteDependencyFailure(
  ctx: RequestContext,
  error: unknown,
  node: DependencyNode,
  ran: Dependency<any>,
): unknown {
  failures.set(ctx, { error, node, ran })
  return error
}

/**
 * The dependency an error came out of, named as the user wrote it: its function's name (or
 * `depends(fn, { name })`); for an anonymous function, where the route holds it: its key (`db`),
 * the keys down to it (`user.db`), or its place among value-less ones (`dependencies[0]`).
 * Undefined when no dependency's function threw this error.
 */
export function failedDependencyName(
  ctx: RequestContext,
  error: unknown,
  graph: DependencyGraph | undefined,
): string | undefined {
  const failure = failures.get(ctx)
  if (failure === undefined || failure.error !== error) return undefined
  if (failure.ran.name !== ANONYMOUS_DEPENDENCY || graph === undefined) return failure.ran.name
  return keyPath(graph, failure.node) ?? ANONYMOUS_DEPENDENCY
}

/** The first path to `target` in resolution order: the one the request took to it. */
function keyPath(graph: DependencyGraph, target: DependencyNode): string | undefined {
  const searched = new Set<DependencyNode>()
  const search = (node: DependencyNode, path: string): string | undefined => {
    if (node === target) return path
    if (searched.has(node)) return undefined
    searched.add(node)
    for (const [key, input] of node.inputs) {
      const found = search(input, `${path}.${key}`)
      if (found !== undefined) return found
    }
    return undefined
  }
  const roots = [
    ...graph.discarded.map((node, index) => [`dependencies[${index}]`, node] as const),
    ...graph.named,
  ]
  for (const [key, node] of roots) {
    const found = search(node, key)
    if (found !== undefined) return found
  }
  return undefined
}
