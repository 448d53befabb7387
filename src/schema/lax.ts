import type { StandardSchemaV1 } from '@standard-schema/spec'
import { coerceString } from './coerce.js'
import type { ScalarKind } from './describe.js'
import { normalizePath, type ValuePath, valueAt, writeAt } from './issue-path.js'
import type { Schema } from './standard.js'
import { isZodInteger, zodDef, zodSchemaAt } from './zod-def.js'

interface LaxIssue extends StandardSchemaV1.Issue {
  code?: string
  expected?: string
  errors?: LaxIssue[][]
}

/** A string inside a JSON body that Pydantic's lax mode would read as the expected scalar. */
interface Fix {
  path: ValuePath
  value: unknown
}

function kindFor(expected: string | undefined, schema: Schema, path: ValuePath): ScalarKind | undefined {
  switch (expected) {
    case 'boolean':
      return 'boolean'
    case 'bigint':
      return 'bigint'
    // JSON has no dates: Pydantic reads ISO strings into datetimes, so Brisk does too.
    case 'date':
      return 'date'
    case 'int':
      return 'integer'
    case 'number': {
      const target = zodDef(zodSchemaAt(schema, path))
      return target !== undefined && isZodInteger(target) ? 'integer' : 'number'
    }
    default:
      return undefined
  }
}

/** Where the issues being read sit: their path in the input, and the schema phrasing them and its path. */
interface Scope {
  base: ValuePath
  schema: Schema
  schemaBase: ValuePath
}

function collect(issues: readonly LaxIssue[], scope: Scope, input: unknown, fixes: Fix[]) {
  for (const issue of issues) {
    const path = [...scope.base, ...normalizePath(issue.path)]
    const schemaPath = path.slice(scope.schemaBase.length)
    if (issue.code === 'invalid_union') {
      const union = zodDef(zodSchemaAt(scope.schema, schemaPath))
      const branches = issue.errors ?? []
      const options =
        union?.type === 'union' && union.options?.length === branches.length ? union.options : undefined
      branches.forEach((branch, i) => {
        // Each branch's issues are relative to the union and, when known, phrased by its own option.
        const option = options?.[i]
        const inner =
          option === undefined ? { ...scope, base: path } : { base: path, schema: option, schemaBase: path }
        collect(branch, inner, input, fixes)
      })
      continue
    }
    if (issue.code !== 'invalid_type') continue
    const raw = valueAt(input, path)
    // JSON has no sets: Pydantic reads a list into `set[...]` (duplicates dropped), so Brisk does too.
    if (issue.expected === 'set' && Array.isArray(raw)) {
      fixes.push({ path, value: new Set(raw) })
      continue
    }
    if (typeof raw !== 'string') continue
    const kind = kindFor(issue.expected, scope.schema, schemaPath)
    if (kind === undefined) continue
    const coerced = coerceString(kind, raw)
    // A string that does not parse keeps its place: the retry reports it as `int_parsing` & co.
    if (coerced.ok) fixes.push({ path, value: coerced.value })
  }
}

/**
 * Pydantic's lax mode inside JSON bodies: strings where zod expected a number, integer, boolean,
 * bigint or date are parsed, lists where it expected a set become sets, and the result is a copy
 * of `input` with those values replaced, to be validated once more. Undefined when nothing could be fixed, so the first issues stand. Only
 * called after a failed validation, so valid bodies never pay for the copy.
 */
export function laxInput(
  schema: Schema,
  input: unknown,
  issues: readonly StandardSchemaV1.Issue[],
): { value: unknown } | undefined {
  const fixes: Fix[] = []
  collect(issues as readonly LaxIssue[], { base: [], schema, schemaBase: [] }, input, fixes)
  if (fixes.length === 0) return undefined
  let copy: unknown
  try {
    copy = structuredClone(input)
  } catch {
    // Values a structured clone refuses (functions, class instances with private state) are not JSON bodies.
    return undefined
  }
  for (const fix of fixes) copy = writeAt(copy, fix.path, fix.value)
  return { value: copy }
}
