/**
 * FastAPI's `deep_dict_update`, used for `openapi` extras and extra responses: objects are merged
 * key by key, lists are concatenated, anything else is replaced. `target` is changed in place.
 */
export function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key]
    if (isPlainObject(current) && isPlainObject(value)) deepMerge(current, value)
    else if (Array.isArray(current) && Array.isArray(value)) target[key] = [...current, ...value]
    else target[key] = value
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The object under `key` in `target`, created empty when missing. */
export function objectAt<T extends object = Record<string, any>>(
  target: Record<string, any>,
  key: string,
): T {
  if (!isPlainObject(target[key])) target[key] = {}
  return target[key] as T
}
