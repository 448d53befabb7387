import type { Schema } from './standard.js'
import { wrappedSchema } from './zod-def.js'

/**
 * The wire name a schema declares for itself with `.meta({ alias: 'item-query' })` (zod v4), read
 * without importing zod: its schemas expose `meta()` to read their registered metadata. The alias
 * may sit on a wrapper or on the schema inside it (`z.string().meta({ alias }).optional()`).
 */
export function aliasOf(schema: Schema): string | undefined {
  let current: Schema | undefined = schema
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const meta = (current as { meta?: () => unknown }).meta
    const data =
      typeof meta === 'function' ? (meta.call(current) as { alias?: unknown } | undefined) : undefined
    if (typeof data?.alias === 'string') return data.alias
    current = wrappedSchema(current)
  }
  return undefined
}

/**
 * The name a parameter is read by: its alias, else its key, with headers lower-cased and their
 * `_` read as `-` (FastAPI's `convert_underscores`), so `user_agent` is read from `user-agent`.
 */
export function wireName(
  location: 'path' | 'query' | 'header' | 'cookie',
  key: string,
  schema: Schema,
): string {
  const alias = aliasOf(schema) ?? (location === 'header' ? key.replaceAll('_', '-') : key)
  return location === 'header' ? alias.toLowerCase() : alias
}
