import type { Dependency } from '../di/dependency.js'
import type { BodySpec, ParamSpec } from '../params/param-spec.js'
import { metaOf } from '../schema/alias.js'
import { describeSchema } from '../schema/describe.js'
import { isSchema, type Schema } from '../schema/standard.js'
import type { SchemaCollector } from './components.js'
import { bodyComponentName, fieldTitle } from './naming.js'
import type { JsonSchema } from './types.js'

/** What a route reads from its body, as declared by itself and its dependencies. */
export interface BodyDeclaration {
  /** The route's JSON `body`. */
  body: BodySpec | undefined
  /** The route's urlencoded `form`. */
  form: ParamSpec | undefined
  dependencies: readonly Dependency<any>[]
}

const FORM = 'application/x-www-form-urlencoded'

/**
 * The Request Body Object of an operation, or undefined when it reads no body: its JSON body, or
 * its urlencoded form when it or a dependency reads form fields.
 */
export function requestBody(
  declaration: BodyDeclaration,
  operationId: string,
  collector: SchemaCollector,
): JsonSchema | undefined {
  const { dependencies } = declaration
  const formFields = dependencies.flatMap((dependency) => fieldsOf(dependency.params.form))
  if (declaration.form !== undefined || formFields.length > 0) {
    return bodyOf(declaration.form, formFields, FORM, operationId, collector)
  }
  const bodyFields = dependencies.flatMap((dependency) => Object.entries(dependency.params.body ?? {}))
  return bodyOf(declaration.body, bodyFields, 'application/json', operationId, collector)
}

/** The fields of an object of schemas, or of an object schema (a form model). */
function fieldsOf(spec: ParamSpec | undefined): [string, Schema][] {
  if (spec === undefined) return []
  if (!isSchema(spec)) return Object.entries(spec)
  return Object.entries(describeSchema(spec).shape ?? {})
}

/**
 * A whole body is its schema (a `$ref` when named); fields (embedded JSON fields, form fields,
 * fields from dependencies) make the component `Body_<operationId>`, as FastAPI names it.
 */
function bodyOf(
  spec: BodySpec | undefined,
  dependencyFields: [string, Schema][],
  mediaType: string,
  operationId: string,
  collector: SchemaCollector,
): JsonSchema | undefined {
  if (spec !== undefined && isSchema(spec) && dependencyFields.length === 0) {
    const schema = collector.use(spec, 'input', { titleNamesComponent: true })
    // FastAPI titles a body that is not a bare reference by its parameter's name; a whole body
    // has none, so an optional model body takes its model's name (`Item | None` → "Item").
    if (typeof schema.$ref !== 'string') schema.title ??= referencedName(schema)
    const media: JsonSchema = { schema }
    // `.meta({ openapiExamples })`: named examples Swagger UI offers in a picker (FastAPI's
    // `Body(openapi_examples=...)`); they belong to the media type, not to the JSON Schema.
    const examples = metaOf(spec, 'openapiExamples')
    if (typeof examples === 'object' && examples !== null) media.examples = examples
    return withRequired({ content: { [mediaType]: media } }, describeSchema(spec).required)
  }
  const own = spec === undefined || isSchema(spec) ? [] : Object.entries(spec)
  const fields = new Map<string, Schema>(own)
  for (const [key, schema] of dependencyFields) if (!fields.has(key)) fields.set(key, schema)
  if (fields.size === 0) return undefined
  const name = bodyComponentName(operationId)
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const [key, schema] of fields) {
    const json = collector.use(schema, 'input')
    if (typeof json.$ref !== 'string') json.title ??= fieldTitle(key)
    properties[key] = json
    if (describeSchema(schema).required) required.push(key)
  }
  const component: JsonSchema = { properties, type: 'object' }
  if (required.length > 0) component.required = required
  component.title = name
  collector.addComponent(name, component)
  return withRequired(
    { content: { [mediaType]: { schema: collector.reference(name) } } },
    required.length > 0,
  )
}

/** The component name an `anyOf: [{$ref}, {type: 'null'}]` refers to, if that is what it is. */
function referencedName(schema: JsonSchema): string | undefined {
  const refs = Array.isArray(schema.anyOf)
    ? schema.anyOf.filter((o: JsonSchema) => typeof o.$ref === 'string')
    : []
  if (refs.length !== 1) return undefined
  const ref = refs[0].$ref as string
  return ref.slice(ref.lastIndexOf('/') + 1)
}

function withRequired(body: JsonSchema, required: boolean): JsonSchema {
  if (required) body.required = true
  return body
}
