/**
 * OpenAPI 3.1 → 3.0.3 for one Schema Object (JSON Schema 2020-12 → OpenAPI 3.0's subset), walked
 * by its subschema keywords only; `downgrade.ts` finds every place a schema appears.
 */
import { isObject, type JsonObject, mapList, mapValues, pick, sameJson } from './json-object.js'

// The Schema Object keywords of OpenAPI 3.0.3 §4.7.24; any other keyword is dropped (3.0 validators
// reject unknown keywords). Each 3.1-only keyword either gets a rewrite below or only narrows what
// a schema accepts, so dropping it loosens the schema and never makes it reject valid data.
const SCHEMA_KEYWORDS_30 = new Set([
  ...['title', 'description', 'default', 'example', 'deprecated', 'readOnly', 'writeOnly'],
  ...['multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum'],
  ...['maxLength', 'minLength', 'pattern', 'format', 'maxItems', 'minItems', 'uniqueItems'],
  ...['maxProperties', 'minProperties', 'required', 'enum', 'type', 'nullable'],
  ...['not', 'allOf', 'oneOf', 'anyOf', 'items', 'properties', 'additionalProperties'],
  ...['discriminator', 'externalDocs', 'xml', '$ref'],
])

const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])
const SCHEMA_MAPS = new Set(['properties', 'patternProperties'])

/** Converts one JSON Schema 2020-12 schema (and its subschemas) to an OpenAPI 3.0 Schema Object. */
export function downgradeSchema(schema: unknown): unknown {
  // Boolean schemas are 2020-12 only: `true` accepts anything, `false` nothing.
  if (schema === true) return {}
  if (schema === false) return { not: {} }
  if (!isObject(schema)) return schema
  const { schema: lifted, nullable } = liftNullBranch(schema)
  let out = convertSubschemas(lifted)
  out = constToEnum(out)
  out = firstExample(out)
  out = exclusiveBound(out, 'exclusiveMinimum', 'minimum', (a, b) => a > b)
  out = exclusiveBound(out, 'exclusiveMaximum', 'maximum', (a, b) => a < b)
  out = contentToFormat(out)
  out = tupleToItems(out)
  out = patternToAdditional(out)
  out = typeListToNullable(out)
  out = typeNullToNullable(out)
  if (nullable) out = addNull(out)
  out = tidy(out)
  out = pick(out, (key) => SCHEMA_KEYWORDS_30.has(key) || key.startsWith('x-'))
  return out.nullable === true && typeof out.type !== 'string' ? withNullBranch(out) : refWithSiblings(out)
}

/** Recurses into subschema keywords only; every other value is data and is copied as is. */
function convertSubschemas(schema: JsonObject): JsonObject {
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) out[key] = value
    else if (SCHEMA_MAPS.has(key)) out[key] = mapValues(value, downgradeSchema)
    else if (SCHEMA_LISTS.has(key)) out[key] = mapList(value, downgradeSchema)
    else if (key === 'not') out[key] = downgradeSchema(value)
    // A boolean is a valid `additionalProperties` in 3.0.
    else if (key === 'additionalProperties')
      out[key] = typeof value === 'boolean' ? value : downgradeSchema(value)
    // `items: false` (nothing past the tuple) is read by `tupleToItems`.
    else if (key === 'items') out[key] = value === false ? false : downgradeSchema(value)
    else out[key] = value
  }
  return out
}

function isNullBranch(branch: unknown): boolean {
  if (!isObject(branch)) return false
  return branch.type === 'null' || (Array.isArray(branch.type) && branch.type.every((t) => t === 'null'))
}

/**
 * FastAPI's `anyOf: [X, {type: 'null'}]` becomes X with a nullable flag: the other branch is
 * merged into the schema, unless that would overwrite a sibling keyword (then it goes under
 * `allOf`). Two or more other branches keep their union.
 */
function liftNullBranch(schema: JsonObject): { schema: JsonObject; nullable: boolean } {
  for (const key of ['anyOf', 'oneOf']) {
    const branches = schema[key]
    if (!Array.isArray(branches) || !branches.some(isNullBranch)) continue
    const { [key]: _union, ...siblings } = schema
    const rest = branches.filter((branch) => !isNullBranch(branch))
    const [only] = rest
    if (rest.length === 0) return { schema: { ...siblings, type: 'null' }, nullable: true }
    if (rest.length > 1) return { schema: { ...siblings, [key]: rest }, nullable: true }
    if (only === true) return { schema: siblings, nullable: true }
    const clash =
      !isObject(only) || Object.keys(only).some((k) => k in siblings && !sameJson(only[k], siblings[k]))
    if (!clash) return { schema: { ...only, ...siblings }, nullable: true }
    const allOf = Array.isArray(siblings.allOf) ? siblings.allOf : []
    return { schema: { ...siblings, allOf: [...allOf, only] }, nullable: true }
  }
  return { schema, nullable: false }
}

/**
 * The null branch accepted null whatever X's `enum` said; 3.0.3 (§4.7.24, `nullable`) says an
 * `enum` still applies to null, so null joins the values of a typed schema (an untyped one gets
 * its own null branch, see `withNullBranch`).
 */
function addNull(schema: JsonObject): JsonObject {
  const values = schema.enum
  if (typeof schema.type === 'string' && Array.isArray(values) && !values.includes(null))
    return { ...schema, nullable: true, enum: [...values, null] }
  return { ...schema, nullable: true }
}

/**
 * 3.0's spelling of "only null": `nullable` adds null to a `type` (3.0.3 §4.7.24), and the enum
 * then leaves nothing but null. Any type would do; with `string`, openapi-typescript prints `null`.
 */
const NULL_ONLY: JsonObject = { type: 'string', nullable: true, enum: [null] }

// Keywords that describe a schema rather than constrain it: they stay on the outside of a union.
const ANNOTATIONS_30 = new Set(['title', 'description', 'default', 'example', 'deprecated', 'externalDocs'])

/**
 * 3.0.3 says `nullable` adds null only to a `type` in the same Schema Object, so on a `$ref` (under
 * `allOf`), a union or an untyped schema it adds nothing: Redocly (`nullable-type-sibling`) and
 * Ajv refuse it, and an honest validator rejects the null the 3.1 document allowed. Such a schema
 * becomes `anyOf: [X, NULL_ONLY]` instead (openapi-typescript: `X | null`), its annotations kept
 * outside the union.
 */
function withNullBranch(schema: JsonObject): JsonObject {
  const { nullable: _nullable, ...rest } = schema
  const outer: JsonObject = {}
  const value: JsonObject = {}
  for (const [key, keywordValue] of Object.entries(rest)) {
    if (ANNOTATIONS_30.has(key) || key.startsWith('x-')) outer[key] = keywordValue
    else value[key] = keywordValue
  }
  // A schema with no constraint accepts every value, null included.
  if (Object.keys(value).length === 0) return outer
  return { ...outer, anyOf: [...branchesOf(value), NULL_ONLY] }
}

/** The union branches that say what `value` says: its own `anyOf`, or a lone `allOf` item, or itself. */
function branchesOf(value: JsonObject): unknown[] {
  const keys = Object.keys(value)
  if (keys.length === 1 && Array.isArray(value.anyOf)) return value.anyOf
  if (keys.length === 1 && Array.isArray(value.allOf) && value.allOf.length === 1) return value.allOf
  return [refWithSiblings(value)]
}

function constToEnum(schema: JsonObject): JsonObject {
  if (!('const' in schema)) return schema
  const { const: value, ...rest } = schema
  return { ...rest, enum: [value] }
}

/** A schema's `examples` array has one counterpart in 3.0, the singular `example`. */
function firstExample(schema: JsonObject): JsonObject {
  if (!('examples' in schema)) return schema
  const { examples, ...rest } = schema
  if (rest.example !== undefined || !Array.isArray(examples) || examples.length === 0) return rest
  return { ...rest, example: examples[0] }
}

/** Numeric `exclusiveMinimum: 5` is 3.0's `minimum: 5, exclusiveMinimum: true`; the tighter bound wins. */
function exclusiveBound(
  schema: JsonObject,
  exclusive: 'exclusiveMinimum' | 'exclusiveMaximum',
  inclusive: 'minimum' | 'maximum',
  tighter: (a: number, b: number) => boolean,
): JsonObject {
  const bound = schema[exclusive]
  if (typeof bound !== 'number') return schema
  const { [exclusive]: _bound, ...rest } = schema
  const current = rest[inclusive]
  if (typeof current === 'number' && tighter(current, bound)) return rest
  return { ...rest, [inclusive]: bound, [exclusive]: true }
}

/**
 * 3.1 says "a file" with `contentMediaType`; 3.0 with `format: binary` (or `byte` for base64).
 * A textual media type (an SSE `data` field holding JSON) stays a plain string.
 */
function contentToFormat(schema: JsonObject): JsonObject {
  const { contentMediaType, contentEncoding, contentSchema: _contentSchema, ...rest } = schema
  if (contentMediaType === undefined && contentEncoding === undefined) return schema
  if (rest.format !== undefined) return rest
  if (contentEncoding === 'base64') return { ...rest, format: 'byte' }
  const textual = typeof contentMediaType === 'string' && /^text\/|json|xml/i.test(contentMediaType)
  if (contentEncoding === undefined && typeof contentMediaType === 'string' && !textual) {
    return { ...rest, format: 'binary' }
  }
  return rest
}

/**
 * A tuple (`prefixItems`) becomes an array of the union of its member types, its length kept by
 * `minItems`/`maxItems`; the order of the types is what 3.0 cannot say.
 */
function tupleToItems(schema: JsonObject): JsonObject {
  const { prefixItems, ...rest } = schema
  const closed = rest.items === false
  if (closed) {
    const length = Array.isArray(prefixItems) ? prefixItems.length : 0
    rest.maxItems = typeof rest.maxItems === 'number' ? Math.min(rest.maxItems, length) : length
    delete rest.items
  }
  if (!Array.isArray(prefixItems)) return rest
  const bounded = typeof rest.maxItems === 'number' && rest.maxItems <= prefixItems.length
  if (closed || bounded) return { ...rest, items: union(prefixItems) }
  // Items past the tuple follow `items`, or anything when it is absent.
  return { ...rest, items: rest.items === undefined ? {} : union([...prefixItems, rest.items]) }
}

/**
 * `patternProperties` is dropped; when extra properties were closed or constrained, the pattern
 * schemas join `additionalProperties` so that matching properties stay allowed.
 */
function patternToAdditional(schema: JsonObject): JsonObject {
  const { patternProperties, ...rest } = schema
  if (!isObject(patternProperties) || Object.keys(patternProperties).length === 0) return rest
  const patterns = Object.values(patternProperties)
  const extra = rest.additionalProperties
  if (extra === false) return { ...rest, additionalProperties: union(patterns) }
  if (isObject(extra)) return { ...rest, additionalProperties: union([...patterns, extra]) }
  return rest
}

/** `type: ['string', 'null']` → `type: 'string', nullable: true`; several types become an `anyOf`. */
function typeListToNullable(schema: JsonObject): JsonObject {
  if (!Array.isArray(schema.type)) return schema
  const { type: list, ...rest } = schema
  const types = list.filter((type) => type !== 'null')
  if (types.length === 0) return { ...rest, type: 'null' }
  if (types.length < list.length) rest.nullable = true
  if (types.length === 1) return { type: types[0], ...rest }
  const branches = types.map((type) => (type === 'array' ? { type, items: {} } : { type }))
  if (rest.anyOf === undefined) return { ...rest, anyOf: branches }
  const allOf = Array.isArray(rest.allOf) ? rest.allOf : []
  return { ...rest, allOf: [...allOf, { anyOf: branches }] }
}

/** 3.0 has no null type: a schema that only accepts null is `NULL_ONLY`. */
function typeNullToNullable(schema: JsonObject): JsonObject {
  if (schema.type !== 'null') return schema
  const { type: _type, ...rest } = schema
  return { ...rest, ...NULL_ONLY }
}

/** Fixes what 3.0's meta-schema or spec require: non-empty `required`/`enum`, `items` on arrays. */
function tidy(schema: JsonObject): JsonObject {
  const out = { ...schema }
  if (Array.isArray(out.required) && out.required.length === 0) delete out.required
  if (Array.isArray(out.enum) && out.enum.length === 0) {
    delete out.enum
    out.not = {}
  }
  if (out.type === 'array' && out.items === undefined) out.items = {}
  return out
}

/** 3.0 ignores a `$ref`'s siblings (§4.7.26), so a reference that carries more goes under `allOf`. */
function refWithSiblings(schema: JsonObject): JsonObject {
  const { $ref, ...siblings } = schema
  if (typeof $ref !== 'string' || Object.keys(siblings).length === 0) return schema
  const allOf = Array.isArray(siblings.allOf) ? siblings.allOf : []
  return { ...siblings, allOf: [{ $ref }, ...allOf] }
}

/** One schema accepting what any of `schemas` accepts; `{}` when one of them accepts anything. */
function union(schemas: unknown[]): unknown {
  const unique = schemas.filter(
    (schema, index) => schemas.findIndex((other) => sameJson(other, schema)) === index,
  )
  if (unique.length === 0 || unique.some((s) => isObject(s) && Object.keys(s).length === 0)) return {}
  return unique.length === 1 ? unique[0] : { anyOf: unique }
}
