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

import { downgradeSchema } from './downgrade-schema.js'
import { isObject, type JsonObject, mapList, mapValues, pick } from './json-object.js'

interface Context {
  /** `components.pathItems` of the source: 3.0 has no such section, so references are inlined. */
  pathItems: JsonObject
  /** Path item references being inlined, to stop on a cycle. */
  resolving: Set<string>
  /** Security schemes of type `mutualTLS` (3.1 only), dropped with their requirements. */
  mutualTLS: Set<string>
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])

/**
 * Returns a new OpenAPI 3.0.3 document equivalent to a 3.1 `document`, as closely as 3.0 allows.
 * The input is never mutated and shares nothing with the result.
 *
 * Dropped: `webhooks`, `jsonSchemaDialect`, `info.summary`, `license.identifier`,
 * `components.pathItems` (references to them are inlined), `mutualTLS` security schemes.
 * A media type's `itemSchema` (3.2 streaming: SSE, JSON Lines) becomes the `x-itemSchema`
 * extension (as Brisk's 3.1 documents write it), and without a `schema` it gets the one 3.2
 * gives a sequence: an array of the items.
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
    if (key === 'schemas') out.schemas = mapValues(value, downgradeSchema)
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
  if (parameter.schema !== undefined) out.schema = downgradeSchema(parameter.schema)
  if (parameter.content !== undefined) out.content = mapValues(parameter.content, convertMediaType)
  return out
}

function convertMediaType(media: unknown): unknown {
  if (!isObject(media)) return media
  const out: JsonObject = {}
  for (const [key, value] of Object.entries(media)) {
    if (key === 'schema') out.schema = downgradeSchema(value)
    else if (key === 'itemSchema' || key === 'x-itemSchema') {
      out.schema ??= downgradeSchema({ type: 'array', items: value })
      out['x-itemSchema'] = downgradeSchema(value)
    } else if (key === 'encoding') out.encoding = mapValues(value, convertEncoding)
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

// ---- Helpers ------------------------------------------------------------------------------

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
