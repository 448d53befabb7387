import { ConfigError } from '../errors/config-error.js'
import type { FlatMount, FlatRoute } from './flatten.js'

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

/**
 * Refuses a route registered after a mount that takes its path: a mount serves every path below
 * its prefix, whatever the method, and matching goes in registration order, so the
 * route could never answer (Starlette lets it pass silently). Mount first what should be tried
 * last, or register the route before the mount.
 */
export function checkShadowedRoutes(
  routes: readonly FlatRoute[],
  mounts: readonly FlatMount[],
  describe: (route: FlatRoute) => string = describeRoute,
): void {
  for (const mount of mounts) {
    for (let index = mount.position; index < routes.length; index++) {
      const route = routes[index]!
      const path = route.template.source
      // The bare prefix is not the mount's (it answers `/prefix` with a redirect only when no
      // route does), so a route on it still answers.
      if (mount.prefix !== '/' && !path.startsWith(`${mount.prefix}/`)) continue
      const method = route.definition.methods[0] ?? ''
      throw new ConfigError(
        `Route ${method} ${path}${describe(route)} is registered after app.mount("${mount.prefix}", …), ` +
          `which takes ${mount.prefix === '/' ? 'every path' : `every path under ${mount.prefix}`} first: ` +
          'the route would never answer. Register it before the mount. To keep it anyway, create the ' +
          'app with new App({ allowDuplicateRoutes: true }).',
      )
    }
  }
}

/** ` (read_item)`: the route's name, or its handler's; nothing for an anonymous one. */
export function describeRoute(route: FlatRoute): string {
  const name = route.definition.options.name ?? route.definition.handler.name
  return name === '' ? '' : ` (${name})`
}
