import type { Schema } from './standard.js'
import { isZodInteger, type ZodDef, zodDef, zodEnumValues } from './zod-def.js'

/** The scalar type a raw string from a URL, header or cookie is coerced to before validation. */
export type ScalarKind = 'string' | 'integer' | 'number' | 'boolean' | 'bigint' | 'date' | 'unknown'

/** What the request layer needs to know about a parameter's schema, read once at registration. */
export interface FieldInfo {
  /** The scalar type to coerce strings to; for an array schema, the type of its items. */
  kind: ScalarKind
  /** The schema is an array: a query or header parameter collected from repeated keys. */
  array: boolean
  /** False when the schema accepts `undefined` (optional, default, prefault, catch…). */
  required: boolean
  /**
   * An object schema (or a record, or a union of objects): a parameter model whose fields are read
   * as separate parameters. For an array schema: its items are objects. Either way no string from a
   * URL, a header or a cookie can be the value.
   */
  object: boolean
  /** For object schemas, their field schemas in declaration order. */
  shape?: Record<string, Schema>
  /** An object schema that rejects unknown keys (`z.strictObject`, `.strict()`). */
  forbidUnknown: boolean
}

const SCALAR_TYPES: Record<string, ScalarKind> = {
  string: 'string',
  template_literal: 'string',
  boolean: 'boolean',
  bigint: 'bigint',
  date: 'date',
}

// Wrappers that make `undefined` acceptable: FastAPI treats such a parameter as not required.
const OPTIONAL_WRAPPERS = new Set(['optional', 'default', 'prefault', 'catch'])
const TRANSPARENT_WRAPPERS = new Set(['nullable', 'readonly', 'nonoptional'])

/** The kind of a set of enum or literal values: one JS type for all of them, or 'unknown'. */
function kindOfValues(values: unknown[]): ScalarKind {
  const kinds = new Set<ScalarKind>()
  for (const value of values) {
    if (value === null || value === undefined) continue
    if (typeof value === 'string') kinds.add('string')
    else if (typeof value === 'boolean') kinds.add('boolean')
    else if (typeof value === 'bigint') kinds.add('bigint')
    else if (typeof value === 'number') kinds.add(Number.isInteger(value) ? 'integer' : 'number')
    else kinds.add('unknown')
  }
  // Literal 1 and 1.5 together read as numbers: "1" then still parses, as Pydantic would.
  if (kinds.size === 2 && kinds.has('integer') && kinds.has('number')) return 'number'
  return kinds.size === 1 ? [...kinds][0]! : 'unknown'
}

function leaf(kind: ScalarKind, required = true): FieldInfo {
  return { kind, array: false, required, object: false, forbidUnknown: false }
}

function describeUnion(options: Schema[]): FieldInfo {
  const described = options.map(describeZod).filter((info): info is FieldInfo => info !== undefined)
  const nullish = options.filter((option) => {
    const type = zodDef(option)?.type
    return type === 'null' || type === 'undefined'
  })
  const required = !options.some((o) => ['undefined', 'optional', 'void'].includes(zodDef(o)?.type ?? ''))
  const real = described.filter((_, i) => !nullish.includes(options[i]!))
  // Optional[X] and X | None read as X, like Pydantic; a mixed union gets the raw string.
  if (real.length === 1) return { ...real[0]!, required: required && real[0]!.required }
  const kinds = new Set(real.map((info) => info.kind))
  const array = real.length > 0 && real.every((info) => info.array)
  const object = real.length > 0 && real.every((info) => info.object)
  return { ...leaf(kinds.size === 1 ? real[0]!.kind : 'unknown', required), array, object }
}

function describeZod(schema: Schema): FieldInfo | undefined {
  const def: ZodDef | undefined = zodDef(schema)
  if (def === undefined) return undefined
  const scalar = SCALAR_TYPES[def.type]
  if (scalar !== undefined) return leaf(scalar)
  if (OPTIONAL_WRAPPERS.has(def.type) && def.innerType !== undefined) {
    return { ...describeSchema(def.innerType), required: false }
  }
  if (TRANSPARENT_WRAPPERS.has(def.type) && def.innerType !== undefined) return describeSchema(def.innerType)
  switch (def.type) {
    case 'number':
      return leaf(isZodInteger(def) ? 'integer' : 'number')
    case 'enum':
      return leaf(kindOfValues(zodEnumValues(def)))
    case 'literal':
      return leaf(kindOfValues(def.values ?? []))
    case 'pipe':
      return def.in === undefined ? leaf('unknown') : describeSchema(def.in)
    case 'array': {
      const item = def.element === undefined ? leaf('unknown') : describeSchema(def.element)
      return { ...leaf(item.kind), array: true, object: item.object }
    }
    case 'object': {
      const forbidUnknown = zodDef(def.catchall)?.type === 'never'
      return { kind: 'unknown', array: false, required: true, object: true, shape: def.shape, forbidUnknown }
    }
    case 'record':
      return { ...leaf('unknown'), object: true }
    case 'union':
      return describeUnion(def.options ?? [])
    case 'optional':
    case 'undefined':
    case 'void':
      return leaf('unknown', false)
    default:
      return leaf('unknown')
  }
}

const JSON_TYPES: Record<string, ScalarKind> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
}

/** The kind named by a JSON Schema's `type` (`"integer"`, `["string", "null"]`). */
function jsonKind(type: unknown): ScalarKind | 'array' | 'object' {
  const types = Array.isArray(type) ? type.filter((t) => t !== 'null') : [type]
  if (types.length !== 1) return 'unknown'
  const only = types[0]
  if (only === 'array' || only === 'object') return only
  return typeof only === 'string' ? (JSON_TYPES[only] ?? 'unknown') : 'unknown'
}

/** Reads another library's schema through the Standard JSON Schema hook, when it offers one. */
function describeByJsonSchema(schema: Schema): FieldInfo {
  const props = schema['~standard'] as { jsonSchema?: { input?: (options: object) => unknown } }
  let json: Record<string, unknown> | undefined
  try {
    json = props.jsonSchema?.input?.({ target: 'draft-2020-12' }) as Record<string, unknown> | undefined
  } catch {
    // A library that cannot express the schema in JSON Schema throws: the raw string is passed on.
    json = undefined
  }
  if (json === undefined || json === null) return leaf('unknown')
  const kind = jsonKind(json.type)
  if (kind === 'object')
    return { ...leaf('unknown'), object: true, forbidUnknown: json.additionalProperties === false }
  if (kind === 'array') {
    const items = json.items as { type?: unknown } | undefined
    const itemKind = jsonKind(items?.type)
    const kind = itemKind === 'array' || itemKind === 'object' ? 'unknown' : itemKind
    return { ...leaf(kind), array: true, object: itemKind === 'object' }
  }
  if (kind === 'unknown' && Array.isArray(json.enum)) return leaf(kindOfValues(json.enum))
  return leaf(kind)
}

/**
 * Reads what the request layer needs from a parameter's schema: the scalar type to coerce raw
 * strings to, whether it collects repeated keys, whether it may be absent, and for parameter models
 * their fields. Called once per parameter when a route is registered, never per request.
 *
 * @example
 * describeSchema(z.array(z.int()).optional()) // { kind: 'integer', array: true, required: false, ... }
 */
export function describeSchema(schema: Schema): FieldInfo {
  return describeZod(schema) ?? describeByJsonSchema(schema)
}
