/**
 * Continues with `next(value, a, b)` now when `value` is ready, or once it resolves when it is a
 * promise. The request path is written with this split so a request that needs no async work is
 * answered without a single promise; the extra arguments let `next` be a module-level function
 * instead of a closure made per request.
 *
 * @example
 * return then(handler(args), toReply, plan, args) // sync handler: toReply(result, plan, args) at once
 */
export function then<T, A, B, R>(
  value: T | Promise<T>,
  next: (value: T, a: A, b: B) => R | Promise<R>,
  a: A,
  b: B,
): R | Promise<R> {
  return value instanceof Promise ? value.then((settled) => next(settled, a, b)) : next(value, a, b)
}
