import type { Schema } from './standard.js'
import { wrappedSchema } from './zod-def.js'

/**
 * A value a schema declares about itself with zod v4's `.meta({ key: value })`, read without
 * importing zod: its schemas expose `meta()` to read their registered metadata. The value may sit
 * on a wrapper or on the schema inside it (`z.string().meta({ alias }).optional()`).
 */
export function metaOf(schema: Schema, key: string): unknown {
  let current: Schema | undefined = schema
  for (let depth = 0; current !== undefined && depth < 8; depth++) {
    const meta = (current as { meta?: () => unknown }).meta
    const data =
      typeof meta === 'function' ? (meta.call(current) as Record<string, unknown> | undefined) : undefined
    if (data?.[key] !== undefined) return data[key]
    current = wrappedSchema(current)
  }
  return undefined
}

/** The wire name a schema declares for itself with `.meta({ alias: 'item-query' })`. */
export function aliasOf(schema: Schema): string | undefined {
  const alias = metaOf(schema, 'alias')
  return typeof alias === 'string' ? alias : undefined
}

/**
 * The name a parameter is read by: its alias, else its key, with headers lower-cased and their
 * `_` read as `-` (FastAPI's `convert_underscores`), so `user_agent` is read from `user-agent`.
 */
export function wireName(
  location: 'path' | 'query' | 'header' | 'cookie' | 'body',
  key: string,
  schema: Schema,
): string {
  const alias = aliasOf(schema) ?? (location === 'header' ? key.replaceAll('_', '-') : key)
  return location === 'header' ? alias.toLowerCase() : alias
}
