import type { Schema } from './standard.js'

/**
 * The parts of a zod v4 definition Brisk reads. Brisk duck-types zod (`schema._zod.def`) instead of
 * importing it, so that src/schema carries no runtime dependency on one validation library.
 */
export interface ZodDef {
  type: string
  format?: string
  coerce?: boolean
  checks?: { _zod: { def: ZodCheckDef } }[]
  shape?: Record<string, Schema>
  catchall?: Schema
  element?: Schema
  innerType?: Schema
  in?: Schema
  out?: Schema
  options?: Schema[]
  entries?: Record<string, unknown>
  values?: unknown[]
  defaultValue?: unknown
  keyType?: Schema
  valueType?: Schema
  /** The key of a `z.discriminatedUnion`. */
  discriminator?: string
}

/** One check of a zod schema (`.min(3)`, `.regex(...)`, `.refine(...)`), as zod v4 stores it. */
export interface ZodCheckDef {
  check: string
  minimum?: number
  maximum?: number
  length?: number
  value?: number | bigint
  inclusive?: boolean
  format?: string
  pattern?: RegExp
}

/** The zod v4 definition of `schema`, or undefined for any other Standard Schema library. */
export function zodDef(schema: unknown): ZodDef | undefined {
  const internals = (schema as { _zod?: { def?: ZodDef } } | null | undefined)?._zod
  const def = internals?.def
  return def !== undefined && typeof def.type === 'string' ? def : undefined
}

/** The checks of a zod schema, flattened to their definitions. */
export function zodChecks(def: ZodDef): ZodCheckDef[] {
  return def.checks === undefined ? [] : def.checks.map((c) => c._zod.def)
}

/**
 * Wrapper types that do not change what value is expected, only whether `undefined`/`null` passes
 * or what happens after: unwrapped to reach the type that decides coercion and error messages.
 */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'])

/** The schema a wrapper (`optional`, `default`, ...) wraps, or undefined when `schema` is not one. */
export function wrappedSchema(schema: Schema): Schema | undefined {
  const def = zodDef(schema)
  return def !== undefined && WRAPPERS.has(def.type) ? def.innerType : undefined
}

/** Follows wrappers (and a pipe's input side) down to the schema that decides the value's type. */
export function unwrapZod(schema: Schema): Schema {
  let current = schema
  for (let depth = 0; depth < 32; depth++) {
    const def = zodDef(current)
    if (def === undefined) return current
    if (WRAPPERS.has(def.type) && def.innerType !== undefined) current = def.innerType
    else if (def.type === 'pipe' && def.in !== undefined) current = def.in
    else return current
  }
  return current
}

/**
 * The schema that validates the value at `path` inside `schema`, found by walking object shapes,
 * array elements and record values through wrappers; undefined when the path leaves zod's known
 * structure (a union, a lazy schema, another library). Used to phrase error messages only.
 */
export function zodSchemaAt(schema: Schema, path: readonly PropertyKey[]): Schema | undefined {
  let current = unwrapZod(schema)
  for (const key of path) {
    const child = childOf(current, key)
    if (child === undefined) return undefined
    current = unwrapZod(child)
  }
  return current
}

/**
 * The schema declared at `path` inside `schema` with its wrappers kept (`z.enum([...]).optional()`,
 * not the enum), so whether the place may be left out can be read; undefined where `zodSchemaAt`
 * is.
 */
export function zodDeclaredAt(schema: Schema, path: readonly PropertyKey[]): Schema | undefined {
  if (path.length === 0) return schema
  const parent = zodSchemaAt(schema, path.slice(0, -1))
  return parent === undefined ? undefined : childOf(parent, path[path.length - 1]!)
}

/** One step into a zod structure: an object's property, an array's element, a record's value. */
function childOf(schema: Schema, key: PropertyKey): Schema | undefined {
  const def = zodDef(schema)
  if (def === undefined) return undefined
  if (def.type === 'object') return def.shape?.[key as string] ?? undefined
  if (def.type === 'array') return def.element
  if (def.type === 'record') return def.valueType
  return undefined
}

/**
 * True when a zod schema lets its value be left out (`.optional()`, `.default()`, `.catch()`, ...):
 * zod marks those with `optin`, which is what decides whether an object key may be absent.
 */
export function zodPermitsAbsence(schema: Schema): boolean {
  return (schema as { _zod?: { optin?: string } })._zod?.optin !== undefined
}

/** True when a zod number schema only accepts integers (`z.int()`, `z.number().int()`). */
export function isZodInteger(def: ZodDef): boolean {
  if (def.type !== 'number') return false
  if (def.format?.endsWith('int') === true) return true
  return zodChecks(def).some((c) => c.check === 'number_format' && c.format?.endsWith('int') === true)
}

/**
 * The values a zod enum accepts. A TypeScript numeric enum also maps numbers back to names; zod
 * leaves those reverse entries out, and so does Brisk.
 */
export function zodEnumValues(def: ZodDef): unknown[] {
  const entries = def.entries ?? {}
  const numbers = Object.values(entries).filter((v) => typeof v === 'number')
  return Object.entries(entries)
    .filter(([key]) => !numbers.includes(Number(key)))
    .map(([, value]) => value)
}
