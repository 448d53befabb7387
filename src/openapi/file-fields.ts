import type { FilesSpec, UploadField } from '../params/upload-spec.js'
import { fieldTitle } from './naming.js'
import type { JsonSchema } from './types.js'

/** A multipart body field as documented: its schema and whether the body requires it. */
export interface DocumentedField {
  readonly key: string
  readonly schema: JsonSchema
  readonly required: boolean
}

/**
 * The document of a route's `files`, as FastAPI writes `UploadFile` fields in 3.1: a file is
 * `{type: string, contentMediaType: application/octet-stream}`, a list an array of them, an
 * optional one `anyOf` with null; titled from the field name, with its description.
 */
export function fileFields(spec: FilesSpec): DocumentedField[] {
  return Object.entries(spec).map(([key, field]) => ({
    key,
    schema: fileSchema(key, field),
    required: field.required,
  }))
}

/**
 * The multipart `encoding` of fields that accept only some media types (OpenAPI 3.1 §4.8.15), so
 * clients and Swagger UI know what to send; FastAPI has no such option and writes none.
 */
export function fileEncoding(spec: FilesSpec): Record<string, JsonSchema> | undefined {
  const encoding: Record<string, JsonSchema> = {}
  for (const [key, field] of Object.entries(spec)) {
    if (field.options.accept !== undefined) encoding[key] = { contentType: field.options.accept.join(', ') }
  }
  return Object.keys(encoding).length > 0 ? encoding : undefined
}

function fileSchema(key: string, field: UploadField<unknown>): JsonSchema {
  const one: JsonSchema = { type: 'string', contentMediaType: 'application/octet-stream' }
  const value: JsonSchema = field.arity === 'list' ? { type: 'array', items: one } : one
  if (field.options.maxCount !== undefined) value.maxItems = field.options.maxCount
  const schema: JsonSchema = field.required ? { ...value } : { anyOf: [value, { type: 'null' }] }
  schema.title = field.options.title ?? fieldTitle(key)
  if (field.options.description !== undefined) schema.description = field.options.description
  return schema
}
