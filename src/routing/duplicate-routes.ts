import { ConfigError } from '../errors/config-error.js'
import type { FlatRoute } from './flatten.js'

/**
 * Refuses two routes that answer the same method on the same path, as Fastify does: the route
 * table serves the first one registered and the OpenAPI document the last, so one of them is
 * dead code that looks alive. Paths are compared after routers' prefixes are joined, and by
 * shape: `/items/{id}` and `/items/{item_id}` match exactly the same requests (OpenAPI 3.1 §4.8.8
 * calls such templates identical and forbids them). Only declared methods count: an explicit HEAD
 * route beside a GET one is allowed, it takes over the automatic HEAD.
 *
 * @param describe names a route in the message (the app's docs routes name the option behind them)
 */
export function checkDuplicateRoutes(
  routes: readonly FlatRoute[],
  describe: (route: FlatRoute) => string = describeRoute,
): void {
  const seen = new Map<string, FlatRoute>()
  for (const route of routes) {
    const shape = JSON.stringify(route.template.parts)
    for (const method of route.definition.methods) {
      const key = `${method} ${shape}`
      const first = seen.get(key)
      if (first === undefined) {
        seen.set(key, route)
        continue
      }
      const renamed =
        first.template.source === route.template.source
          ? ''
          : ' (paths that differ only in parameter names match the same requests)'
      throw new ConfigError(
        `Route ${method} ${route.template.source}${describe(route)} repeats ${method} ` +
          `${first.template.source}${describe(first)}, which is matched before it${renamed}: only the ` +
          'first would ever answer. Remove one or give it another path or method; to keep the first ' +
          'answering, as FastAPI does, create the app with new App({ allowDuplicateRoutes: true }).',
      )
    }
  }
}

/** ` (read_item)`: the route's name, or its handler's; nothing for an anonymous one. */
export function describeRoute(route: FlatRoute): string {
  const name = route.definition.options.name ?? route.definition.handler.name
  return name === '' ? '' : ` (${name})`
}
