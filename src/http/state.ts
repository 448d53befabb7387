/**
 * The app's per-request state, declared once for the whole program: what the lifespan yields and
 * middleware add. Empty until an app declares it by declaration merging; then every handler,
 * router, dependency, security scheme and middleware reads `state` with this type, in files that
 * never import the app, and `new App({ lifespan })` must yield a value that fits it.
 *
 * @example
 * declare module 'brisk' {
 *   interface State {
 *     db: Db
 *   }
 * }
 * const getDb = depends(({ state }) => state.db) // Dependency<Db>
 */
// biome-ignore lint/suspicious/noEmptyInterface: users add the members, by declaration merging.
export interface State {}

/** `state` where no type is given: the declared `State`, or any record while none is declared. */
export type DeclaredState = [keyof State] extends [never] ? Record<string, unknown> : State
