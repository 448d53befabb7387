import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { createDict } from '../http/dict.js'
import type { RequestContext } from '../http/request-context.js'
import { aliasOf, wireName } from '../schema/alias.js'
import { type CoerceFailure, coerceString } from '../schema/coerce.js'
import { describeSchema, type FieldInfo } from '../schema/describe.js'
import { compileScalarCheck, type ScalarCheck, UNDECIDED } from '../schema/scalar-check.js'
import { isSchema, type Schema } from '../schema/standard.js'
import { validate, validateOutcome } from '../schema/validate.js'
import type { ParamSpec } from './param-spec.js'
import { type Pending, settle } from './pending.js'

/**
 * Where a parameter group is read from; also the first entry of its errors' `loc`. `body` is an
 * urlencoded form's fields (`ctx.form`), validated field by field like query parameters.
 */
export type ParamLocation = 'path' | 'query' | 'header' | 'cookie' | 'body'

/** Validated parameter groups by location; undefined for groups the route does not declare. */
export interface ValidatedGroups {
  path?: unknown
  query?: unknown
  header?: unknown
  cookie?: unknown
  /** Form fields (`loc` starts with `body`, as FastAPI reports them). */
  body?: unknown
  /** The route's `files`. */
  files?: unknown
}

interface FieldPlan {
  readonly key: string
  /** The name on the wire: an explicit alias, or for headers the key with `_` read as `-`. */
  readonly alias: string
  readonly info: FieldInfo
  readonly schema: Schema
  /** A zod-free check for simple scalar schemas; undefined when zod must decide every value. */
  readonly fast: ScalarCheck | undefined
  /** `[location, alias]`, the prefix of this field's errors, built once and never mutated. */
  readonly loc: (string | number)[]
}

/** Reads, coerces and validates one parameter group; compiled once per route. */
export interface ParamGroupPlan {
  readonly location: ParamLocation
  readonly fields: readonly FieldPlan[]
  /** Fills `out` with validated values, pushing every issue into `errors`. */
  read(ctx: RequestContext, errors: ValidationErrorItem[], pending: Pending): Record<string, unknown>
}

/**
 * Compiles a group declared as an object of schemas, or as one object schema (a parameter model,
 * whose unknown keys are reported when the schema forbids them). What each field's raw string is
 * coerced to is decided here, once, from the schema's declared type.
 */
export function compileParamGroup(location: ParamLocation, spec: ParamSpec): ParamGroupPlan {
  if (isSchema(spec)) return compileModel(location, spec)
  const fields = Object.entries(spec).map(([key, schema]) => fieldPlan(location, key, schema))
  return {
    location,
    fields,
    read(ctx, errors, pending) {
      const out: Record<string, unknown> = {}
      for (const field of fields) {
        const raw = readRaw(ctx, location, field)
        const input = coerceField(field, raw, field.loc, errors)
        if (input === FAILED) continue
        // Hottest path: a closure check for plain scalar schemas vouches for the value without zod.
        if (field.fast !== undefined) {
          const checked = field.fast(input)
          if (checked !== UNDECIDED) {
            if (checked !== undefined) out[field.key] = checked
            continue
          }
        }
        // Hot path: ask the validator directly, and build FastAPI's error items (which need the
        // raw wire value and options) only when it reports issues.
        const outcome = field.schema['~standard'].validate(input)
        if (!(outcome instanceof Promise) && outcome.issues === undefined) {
          if (outcome.value !== undefined) out[field.key] = outcome.value
          continue
        }
        const rawInput = input === undefined ? undefined : wireValue(field, raw!)
        settle(
          validateOutcome(field.schema, input, { loc: field.loc, missingInput: 'null', rawInput }, outcome),
          errors,
          pending,
          (value) => {
            if (value !== undefined) out[field.key] = value
          },
        )
      }
      return out
    },
  }
}

function compileModel(location: ParamLocation, schema: Schema): ParamGroupPlan {
  const info = describeSchema(schema)
  const shape = info.shape ?? {}
  const fields = Object.entries(shape).map(([key, field]) => fieldPlan(location, key, field))
  // FastAPI treats both a field's wire name and its own name as taken: neither is an extra key.
  const taken = new Set(fields.flatMap((field) => [field.alias, field.key]))
  // Pydantic validates the model by field name or explicit alias, so errors name those: a header
  // field `save_data` is read from `save-data` but reported as `["header", "save_data"]`.
  const keyToAlias = new Map<string, string>()
  for (const field of fields) {
    const explicit = aliasOf(field.schema)
    if (explicit !== undefined && explicit !== field.key) keyToAlias.set(field.key, explicit)
  }
  // Defaults other than None, which FastAPI puts into the model's input before validating it.
  const defaults = fields.map((field) => [field.key, defaultOf(field.schema)] as const)
  return {
    location,
    fields,
    read(ctx, errors, pending) {
      // Request-chosen keys go into dictionaries: a `__proto__` key must stay an ordinary key.
      const input = createDict<unknown>()
      // FastAPI's view of the group for the errors' `input`: each field as sent (or its default),
      // then every other key received. A missing field's `input` is this whole object.
      const rawInput = createDict<unknown>()
      let failed = false
      for (const field of fields) {
        const raw = readRaw(ctx, location, field)
        const value = coerceField(field, raw, [location, keyToAlias.get(field.key) ?? field.key], errors)
        if (value === FAILED) failed = true
        else if (value !== undefined) {
          input[field.key] = value
          rawInput[field.key] = wireValue(field, raw!)
        }
      }
      for (const [key, value] of defaults)
        if (value !== undefined && !(key in rawInput)) rawInput[key] = value
      for (const [name, value] of rawEntries(ctx, location)) {
        if (taken.has(name)) continue
        rawInput[name] = value
        if (info.forbidUnknown) input[name] = value
      }
      const out: Record<string, unknown> = {}
      if (failed) return out
      settle(
        validate(schema, input, { loc: [location], missingInput: 'parent', rawInput }),
        errors,
        pending,
        (value) => {
          Object.assign(out, value)
        },
        keyToAlias,
      )
      return out
    },
  }
}

/** The value a field takes when absent, when that is neither undefined nor null; read once. */
function defaultOf(schema: Schema): unknown {
  const outcome = schema['~standard'].validate(undefined)
  if (outcome instanceof Promise || outcome.issues !== undefined) return undefined
  return outcome.value === null ? undefined : outcome.value
}

function fieldPlan(location: ParamLocation, key: string, schema: Schema): FieldPlan {
  const wire = wireName(location, key, schema)
  const info = describeSchema(schema)
  const fast = info.array ? undefined : compileScalarCheck(schema)
  return { key, alias: wire, info, schema, fast, loc: [location, wire] }
}

const FAILED: unique symbol = Symbol('coercion failed')

/** Turns raw strings into the field's declared type, pushing Pydantic-style parsing errors. */
function coerceField(
  field: FieldPlan,
  raw: string | string[] | undefined,
  loc: (string | number)[],
  errors: ValidationErrorItem[],
): unknown {
  if (raw === undefined) return undefined
  const { kind, array } = field.info
  if (!array) {
    const text = Array.isArray(raw) ? raw[raw.length - 1]! : raw // the last value wins, as in Starlette
    if (kind === 'string' || kind === 'unknown') return text
    const result = coerceString(kind, text)
    if (result.ok) return result.value
    errors.push(parsingError(result.error, loc, text))
    return FAILED
  }
  const items = Array.isArray(raw) ? raw : [raw]
  if (items.length === 0) return undefined // an empty list counts as missing (FastAPI)
  if (kind === 'string' || kind === 'unknown') return items
  let failed = false
  const values = items.map((item, index) => {
    const result = coerceString(kind, item)
    if (result.ok) return result.value
    errors.push(parsingError(result.error, [...loc, index], item))
    failed = true
    return undefined
  })
  return failed ? FAILED : values
}

/** A present value as the client sent it, shaped as `coerceField` read it: one string, or the list. */
function wireValue(field: FieldPlan, raw: string | string[]): string | string[] {
  if (field.info.array) return Array.isArray(raw) ? raw : [raw]
  return Array.isArray(raw) ? raw[raw.length - 1]! : raw
}

// Keys in FastAPI's order (type, loc, msg, input, ctx), so bodies match byte for byte.
function parsingError(failure: CoerceFailure, loc: (string | number)[], input: string): ValidationErrorItem {
  // A copy: `loc` may be the field's shared prefix, and error items belong to whoever handles them.
  const item: ValidationErrorItem = { type: failure.type, loc: [...loc], msg: failure.msg, input }
  if (failure.ctx !== undefined) item.ctx = failure.ctx
  return item
}

function readRaw(
  ctx: RequestContext,
  location: ParamLocation,
  field: FieldPlan,
): string | string[] | undefined {
  switch (location) {
    case 'path':
      return ctx.params[field.alias]
    case 'query':
      return ctx.query[field.alias]
    case 'header':
      return field.info.array ? ctx.headerValues(field.alias) : ctx.header(field.alias)
    case 'cookie':
      return ctx.cookies[field.alias]
    case 'body': {
      // An empty form field counts as not sent, as FastAPI reads `Form` values: a browser sends
      // every input of a form, filled or not.
      const value = ctx.form?.[field.alias]
      return value === '' ? undefined : value
    }
  }
}

function rawEntries(ctx: RequestContext, location: ParamLocation): [string, unknown][] {
  switch (location) {
    case 'path':
      return Object.entries(ctx.params)
    case 'query':
      return Object.entries(ctx.query)
    case 'header':
      return Object.entries(ctx.headers)
    case 'cookie':
      return Object.entries(ctx.cookies)
    case 'body':
      return Object.entries(ctx.form ?? {})
  }
}
