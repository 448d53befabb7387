/**
 * OpenAPI 3.1 → 3.0.3 down-conversion, for client generators that cannot read 3.1 yet.
 *
 * The walk follows the OpenAPI structure to every place a Schema Object may appear (components,
 * parameters, headers, media types, callbacks), then walks each schema by its subschema keywords
 * only. Keys that are names (property names, schema names, paths, status codes, media types) and
 * values that are data (`default`, `enum`, `const`, examples) are never rewritten.
 *
 * Rule for what 3.0 cannot say: drop it in the direction that accepts more, never less, so a
 * document that was true of the API stays true (a looser contract, not a wrong one).
 */

type JsonObject = Record<string, unknown>

interface Context {
  /** `components.pathItems` of the source: 3.0 has no such section, so references are inlined. */
  pathItems: JsonObject
  /** Path item references being inlined, to stop on a cycle. */
  resolving: Set<string>
  /** Security schemes of type `mutualTLS` (3.1 only), dropped with their requirements. */
  mutualTLS: Set<string>
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

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

/**
 * Returns a new OpenAPI 3.0.3 document equivalent to a 3.1 `document`, as closely as 3.0 allows.
 * The input is never mutated and shares nothing with the result.
 *
 * Dropped: `webhooks`, `jsonSchemaDialect`, `info.summary`, `license.identifier`,
 * `components.pathItems` (references to them are inlined), `mutualTLS` security schemes.
 * A media type's `itemSchema` (3.2 streaming: SSE, JSON Lines) becomes the `x-itemSchema`
 * extension: the body is a stream of items, not a JSON array, so it gets no `schema` in 3.0.
 *
 * @example
 * const legacy = toOpenAPI30({ openapi: '3.1.0', info: { title: 'Shop', version: '1' }, paths: {} })
 * legacy.openapi // '3.0.3'
 */
export function toOpenAPI30(document: JsonObject): JsonObject {
  const source = structuredClone(document)
  const components = isObject(source.components) ? source.components : {}
  const ctx: Context = {
    pathItems: isObject(components.pathItems) ? components.pathItems : {},
    resolving: new Set(),
    mutualTLS: mutualTLSSchemes(components.securitySchemes),
  }
  const out: JsonObject = { openapi: '3.0.3' }
  for (const [key, value] of Object.entries(source)) {
    if (key === 'openapi' || key === 'webhooks' || key === 'jsonSchemaDialect') continue
    if (key === 'info') out.info = convertInfo(value)
    else if (key === 'paths') out.paths = mapValues(value, (item) => convertPathItem(item, ctx))
    else if (key === 'components') out.components = convertComponents(value, ctx)
    else if (key === 'security') out.security = convertSecurity(value, ctx)
    else out[key] = value
  }
  // `paths` is optional in 3.1 (a webhooks-only API) but required in 3.0.
  out.paths ??= {}
  return out
}

// ---- Document structure -------------------------------------------------------------------

function convertInfo(info: unknown): unknown {
  if (!isObject(info)) return info
  const { summary: _summary, ...rest } = info
  if (!isObject(rest.license)) return rest
  // An SPDX `identifier` has no 3.0 field: it becomes the license's SPDX page, as 3.0 wants a `url`.
  const { identifier, ...license } = rest.license
  if (typeof identifier === 'string' && license.url === undefined) {
    license.url = `https://spdx.org/licenses/${encodeURIComponent(identifier)}.html`
  }
  return { ...rest, license }
}

function convertComponents(components: unknown, ctx: Context): unknown {
  if (!isObject(components)) return components
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(components)) {
    if (key === 'schemas') out.schemas = mapValues(value, convertSchema)
    else if (key === 'responses') out.responses = mapValues(value, refOr(convertResponse))
    else if (key === 'parameters' || key === 'headers') out[key] = mapValues(value, refOr(convertParameter))
    else if (key === 'requestBodies') out.requestBodies = mapValues(value, refOr(convertRequestBody))
    else if (key === 'callbacks') out.callbacks = mapValues(value, refOr(callbackConverter(ctx)))
    else if (key === 'securitySchemes') out.securitySchemes = withoutKeys(value, ctx.mutualTLS)
    else if (key === 'examples' || key === 'links' || key.startsWith('x-')) out[key] = value
    // Anything else (3.1 `pathItems`, 3.2 `mediaTypes`) has no place in 3.0 components.
  }
  return out
}

function convertPathItem(item: unknown, ctx: Context): unknown {
  if (!isObject(item)) return item
  const inlined = inlinePathItemRef(item, ctx)
  if (inlined !== undefined) return inlined
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(item)) {
    if (HTTP_METHODS.has(key)) out[key] = convertOperation(value, ctx)
    else if (key === 'parameters') out.parameters = mapList(value, refOr(convertParameter))
    else out[key] = value
  }
  return out
}

/** A reference to `#/components/pathItems/Name` is replaced by that path item, converted. */
function inlinePathItemRef(item: JsonObject, ctx: Context): unknown {
  const prefix = '#/components/pathItems/'
  if (typeof item.$ref !== 'string' || !item.$ref.startsWith(prefix)) return undefined
  const name = item.$ref.slice(prefix.length).replaceAll('~1', '/').replaceAll('~0', '~')
  const target = ctx.pathItems[name]
  if (!isObject(target) || ctx.resolving.has(name)) return undefined
  ctx.resolving.add(name)
  const { $ref: _ref, ...siblings } = item
  const converted = convertPathItem({ ...target, ...siblings }, ctx)
  ctx.resolving.delete(name)
  return converted
}

function convertOperation(operation: unknown, ctx: Context): unknown {
  if (!isObject(operation)) return operation
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(operation)) {
    if (key === 'parameters') out.parameters = mapList(value, refOr(convertParameter))
    else if (key === 'requestBody') out.requestBody = refOr(convertRequestBody)(value)
    else if (key === 'responses') out.responses = mapValues(value, refOr(convertResponse))
    else if (key === 'callbacks') out.callbacks = mapValues(value, refOr(callbackConverter(ctx)))
    else if (key === 'security') out.security = convertSecurity(value, ctx)
    else out[key] = value
  }
  // `responses` is optional in 3.1 but required, with at least one entry, in 3.0.
  if (!isObject(out.responses) || Object.keys(out.responses).length === 0) {
    out.responses = { default: { description: 'Unspecified response' } }
  }
  return out
}

function callbackConverter(ctx: Context): (callback: unknown) => unknown {
  return (callback) => mapValues(callback, (item) => convertPathItem(item, ctx))
}

function convertRequestBody(body: JsonObject): JsonObject {
  const out = { ...body }
  if (body.content !== undefined) out.content = mapValues(body.content, convertMediaType)
  return out
}

function convertResponse(response: JsonObject): JsonObject {
  const out = { ...response }
  if (response.headers !== undefined) out.headers = mapValues(response.headers, refOr(convertParameter))
  if (response.content !== undefined) out.content = mapValues(response.content, convertMediaType)
  return out
}

/** Parameter and Header Objects: a `schema`, or a `content` map of one media type. */
function convertParameter(parameter: JsonObject): JsonObject {
  const out = { ...parameter }
  if (parameter.schema !== undefined) out.schema = convertSchema(parameter.schema)
  if (parameter.content !== undefined) out.content = mapValues(parameter.content, convertMediaType)
  return out
}

function convertMediaType(media: unknown): unknown {
  if (!isObject(media)) return media
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(media)) {
    if (key === 'schema') out.schema = convertSchema(value)
    else if (key === 'itemSchema') out['x-itemSchema'] = convertSchema(value)
    else if (key === 'encoding') out.encoding = mapValues(value, convertEncoding)
    // 3.2's per-item encodings of a stream have no 3.0 counterpart.
    else if (key !== 'itemEncoding' && key !== 'prefixEncoding') out[key] = value
  }
  return out
}

function convertEncoding(encoding: unknown): unknown {
  if (!isObject(encoding) || encoding.headers === undefined) return encoding
  return { ...encoding, headers: mapValues(encoding.headers, refOr(convertParameter)) }
}

function mutualTLSSchemes(schemes: unknown): Set<string> {
  if (!isObject(schemes)) return new Set()
  return new Set(
    Object.entries(schemes)
      .filter(([, scheme]) => isObject(scheme) && scheme.type === 'mutualTLS')
      .map(([name]) => name),
  )
}

/**
 * Mutual TLS cannot be described in 3.0: its name leaves each requirement. A requirement that
 * named only it becomes `{}` (anonymous access), the looser reading rather than a dangling name.
 */
function convertSecurity(requirements: unknown, ctx: Context): unknown {
  if (ctx.mutualTLS.size === 0) return requirements
  return mapList(requirements, (requirement) => withoutKeys(requirement, ctx.mutualTLS))
}

// ---- Schema Objects -----------------------------------------------------------------------

/** Converts one JSON Schema 2020-12 schema (and its subschemas) to an OpenAPI 3.0 Schema Object. */
function convertSchema(schema: unknown): unknown {
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
  return refWithSiblings(pick(out, (key) => SCHEMA_KEYWORDS_30.has(key) || key.startsWith('x-')))
}

/** Recurses into subschema keywords only; every other value is data and is copied as is. */
function convertSubschemas(schema: JsonObject): JsonObject {
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) out[key] = value
    else if (SCHEMA_MAPS.has(key)) out[key] = mapValues(value, convertSchema)
    else if (SCHEMA_LISTS.has(key)) out[key] = mapList(value, convertSchema)
    else if (key === 'not') out[key] = convertSchema(value)
    // A boolean is a valid `additionalProperties` in 3.0.
    else if (key === 'additionalProperties')
      out[key] = typeof value === 'boolean' ? value : convertSchema(value)
    // `items: false` (nothing past the tuple) is read by `tupleToItems`.
    else if (key === 'items') out[key] = value === false ? false : convertSchema(value)
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
 * `enum` still applies to null, so null joins the values.
 */
function addNull(schema: JsonObject): JsonObject {
  const values = schema.enum
  if (Array.isArray(values) && !values.includes(null))
    return { ...schema, nullable: true, enum: [...values, null] }
  return { ...schema, nullable: true }
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

/** 3.0 has no null type: a schema that only accepts null is a nullable enum of null. */
function typeNullToNullable(schema: JsonObject): JsonObject {
  if (schema.type !== 'null') return schema
  const { type: _type, ...rest } = schema
  return { ...rest, nullable: true, enum: rest.enum ?? [null] }
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

// ---- Helpers ------------------------------------------------------------------------------

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Converts each value of a map, keeping its keys (names, never keywords). */
function mapValues(map: unknown, convert: (value: unknown) => unknown): unknown {
  if (!isObject(map)) return map
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, convert(value)]))
}

function mapList(list: unknown, convert: (value: unknown) => unknown): unknown {
  return Array.isArray(list) ? list.map(convert) : list
}

function pick(object: JsonObject, keep: (key: string) => boolean): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([key]) => keep(key)))
}

function withoutKeys(object: unknown, keys: Set<string>): unknown {
  return isObject(object) ? pick(object, (key) => !keys.has(key)) : object
}

/**
 * A Reference Object, or the object converted. 3.1 lets a reference carry `summary` and
 * `description`; 3.0 ignores any sibling of `$ref`, so they go.
 */
function refOr(convert: (object: JsonObject) => unknown): (value: unknown) => unknown {
  return (value) => {
    if (!isObject(value)) return value
    return typeof value.$ref === 'string' ? { $ref: value.$ref } : convert(value)
  }
}
