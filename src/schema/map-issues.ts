import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { formatError } from './format-error.js'
import { normalizePath, type ValuePath, valueAt } from './issue-path.js'
import {
  choiceError,
  MISSING,
  type PydanticError,
  sizeError,
  typeError,
  valueError,
} from './pydantic-errors.js'
import { pythonRepr } from './python-repr.js'
import type { Schema } from './standard.js'
import { isZodInteger, zodDeclaredAt, zodDef, zodPermitsAbsence, zodSchemaAt } from './zod-def.js'

/** What every issue of one validation is mapped against. */
export interface MapContext {
  schema: Schema
  /** The value as the client sent it: error `input`s are read from it, never from coerced copies. */
  input: unknown
  loc: (string | number)[]
  missingInput: 'null' | 'parent'
  /** Whether the issues come from zod and carry its `code`s. */
  zod: boolean
  /** Where `schema` sits in the value: inside a union branch, the branch schema and the union's path. */
  schemaBase?: ValuePath
}

/** `path` relative to the schema being read (a union branch reads from the union's place). */
function schemaPath(ctx: MapContext, path: ValuePath): ValuePath {
  const base = ctx.schemaBase ?? []
  return base.length === 0 ? path : path.slice(base.length)
}

/** The zod definition that validates the value at `path`, used to phrase its errors. */
function defAt(ctx: MapContext, path: ValuePath) {
  return zodDef(zodSchemaAt(ctx.schema, schemaPath(ctx, path)))
}

/** A zod v4 issue: a Standard Schema issue plus zod's code and the code's details. */
interface ZodIssue extends StandardSchemaV1.Issue {
  code?: string
  expected?: string
  origin?: string
  minimum?: unknown
  maximum?: unknown
  inclusive?: boolean
  divisor?: unknown
  format?: string
  pattern?: unknown
  values?: unknown[]
  keys?: string[]
  errors?: ZodIssue[][]
  issues?: ZodIssue[]
  discriminator?: string
  options?: unknown[]
}

/**
 * Maps a validator's issues to FastAPI's error items, in the validator's order: Pydantic's type,
 * message and context, the `loc` under the caller's prefix, and the raw input at that place.
 */
export function mapIssues(issues: readonly StandardSchemaV1.Issue[], ctx: MapContext): ValidationErrorItem[] {
  const out: ValidationErrorItem[] = []
  for (const issue of issues) mapIssue(issue as ZodIssue, [], ctx, out)
  return out
}

/** Adds one error; an error about an absent value shows what FastAPI shows for a missing one. */
function push(
  out: ValidationErrorItem[],
  ctx: MapContext,
  path: ValuePath,
  error: PydanticError,
  input: unknown,
) {
  const item: ValidationErrorItem = {
    type: error.type,
    loc: [...ctx.loc, ...path],
    msg: error.msg,
    input: input === undefined ? missingInput(ctx, path) : input,
  }
  if (error.ctx !== undefined) item.ctx = error.ctx
  out.push(item)
}

/**
 * Adds a `missing` error, once per place: zod may report one absent value several times (each
 * side of an intersection), Pydantic reports a missing field once.
 */
function pushMissing(out: ValidationErrorItem[], ctx: MapContext, path: ValuePath) {
  // Checked before indexing: `out[-1]` on an empty list is a slow named-property lookup in V8.
  if (out.length > 0) {
    const last = out[out.length - 1]!
    if (last.type === MISSING.type && sameLoc(last.loc, ctx.loc, path)) return
  }
  push(out, ctx, path, MISSING, undefined)
}

function sameLoc(loc: readonly (string | number)[], prefix: ValuePath, path: ValuePath): boolean {
  if (loc.length !== prefix.length + path.length) return false
  for (let i = 0; i < prefix.length; i++) if (loc[i] !== prefix[i]) return false
  for (let i = 0; i < path.length; i++) if (loc[prefix.length + i] !== path[i]) return false
  return true
}

/**
 * Whether an issue about a value the client left out means "this value is required". Pydantic
 * never validates an absent field, so it reports `missing` whatever the field's type; zod phrases
 * absence by type (`invalid_type`, an enum's or a literal's `invalid_value`, every branch of a
 * union). Two issues at an absent place say something else: a discriminated union's absent tag
 * (Pydantic's `union_tag_not_found`, reported at the object), and a refinement's own message about
 * a key the schema lets be left out (`.refine(check, { path: ['key'] })` on the object).
 */
function meansMissing(issue: ZodIssue, code: string | undefined, path: ValuePath, ctx: MapContext) {
  if (code === 'invalid_union') return issue.discriminator === undefined
  if (code !== 'custom') return true
  const declared = zodDeclaredAt(ctx.schema, schemaPath(ctx, path))
  return declared !== undefined && !zodPermitsAbsence(declared)
}

/** FastAPI's `input` for a missing value: null for a parameter, else the object that lacks it. */
function missingInput(ctx: MapContext, path: ValuePath): unknown {
  if (path.length === 0) return null
  if (path.length === 1 && ctx.missingInput === 'null') return null
  return valueAt(ctx.input, path, path.length - 1) ?? null
}

function mapIssue(issue: ZodIssue, base: ValuePath, ctx: MapContext, out: ValidationErrorItem[]): void {
  const path = base.length === 0 ? normalizePath(issue.path) : [...base, ...normalizePath(issue.path)]
  const input = valueAt(ctx.input, path)
  const code = ctx.zod ? issue.code : undefined
  if (input === undefined && meansMissing(issue, code, path, ctx)) {
    pushMissing(out, ctx, path)
    return
  }
  switch (code) {
    case 'invalid_type': {
      const target = defAt(ctx, path)
      const integer = issue.expected === 'int' || (target !== undefined && isZodInteger(target))
      const atBodyRoot = path.length === 0 && ctx.loc.length === 1 && ctx.loc[0] === 'body'
      const error = typeError(issue.expected ?? '', input, integer, atBodyRoot)
      push(out, ctx, path, error ?? valueError(issue.message), input)
      return
    }
    case 'too_small':
    case 'too_big': {
      const small = code === 'too_small'
      const bound = small ? issue.minimum : issue.maximum
      const error = sizeError(small, issue.origin ?? '', bound, issue.inclusive !== false, input)
      push(out, ctx, path, error ?? valueError(issue.message), input)
      return
    }
    case 'not_multiple_of': {
      const divisor = typeof issue.divisor === 'bigint' ? Number(issue.divisor) : issue.divisor
      const error = {
        type: 'multiple_of',
        msg: `Input should be a multiple of ${divisor}`,
        ctx: { multiple_of: divisor },
      }
      push(out, ctx, path, error, input)
      return
    }
    case 'invalid_format':
      push(out, ctx, path, formatError(issue.format ?? '', issue, input), input)
      return
    case 'invalid_value': {
      const isEnum = defAt(ctx, path)?.type === 'enum'
      push(out, ctx, path, choiceError(issue.values ?? [], isEnum), input)
      return
    }
    case 'unrecognized_keys':
      for (const key of issue.keys ?? []) {
        const keyPath = [...path, key]
        push(
          out,
          ctx,
          keyPath,
          { type: 'extra_forbidden', msg: 'Extra inputs are not permitted' },
          valueAt(ctx.input, keyPath),
        )
      }
      return
    case 'invalid_union':
      mapUnion(issue, path, input, ctx, out)
      return
    case 'invalid_key':
    case 'invalid_element':
      if (code === 'invalid_key' && issue.origin === 'record' && path.length > 0) {
        mapRecordKey(issue, path, ctx, out)
        return
      }
      if (issue.issues !== undefined && issue.issues.length > 0) {
        for (const inner of issue.issues) mapIssue(inner, path, ctx, out)
        return
      }
      push(out, ctx, path, valueError(issue.message), input)
      return
    default:
      // `custom` (refine, superRefine) and any other library's issues: Pydantic's ValueError shape.
      push(out, ctx, path, valueError(issue.message), input)
  }
}

/**
 * Pydantic's error for a dict key that fails its own type (`dict[int, float]` given `"foo"`): the
 * key's error, at `loc` `[..., key, "[key]"]`, with the key itself as `input`.
 */
function mapRecordKey(issue: ZodIssue, path: ValuePath, ctx: MapContext, out: ValidationErrorItem[]) {
  const key = String(path[path.length - 1])
  const keyType = defAt(ctx, path.slice(0, -1))?.keyType
  const keyCtx: MapContext = {
    ...ctx,
    schema: keyType ?? ctx.schema,
    schemaBase: keyType === undefined ? ctx.schemaBase : [],
    input: key,
    loc: [...ctx.loc, ...path, '[key]'],
  }
  for (const inner of issue.issues ?? []) mapIssue(inner, [], keyCtx, out)
}

/** True when a union branch failed only because the value is not null/undefined: Optional's other half. */
function isNullBranch(branch: ZodIssue[]): boolean {
  return (
    branch.length > 0 &&
    branch.every(
      (i) =>
        i.code === 'invalid_type' &&
        (i.expected === 'null' || i.expected === 'undefined') &&
        normalizePath(i.path).length === 0,
    )
  )
}

function mapUnion(
  issue: ZodIssue,
  path: ValuePath,
  input: unknown,
  ctx: MapContext,
  out: ValidationErrorItem[],
) {
  if (issue.discriminator !== undefined) {
    mapDiscriminator(issue, path, ctx, out)
    return
  }
  const errors = issue.errors ?? []
  const branches = errors.filter((branch) => !isNullBranch(branch))
  if (branches.length === 0) {
    push(out, ctx, path, valueError(issue.message), input)
    return
  }
  // zod lists one error array per option, in order: each branch's issues are phrased by its own schema.
  const union = defAt(ctx, path)
  const options =
    union?.type === 'union' && union.options?.length === errors.length ? union.options : undefined
  // Pydantic treats `X | None` as X, and lists every branch's errors for a real union.
  for (let i = 0; i < errors.length; i++) {
    const branch = errors[i]!
    if (isNullBranch(branch)) continue
    const branchCtx = options === undefined ? ctx : { ...ctx, schema: options[i]!, schemaBase: path }
    for (const inner of branch) mapIssue(inner, path, branchCtx, out)
  }
}

/** Pydantic's tagged-union errors: zod's path ends at the tag, Pydantic's at the object. */
function mapDiscriminator(issue: ZodIssue, path: ValuePath, ctx: MapContext, out: ValidationErrorItem[]) {
  const key = issue.discriminator!
  const objectPath = path[path.length - 1] === key ? path.slice(0, -1) : path
  const object = valueAt(ctx.input, objectPath)
  const tag = valueAt(object, [key])
  const discriminator = pythonRepr(key)
  if (tag === undefined) {
    const msg = `Unable to extract tag using discriminator ${discriminator}`
    push(out, ctx, objectPath, { type: 'union_tag_not_found', msg, ctx: { discriminator } }, object)
    return
  }
  const expectedTags = (issue.options ?? []).map(pythonRepr).join(', ')
  const msg = `Input tag ${pythonRepr(String(tag))} found using ${discriminator} does not match any of the expected tags: ${expectedTags}`
  const error = {
    type: 'union_tag_invalid',
    msg,
    ctx: { discriminator, tag: String(tag), expected_tags: expectedTags },
  }
  push(out, ctx, objectPath, error, object)
}
