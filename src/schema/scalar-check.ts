import { codePointLength } from './emit-scope.js'
import type { Schema } from './standard.js'
import { type ZodCheckDef, type ZodDef, zodChecks, zodDef, zodEnumValues } from './zod-def.js'

/** Returned when the fast check cannot vouch for a value; zod then decides (and phrases errors). */
export const UNDECIDED: unique symbol = Symbol('undecided')

/** The value zod would output for `value`, or `UNDECIDED`. */
export type ScalarCheck = (value: unknown) => unknown

/**
 * A plain-closure check for the scalar schemas parameters use (`z.int().min(1).max(100).default(10)`,
 * `z.string().optional()`, `z.enum([...])`, `z.boolean()`), built once per parameter. For a valid
 * value it gives zod's output without calling zod (whose result objects and check pipeline cost
 * about 30–60 ns per parameter on the bench machine); anything it does not vouch for goes to zod,
 * so it can only be conservative, never more lenient. Returns undefined for schemas outside the
 * subset (refinements, transforms, formats other than a plain regex, coercion, objects, ...).
 */
export function compileScalarCheck(schema: Schema): ScalarCheck | undefined {
  const def = zodDef(schema)
  if (def === undefined || def.coerce === true) return undefined
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return wrapper(def)
    case 'number':
      return numberCheck(def)
    case 'string':
      return stringCheck(def)
    case 'boolean':
      return zodChecks(def).length === 0 ? (v) => (typeof v === 'boolean' ? v : UNDECIDED) : undefined
    case 'enum':
    case 'literal':
      return choiceCheck(def)
    default:
      return undefined
  }
}

function wrapper(def: ZodDef): ScalarCheck | undefined {
  if (zodChecks(def).length > 0 || def.innerType === undefined) return undefined
  const inner = compileScalarCheck(def.innerType)
  if (inner === undefined) return undefined
  if (def.type === 'optional') return (v) => (v === undefined ? undefined : inner(v))
  if (def.type === 'nullable') return (v) => (v === null ? null : inner(v))
  // zod 4 returns a default as is, without running the inner schema; only primitive defaults are
  // taken here (an object default is cloned by zod's getter on every use).
  const fallback = def.defaultValue
  if (fallback !== null && (typeof fallback === 'object' || typeof fallback === 'function')) return undefined
  return (v) => (v === undefined ? fallback : inner(v))
}

function numberCheck(def: ZodDef): ScalarCheck | undefined {
  const tests: ((n: number) => boolean)[] = []
  const own = def as ZodDef & { check?: string; format?: string }
  if (own.check === 'number_format' && !addFormat(own.format, tests)) return undefined
  for (const check of zodChecks(def)) if (!addNumberCheck(check, tests)) return undefined
  return (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return UNDECIDED
    for (const test of tests) if (!test(v)) return UNDECIDED
    return v
  }
}

function addFormat(format: string | undefined, tests: ((n: number) => boolean)[]): boolean {
  if (format !== 'safeint') return false
  tests.push(Number.isSafeInteger)
  return true
}

function addNumberCheck(check: ZodCheckDef, tests: ((n: number) => boolean)[]): boolean {
  const bound = check.value
  if (check.check === 'number_format') return addFormat(check.format, tests)
  if (typeof bound !== 'number') return false
  if (check.check === 'greater_than') tests.push(check.inclusive ? (n) => n >= bound : (n) => n > bound)
  else if (check.check === 'less_than') tests.push(check.inclusive ? (n) => n <= bound : (n) => n < bound)
  else return false
  return true
}

function stringCheck(def: ZodDef): ScalarCheck | undefined {
  // A string format schema (`z.email()`, `z.uuid()`) carries its check on itself: left to zod.
  if ((def as ZodDef & { check?: string }).check !== undefined) return undefined
  const tests: ((s: string) => boolean)[] = []
  for (const check of zodChecks(def)) {
    // zod 4 counts string lengths in code points.
    if (check.check === 'min_length' && typeof check.minimum === 'number') {
      const min = check.minimum
      tests.push((s) => codePointLength(s) >= min)
    } else if (check.check === 'max_length' && typeof check.maximum === 'number') {
      const max = check.maximum
      tests.push((s) => codePointLength(s) <= max)
    } else if (
      check.check === 'string_format' &&
      check.format === 'regex' &&
      check.pattern instanceof RegExp
    ) {
      const pattern = check.pattern
      tests.push((s) => {
        pattern.lastIndex = 0 // zod resets it too: a /g or /y regex remembers its position
        return pattern.test(s)
      })
    } else return undefined
  }
  return (v) => {
    if (typeof v !== 'string') return UNDECIDED
    for (const test of tests) if (!test(v)) return UNDECIDED
    return v
  }
}

function choiceCheck(def: ZodDef): ScalarCheck | undefined {
  if (zodChecks(def).length > 0) return undefined
  const values = def.type === 'enum' ? zodEnumValues(def) : (def.values ?? [])
  if (
    !values.every(
      (value) => typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value),
    )
  ) {
    return undefined
  }
  const allowed = new Set(values)
  return (v) => (allowed.has(v) ? v : UNDECIDED)
}
