// Small helpers for walking parsed JSON (OpenAPI documents and their schemas) without mutating it.

/** A JSON object, as the OpenAPI walkers read one: string keys, any values. */
export type JsonObject = Record<string, unknown>

/** True for a JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Whether two JSON values are equal, keys in the same order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Converts each value of a map, keeping its keys (names, never keywords). */
export function mapValues(map: unknown, convert: (value: unknown) => unknown): unknown {
  if (!isObject(map)) return map
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, convert(value)]))
}

/** Converts each item of a list; anything else is returned as is. */
export function mapList(list: unknown, convert: (value: unknown) => unknown): unknown {
  return Array.isArray(list) ? list.map(convert) : list
}

/** A copy of `object` with only the keys `keep` accepts. */
export function pick(object: JsonObject, keep: (key: string) => boolean): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => keep(key)))
}
