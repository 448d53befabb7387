import { failedDependencyName } from '../di/dependency-failure.js'
import type { RequestContext } from '../http/request-context.js'
import { dependencyGraphOf, type FlatRoute } from '../routing/flatten.js'

/** What the log says about an unhandled error: a message, and details for structured loggers. */
export interface ServerErrorReport {
  readonly message: string
  readonly details: Record<string, unknown>
}

/**
 * Names where an unhandled error came from: the route the request matched and, when a
 * dependency's function threw it, that dependency as the user wrote it (its function's name,
 * not the `Dependency.fn` a stack frame would show), as in
 * `Unhandled error in dependency get_db of GET /items/{item_id}`.
 */
export function describeServerError(
  ctx: RequestContext,
  error: unknown,
  route: FlatRoute | undefined,
): ServerErrorReport {
  const details: Record<string, unknown> = { method: ctx.method, url: ctx.url }
  if (route === undefined) return { message: 'Unhandled error while handling a request', details }
  details.route = route.template.source
  const where = `${ctx.method} ${route.template.source}`
  const hasDependencies = route.dependencies.length > 0 || route.definition.options.deps !== undefined
  const dependency = hasDependencies ? failedDependencyName(ctx, error, dependencyGraphOf(route)) : undefined
  if (dependency === undefined) return { message: `Unhandled error while handling ${where}`, details }
  details.dependency = dependency
  return { message: `Unhandled error in dependency ${dependency} of ${where}`, details }
}
