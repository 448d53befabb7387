import { stringifyJson } from '../http/json.js'
import { type PruneOptions, pruneOutput } from '../schema/prune-output.js'
import type { SerializeResult } from '../schema/serializer.js'
import type { Schema } from '../schema/standard.js'
import { validate } from '../schema/validate.js'

/**
 * A response serializer that validates through the schema and then prunes the output: fields the
 * returned value did not set (so a schema default does not appear), and/or `null` fields
 * (FastAPI's `response_model_exclude_unset` / `response_model_exclude_none`).
 */
export function compileFilteredSerializer(
  schema: Schema,
  options: PruneOptions,
): (value: unknown) => SerializeResult {
  return (value) => {
    const result = validate(schema, value, { loc: ['response'], missingInput: 'parent' })
    if (result instanceof Promise)
      throw new TypeError('An async response schema cannot serialize a response.')
    if (!result.ok) return result
    return { ok: true, json: stringifyJson(pruneOutput(result.value, value, options)) }
  }
}
