import { ConfigError } from '../errors/config-error.js'
import { describeSchema, type FieldInfo } from '../schema/describe.js'
import { isSchema, type Schema } from '../schema/standard.js'

/** The schemas a route or a dependency reads a request with, as declared (not yet trusted). */
export interface Declarations {
  readonly path?: unknown
  readonly query?: unknown
  readonly headers?: unknown
  readonly cookies?: unknown
  readonly form?: unknown
  readonly body?: unknown
}

type Group = Exclude<keyof Declarations, 'body'>

// What one field of each group is called in messages, and what a single one of them arrives as.
const GROUPS: readonly (readonly [Group, string, string])[] = [
  ['path', 'Path parameter', 'one segment of the path'],
  ['query', 'Query parameter', 'text (one string, or a list of them when repeated)'],
  ['headers', 'Header', 'text (one string, or a list of them when repeated)'],
  ['cookies', 'Cookie', 'one string'],
  ['form', 'Form field', 'text (one string, or a list of them when repeated)'],
]

/** What a value given in place of a schema most likely meant (`Number`, `'int'`). */
const MEANT: Readonly<Record<string, string>> = {
  Number: 'z.number()',
  number: 'z.number()',
  float: 'z.number()',
  String: 'z.string()',
  string: 'z.string()',
  str: 'z.string()',
  Boolean: 'z.boolean()',
  boolean: 'z.boolean()',
  bool: 'z.boolean()',
  int: 'z.int()',
  integer: 'z.int()',
  BigInt: 'z.bigint()',
  Date: 'z.date()',
  Array: 'z.array(z.string())',
  Object: 'z.object({ … })',
}

/**
 * Refuses, when a route or a dependency is declared, what would otherwise fail every request
 * (and `/openapi.json`): a parameter, body field or body that is not a Standard Schema, and a
 * single path, query, header, cookie or form parameter whose schema is an object, which no
 * string can satisfy (every request would answer 422 `dict_type`). Arrays of scalars are fine:
 * repeated keys fill them. `fieldsOnlyBody` is for dependencies, whose body is always fields.
 *
 * @param owner how the message names the declaration: `route GET /items`, `dependency pagination`
 * @example
 * checkDeclarations('route GET /items', { query: { limit: Number } })
 * // ConfigError: Query parameter "limit" of route GET /items is the function Number, not a schema: …
 */
export function checkDeclarations(owner: string, declared: Declarations, fieldsOnlyBody = false): void {
  for (const [group, field, arrives] of GROUPS) {
    const spec = declared[group]
    if (spec !== undefined) checkGroup(owner, group, spec, field, arrives)
  }
  if (declared.body !== undefined) checkBody(owner, declared.body, fieldsOnlyBody)
}

/**
 * Refuses anything but a Standard Schema where one is expected (a response, a documented
 * response's model), saying what was given and what to write instead.
 *
 * @param what the declaration's place, as the message starts: `The response`, `Body field "item"`
 */
export function checkSchema(what: string, owner: string, value: unknown): asserts value is Schema {
  if (isSchema(value)) return
  const name = typeof value === 'function' ? value.name : typeof value === 'string' ? value : ''
  const fallback = isPlainObject(value) ? 'z.object({ … })' : 'z.string()'
  const meant = (Object.hasOwn(MEANT, name) ? MEANT[name] : undefined) ?? fallback
  throw new ConfigError(
    `${what} of ${owner} is ${describeValue(value)}, not a schema: write a Standard Schema ` +
      `(zod, valibot, arktype…) such as ${meant}.`,
  )
}

function checkGroup(owner: string, group: Group, spec: unknown, field: string, arrives: string): void {
  if (isSchema(spec)) {
    checkModel(owner, group, spec, field, arrives)
    return
  }
  if (!isPlainObject(spec)) {
    throw new ConfigError(
      `The ${group} of ${owner} is ${describeValue(spec)}: write an object of schemas ` +
        `(${group}: { name: z.string() }) or one object schema, a parameter model (${group}: z.object({ … })).`,
    )
  }
  for (const [key, schema] of Object.entries(spec)) {
    const what = `${field} "${key}"`
    checkSchema(what, owner, schema)
    const info = describeSchema(schema)
    if (info.object) {
      throw new ConfigError(
        `${what} of ${owner} ${objectKind(info)}, but a ${field.toLowerCase()} arrives as ${arrives}: ` +
          `every request would fail. To read an object's fields as separate parameters, declare it as ` +
          `the whole group, a parameter model: ${group}: z.object({ … }).`,
      )
    }
  }
}

/** A parameter model is an object whose every field is one parameter, so no field is an object. */
function checkModel(owner: string, group: Group, spec: Schema, field: string, arrives: string): void {
  const info = describeSchema(spec)
  if (!info.object && (info.kind !== 'unknown' || info.array)) {
    throw new ConfigError(
      `The ${group} of ${owner} is a schema of ${info.array ? 'a list' : `a single ${info.kind}`}: ` +
        `write an object of schemas (${group}: { name: z.string() }) or a parameter model (${group}: z.object({ … })).`,
    )
  }
  for (const [key, schema] of Object.entries(info.shape ?? {})) {
    const fieldInfo = describeSchema(schema)
    if (fieldInfo.object) {
      throw new ConfigError(
        `Field "${key}" of the ${group} model of ${owner} ${objectKind(fieldInfo)}, but each field of a ` +
          `parameter model is one ${field.toLowerCase()}, which arrives as ${arrives}: every request ` +
          'would fail. Put the fields of that object in the model itself.',
      )
    }
  }
}

function checkBody(owner: string, body: unknown, fieldsOnly: boolean): void {
  const fields = 'an object of schemas, the fields of an embedded body (body: { item: Item })'
  if (isSchema(body)) {
    if (fieldsOnly) throw new ConfigError(`The body of ${owner} is one schema; write ${fields}.`)
    return
  }
  if (!isPlainObject(body)) {
    const whole = fieldsOnly ? '' : 'one schema for the whole body (body: Item) or '
    throw new ConfigError(`The body of ${owner} is ${describeValue(body)}: write ${whole}${fields}.`)
  }
  for (const [key, schema] of Object.entries(body)) checkSchema(`Body field "${key}"`, owner, schema)
}

function objectKind(info: FieldInfo): string {
  return info.array ? 'is a list of objects' : 'is an object schema'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/** A value as a message shows it: `the function Number`, `the string "int"`, `undefined`. */
function describeValue(value: unknown): string {
  if (value === undefined || value === null) return String(value)
  if (typeof value === 'function') return value.name === '' ? 'a function' : `the function ${value.name}`
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object with no "~standard" property'
  return `the ${typeof value} ${String(value)}`
}
