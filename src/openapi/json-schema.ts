import type { Schema } from '../schema/standard.js'
import { type ZodDef, zodChecks, zodDef } from '../schema/zod-def.js'
import { fieldTitle } from './naming.js'
import type { JsonSchema } from './types.js'

/** Which side of a schema to describe: what a client sends, or what the server answers. */
export type SchemaMode = 'input' | 'output'

/** A schema in JSON Schema 2020-12: its root, and the named definitions it refers to with `#/$defs/…`. */
export interface ConvertedSchema {
  root: JsonSchema
  defs: Record<string, JsonSchema>
}

interface OverrideContext {
  zodSchema: unknown
  jsonSchema: JsonSchema
}

const SAFE_BOUND = Number.MAX_SAFE_INTEGER

/**
 * Zod options through the Standard JSON Schema hook's `libraryOptions` (other libraries ignore
 * them). `reused: 'inline'` keeps anonymous shared schemas inline, as Pydantic does; only schemas
 * with `.meta({ id })` become definitions. `override` brings zod's output to what FastAPI emits
 * for the same declarations.
 */
function zodOptions(mode: SchemaMode): Record<string, unknown> {
  return {
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
    override: ({ zodSchema, jsonSchema }: OverrideContext) => adjustZodSchema(zodSchema, jsonSchema, mode),
  }
}

function adjustZodSchema(zodSchema: unknown, json: JsonSchema, mode: SchemaMode): void {
  const def = zodDef(zodSchema)
  if (def === undefined) return
  markOuterMeta(zodSchema, def, json)
  switch (def.type) {
    // Brisk sends dates as ISO strings and bigints as JSON integers.
    case 'date':
      json.type = 'string'
      json.format = 'date-time'
      break
    case 'bigint':
      json.type = 'integer'
      json.format = 'int64'
      break
    // Pydantic's `set[str]`: an array of unique items. Zod cannot express sets, so the items'
    // schema is converted on its own (a named item schema inside a set is left untyped).
    case 'set': {
      json.type = 'array'
      const items = def.valueType === undefined ? undefined : convertSchema(def.valueType, mode)
      if (items !== undefined && Object.keys(items.defs).length === 0) json.items = items.root
      json.uniqueItems = true
      break
    }
    case 'default':
    case 'prefault':
      if ('default' in json) json.default = jsonDefault(def.defaultValue)
      break
    case 'string':
      dropFormatPattern(def, json)
      // Zod names some checks as formats (`startsWith` → "starts_with"); they are not JSON Schema
      // formats, and the pattern beside them already says it.
      if (typeof json.format === 'string' && ZOD_ONLY_FORMATS.has(json.format)) delete json.format
      break
    case 'union':
      // A discriminated union tells clients which branch to pick: OpenAPI's `discriminator`.
      if (typeof def.discriminator === 'string' && Array.isArray(json.oneOf ?? json.anyOf)) {
        json.discriminator = { propertyName: def.discriminator }
      }
      break
    case 'record':
      // JSON object keys are strings: saying so adds nothing (Pydantic leaves it out).
      if (isPlainString(json.propertyNames)) delete json.propertyNames
      break
    // OpenAPI 3.1's way to say "a file" (FastAPI's UploadFile).
    case 'file':
      delete json.format
      delete json.contentEncoding
      json.contentMediaType = 'application/octet-stream'
      break
    case 'number':
      // `z.int()` carries the safe-integer bounds as checks; they are noise in documentation.
      if (json.minimum === -SAFE_BOUND) delete json.minimum
      if (json.maximum === SAFE_BOUND) delete json.maximum
      break
    case 'object':
      if (mode === 'output') adjustOutputObject(def.shape ?? {}, def.catchall, json)
      break
  }
  // Keys Brisk reads itself from `.meta()`; they are not JSON Schema.
  for (const key of BRISK_META_KEYS) delete json[key]
}

const ZOD_ONLY_FORMATS = new Set(['starts_with', 'ends_with', 'includes', 'lowercase', 'uppercase', 'regex'])

/** `.meta()` keys that configure Brisk rather than describe a value. */
const BRISK_META_KEYS = ['alias', 'includeInSchema', 'openapiExamples']

/**
 * Zod's string formats whose check accepts exactly the strings their JSON Schema format names, so
 * the pattern zod writes beside the format says nothing more: `z.iso.date()` (`date`, RFC 3339's
 * full-date, month lengths and leap years included) and `z.guid()` (`uuid`, RFC 9562's 8-4-4-4-12
 * hex digits). Every other format keeps zod's pattern, because zod accepts less than the format
 * names (`z.uuid()` only RFC 9562's versions and variants; `z.iso.datetime()` only `Z` unless
 * `offset: true`, and never RFC 3339's lowercase `t`/`z` or leap seconds; `z.email()` a subset of
 * RFC 5321) or the format is zod's own (`nanoid`, `cuid`), which validators and generators skip.
 */
const FORMATS_AS_DOCUMENTED = new Set(['date', 'guid'])

/** Drops zod's pattern where the format beside it already says what the server accepts. */
function dropFormatPattern(def: ZodDef, json: JsonSchema): void {
  if (def.format === undefined || !FORMATS_AS_DOCUMENTED.has(def.format)) return
  const userRegex = zodChecks(def).some((check) => check.format === 'regex')
  if (!userRegex) delete json.pattern
}

/** A value as it is sent in JSON: a Set as an array, a Date as its ISO string. */
function jsonDefault(value: unknown): unknown {
  if (value instanceof Set) return [...value]
  if (value instanceof Map) return Object.fromEntries(value)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'bigint') return Number(value)
  return value
}

/**
 * In output mode zod marks every field with a default as required and closes every object. Pydantic
 * (with FastAPI's defaults) does neither, so a model with defaults documents as one schema, not as
 * different `-Input` and `-Output` schemas.
 */
function adjustOutputObject(
  shape: Record<string, Schema>,
  catchall: Schema | undefined,
  json: JsonSchema,
): void {
  if (zodDef(catchall)?.type !== 'never' && json.additionalProperties === false)
    delete json.additionalProperties
  if (!Array.isArray(json.required)) return
  const required = (json.required as string[]).filter((key) => {
    const type = zodDef(shape[key])?.type
    return type !== 'default' && type !== 'prefault'
  })
  if (required.length === 0) delete json.required
  else json.required = required
}

/**
 * Converts any Standard Schema with a JSON Schema hook (zod 4, valibot, arktype…) to JSON Schema
 * 2020-12, in FastAPI's dialect: nullable types as `anyOf: [X, {type: 'null'}]`, titles on model
 * fields. A schema without the hook, or one the library cannot express, becomes `{}` (any value),
 * as FastAPI documents an untyped parameter.
 */
export function convertSchema(schema: Schema, mode: SchemaMode): ConvertedSchema {
  const hook = (schema['~standard'] as { jsonSchema?: Partial<Record<SchemaMode, unknown>> }).jsonSchema
  const convert = hook?.[mode]
  let raw: JsonSchema = {}
  if (typeof convert === 'function') {
    try {
      raw = structuredClone(
        convert({ target: 'draft-2020-12', libraryOptions: zodOptions(mode) }) as JsonSchema,
      )
    } catch {
      raw = {}
    }
  }
  const { $schema: _dialect, $defs, ...root } = raw
  const defs = ($defs ?? {}) as Record<string, JsonSchema>
  normalize(root)
  for (const [name, def] of Object.entries(defs)) {
    normalize(def)
    if (isModel(def)) def.title ??= name
  }
  return { root, defs }
}

function isPlainString(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    Object.keys(json).length === 1 &&
    (json as JsonSchema).type === 'string'
  )
}

function isModel(json: JsonSchema): boolean {
  return json.type === 'object' || Array.isArray(json.enum)
}

// Keywords whose value is one subschema, or a list of them, or a map of them.
const ONE = ['items', 'additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else']
const MANY = ['anyOf', 'oneOf', 'allOf', 'prefixItems']
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs']

/** Visits every subschema of `json` (not `json` itself), by the keywords that hold subschemas. */
export function forEachSubschema(json: JsonSchema, visit: (child: JsonSchema) => void): void {
  for (const key of ONE) if (isObject(json[key])) visit(json[key] as JsonSchema)
  for (const key of MANY) {
    const list = json[key]
    if (Array.isArray(list)) for (const child of list) if (isObject(child)) visit(child as JsonSchema)
  }
  for (const key of MAP) {
    const map = json[key]
    if (isObject(map)) for (const child of Object.values(map)) if (isObject(child)) visit(child as JsonSchema)
  }
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Rewrites a converted schema in place into FastAPI's dialect. */
function normalize(json: JsonSchema): void {
  splitNullableType(json)
  const properties = json.properties
  if (isObject(properties)) {
    for (const [name, field] of Object.entries(properties as Record<string, JsonSchema>)) {
      if (isObject(field) && field.title === undefined && !isReference(field)) field.title = fieldTitle(name)
    }
  }
  forEachSubschema(json, normalize)
}

/** Pydantic gives a field no title when it only refers to a model, even through `Optional`. */
function isReference(json: JsonSchema): boolean {
  if (typeof json.$ref === 'string') return true
  const options = json.anyOf
  return (
    Array.isArray(options) &&
    options.some((o) => typeof o.$ref === 'string') &&
    options.every((o) => typeof o.$ref === 'string' || o.type === 'null')
  )
}

// Keywords set with `.meta()` on a nullable schema itself (not on the type inside it): they stay
// beside the `anyOf` when a nullable type is split, where Pydantic puts a field's extra schema.
const OUTER = '__briskOuterMeta'
const NULLABLE_WRAPPERS = new Set(['nullable', 'default', 'prefault', 'optional', 'union'])

function markOuterMeta(zodSchema: unknown, def: ZodDef, json: JsonSchema): void {
  if (!NULLABLE_WRAPPERS.has(def.type)) return
  const meta = (zodSchema as { meta?: () => Record<string, unknown> | undefined }).meta?.()
  if (meta === undefined) return
  const keys = Object.keys(meta).filter((key) => key in json && !ANNOTATIONS.has(key))
  if (keys.length > 0) json[OUTER] = [...(json[OUTER] ?? []), ...keys]
}

// Annotations stay on the outer schema when a nullable type is split; the rest describe the value.
const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
])

/** `{type: ['string', 'null'], minLength: 1}` → `{anyOf: [{type: 'string', minLength: 1}, {type: 'null'}]}`. */
function splitNullableType(json: JsonSchema): void {
  const type = json.type
  const outer = new Set<string>(json[OUTER] ?? [])
  delete json[OUTER]
  if (!Array.isArray(type) || !type.includes('null') || type.length < 2) return
  const value: JsonSchema = {}
  for (const [key, keywordValue] of Object.entries(json)) {
    if (key === 'type' || ANNOTATIONS.has(key) || outer.has(key)) continue
    value[key] = keywordValue
    delete json[key]
  }
  const others = type.filter((t) => t !== 'null')
  delete json.type
  const branches = others.map((t) => ({ type: t, ...value }))
  json.anyOf = [...branches, { type: 'null' }]
}
