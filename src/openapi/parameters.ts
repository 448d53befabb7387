import type { Dependency } from '../di/dependency.js'
import type { ParamSpec } from '../params/param-spec.js'
import { metaOf, wireName } from '../schema/alias.js'
import { describeSchema } from '../schema/describe.js'
import { isSchema, type Schema } from '../schema/standard.js'
import type { SchemaCollector } from './components.js'
import { fieldTitle } from './naming.js'
import type { JsonSchema } from './types.js'

type Location = 'path' | 'query' | 'header' | 'cookie'

/** Route and dependency option names of each parameter location, in FastAPI's order. */
const GROUPS: [Location, 'path' | 'query' | 'headers' | 'cookies'][] = [
  ['path', 'path'],
  ['query', 'query'],
  ['header', 'headers'],
  ['cookie', 'cookies'],
]

/** A Parameter Object. */
export interface ParameterObject {
  name: string
  in: Location
  required: boolean
  schema: JsonSchema
  description?: string
  deprecated?: boolean
  examples?: Record<string, unknown>
}

interface Field {
  key: string
  schema: JsonSchema
  required: boolean
  /** The declared schema, for its alias; absent for another library's model fields. */
  source?: Schema
  /** A parameter model's field is titled by its key, as Pydantic titles model fields. */
  inModel: boolean
}

/**
 * The parameters of an operation as FastAPI lists them: grouped path → query → header → cookie;
 * in each group the route's own first, then its dependencies' in order; a name declared twice in
 * one location listed once, required if any declaration requires it.
 */
export function operationParameters(
  own: Partial<Record<'path' | 'query' | 'headers' | 'cookies', ParamSpec>>,
  pathNames: readonly string[],
  dependencies: readonly Dependency<any>[],
  collector: SchemaCollector,
): { parameters: ParameterObject[]; hidden: number } {
  const out: ParameterObject[] = []
  let hidden = 0
  const index = new Map<string, number>()
  for (const [location, option] of GROUPS) {
    if (location === 'query') addUndeclaredPathParameters(out, index, pathNames)
    const specs = [own[option], ...dependencies.map((dependency) => dependency.params[option])]
    for (const spec of specs) {
      if (spec === undefined) continue
      for (const field of fieldsOf(spec, collector)) {
        // `.meta({ includeInSchema: false })`: read and validated, not documented (FastAPI's
        // `include_in_schema=False` on a parameter).
        if (isHidden(field)) {
          hidden++
          continue
        }
        const entry = parameter(location, field)
        const key = `${location}\0${entry.name}`
        const at = index.get(key)
        if (at === undefined) {
          index.set(key, out.length)
          out.push(entry)
        } else if (entry.required && !out[at]!.required) out[at] = entry
      }
    }
  }
  return { parameters: out, hidden }
}

function isHidden(field: Field): boolean {
  const flag =
    field.source === undefined ? field.schema.includeInSchema : metaOf(field.source, 'includeInSchema')
  return flag === false
}

/**
 * A `{name}` in the path that no schema declares still must be documented (OpenAPI requires a
 * parameter for every template expression): any value, as FastAPI documents an untyped one.
 */
function addUndeclaredPathParameters(
  out: ParameterObject[],
  index: Map<string, number>,
  names: readonly string[],
): void {
  for (const name of names) {
    const key = `path\0${name}`
    if (index.has(key)) continue
    index.set(key, out.length)
    out.push({ name, in: 'path', required: true, schema: { title: fieldTitle(name) } })
  }
}

/** The fields of a group: an object of schemas, or a parameter model read field by field. */
function fieldsOf(spec: ParamSpec, collector: SchemaCollector): Field[] {
  if (!isSchema(spec))
    return Object.entries(spec).map(([key, schema]) => field(key, schema, false, collector))
  const shape = describeSchema(spec).shape
  if (shape !== undefined) {
    return Object.entries(shape).map(([key, schema]) => field(key, schema, true, collector))
  }
  // Another library's model: its fields come from its JSON Schema.
  const json = collector.inlineObject(spec)
  const required = new Set<string>(Array.isArray(json.required) ? json.required : [])
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([key, schema]) => ({
    key,
    schema,
    required: required.has(key),
    inModel: true,
  }))
}

function field(key: string, schema: Schema, inModel: boolean, collector: SchemaCollector): Field {
  return {
    key,
    schema: collector.use(schema, 'input'),
    required: describeSchema(schema).required,
    source: schema,
    inModel,
  }
}

function parameter(location: Location, field: Field): ParameterObject {
  const name = field.source === undefined ? field.key : wireName(location, field.key, field.source)
  // The collector's own copy, changed in place: a `$ref` in it is resolved when the document is done.
  const schema = field.schema
  if (typeof schema.$ref !== 'string') schema.title ??= fieldTitle(field.inModel ? field.key : name)
  const result: ParameterObject = {
    name,
    in: location,
    required: location === 'path' || field.required,
    schema,
  }
  if (typeof schema.description === 'string') result.description = schema.description
  if (schema.deprecated === true) result.deprecated = true
  // `.meta({ openapiExamples: { name: { summary, value } } })`: FastAPI's `openapi_examples`, shown
  // by Swagger UI as a picker; they belong to the parameter, not to its JSON Schema.
  const examples =
    field.source === undefined ? schema.openapiExamples : metaOf(field.source, 'openapiExamples')
  if (isRecord(examples)) result.examples = examples
  delete schema.openapiExamples
  return result
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
