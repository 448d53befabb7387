/**
 * An object for keys that come from the request (query names, cookie names). Its prototype is an
 * empty null-prototype object, so nothing is inherited (`constructor`, `toString` and `__proto__`
 * read as undefined, and writing `__proto__` makes an ordinary own key), yet V8 keeps it in fast
 * mode: `Object.create(null)` objects start as dictionaries, about 45 ns slower per request for a
 * two-key query (measured on the bench machine).
 */
const Dict = function Dict() {} as unknown as new () => Record<string, never>
Dict.prototype = Object.create(null)

/** A new empty dictionary for request-controlled keys. */
export function createDict<T>(): Record<string, T> {
  return new Dict() as Record<string, T>
}
