/**
 * Continues with `next(value, a, b)` now when `value` is ready, or once it resolves when it is a
 * promise. The request path is written with this split so a request that needs no async work is
 * answered without a single promise; the extra arguments let `next` be a module-level function
 * instead of a closure made per request.
 *
 * @example
 * return then(steps.answer(args), closeScopes, run, undefined) // a sync answer: closeScopes(answer, run) at once
 */
export function then<T, A, B, R>(
  value: T | Promise<T>,
  next: (value: T, a: A, b: B) => R | Promise<R>,
  a: A,
  b: B,
): R | Promise<R> {
  return value instanceof Promise ? value.then((settled) => next(settled, a, b)) : next(value, a, b)
}
