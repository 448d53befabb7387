import type { StandardSchemaV1 } from '@standard-schema/spec'

/** Any Standard Schema (zod, valibot, arktype…): what Brisk accepts wherever a type is declared. */
export type Schema<I = unknown, O = I> = StandardSchemaV1<I, O>

/** The type a schema accepts: what a client sends. */
export type InferIn<S> = S extends StandardSchemaV1 ? StandardSchemaV1.InferInput<S> : never

/** The type a schema produces: what a handler receives after validation. */
export type InferOut<S> = S extends StandardSchemaV1 ? StandardSchemaV1.InferOutput<S> : never

/**
 * Tells a Standard Schema apart from any other value (a default value, an options object), by the
 * `~standard` property with a `validate` function that every conforming library carries.
 */
export function isSchema(value: unknown): value is Schema {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false
  const props = (value as { '~standard'?: unknown })['~standard']
  return (
    typeof props === 'object' &&
    props !== null &&
    typeof (props as { validate?: unknown }).validate === 'function'
  )
}
