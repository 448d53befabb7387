import type { Schema } from '../schema/standard.js'

/**
 * The wire name a schema declares for itself with `.meta({ alias: 'item-query' })` (zod v4), read
 * without importing zod: its schemas expose `meta()` to read their registered metadata.
 */
export function aliasOf(schema: Schema): string | undefined {
  const meta = (schema as { meta?: () => unknown }).meta
  if (typeof meta !== 'function') return undefined
  const data = meta.call(schema) as { alias?: unknown } | undefined
  return typeof data?.alias === 'string' ? data.alias : undefined
}
