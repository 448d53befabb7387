import { stringifyJson } from '../http/json.js'
import type { SerializeResult } from '../schema/serializer.js'
import type { Schema } from '../schema/standard.js'
import { validate } from '../schema/validate.js'

/** FastAPI's `response_model_exclude_unset` / `response_model_exclude_none`, as route options. */
export interface ResponseFilterOptions {
  /** Drop fields the handler's value did not contain (defaults the schema filled in). */
  excludeUnset: boolean
  /** Drop fields whose value is `null`. */
  excludeNone: boolean
}

/**
 * A response serializer that validates through the schema and then prunes the output: fields the
 * returned value did not set (so a schema default does not appear), and/or `null` fields. The
 * pruning walks output and input side by side through nested objects and arrays.
 */
export function compileFilteredSerializer(
  schema: Schema,
  options: ResponseFilterOptions,
): (value: unknown) => SerializeResult {
  return (value) => {
    const result = validate(schema, value, { loc: ['response'], missingInput: 'parent' })
    if (result instanceof Promise)
      throw new TypeError('An async response schema cannot serialize a response.')
    if (!result.ok) return result
    return { ok: true, json: stringifyJson(prune(result.value, value, options)) }
  }
}

function prune(output: unknown, input: unknown, options: ResponseFilterOptions): unknown {
  if (Array.isArray(output)) {
    const items = Array.isArray(input) ? input : []
    return output.map((item, index) => prune(item, items[index], options))
  }
  if (output === null || typeof output !== 'object' || Object.getPrototypeOf(output) !== Object.prototype) {
    return output
  }
  const source = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : undefined
  const pruned: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(output)) {
    if (options.excludeUnset && (source === undefined || !(key in source))) continue
    if (options.excludeNone && item === null) continue
    pruned[key] = prune(item, source?.[key], options)
  }
  return pruned
}
