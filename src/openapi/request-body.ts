import type { Dependency } from '../di/dependency.js'
import type { BodySpec, ParamSpec } from '../params/param-spec.js'
import type { FilesSpec } from '../params/upload-spec.js'
import { metaOf } from '../schema/alias.js'
import { describeSchema } from '../schema/describe.js'
import { isSchema, type Schema } from '../schema/standard.js'
import type { SchemaCollector } from './components.js'
import { type DocumentedField, fileEncoding, fileFields } from './file-fields.js'
import { bodyComponentName, fieldTitle } from './naming.js'
import type { JsonSchema } from './types.js'

/** What a route reads from its body, as declared by itself and its dependencies. */
export interface BodyDeclaration {
  /** The route's JSON `body`. */
  body: BodySpec | undefined
  /** The route's `form` fields. */
  form: ParamSpec | undefined
  /** The route's `files`: the body is then `multipart/form-data`. */
  files: FilesSpec | undefined
  /** `files` was declared before `form`: its fields come first, as FastAPI lists parameters. */
  filesFirst: boolean
  dependencies: readonly Dependency<any>[]
}

const FORM = 'application/x-www-form-urlencoded'
const MULTIPART = 'multipart/form-data'

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
  if (declaration.files !== undefined) {
    const files = fileFields(declaration.files)
    const media = bodyOf(declaration.form, formFields, MULTIPART, operationId, collector, {
      fields: files,
      first: declaration.filesFirst,
    })
    const encoding = fileEncoding(declaration.files)
    if (media !== undefined && encoding !== undefined) media.content[MULTIPART].encoding = encoding
    return media
  }
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
  files?: { fields: DocumentedField[]; first: boolean },
): JsonSchema | undefined {
  if (spec !== undefined && isSchema(spec) && dependencyFields.length === 0 && files === undefined) {
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
  const documented: DocumentedField[] = [...fields].map(([key, schema]) => {
    const json = collector.use(schema, 'input')
    if (typeof json.$ref !== 'string') json.title ??= fieldTitle(key)
    return { key, schema: json, required: describeSchema(schema).required }
  })
  if (files !== undefined) {
    if (files.first) documented.unshift(...files.fields)
    else documented.push(...files.fields)
  }
  if (documented.length === 0) return undefined
  const name = bodyComponentName(operationId)
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const field of documented) {
    properties[field.key] = field.schema
    if (field.required) required.push(field.key)
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
