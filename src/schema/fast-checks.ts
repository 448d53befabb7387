import type { EmitScope } from './emit-scope.js'
import type { ZodCheckDef, ZodDef } from './zod-def.js'
import { zodChecks } from './zod-def.js'

/**
 * Source of a condition that is true when a check FAILS for the value held in variable `v`, or
 * undefined when the check is outside the fast subset. A false condition must mean zod accepts the
 * value; a true one only sends the value to zod, which decides (and phrases the error).
 */
type ToFailure = (check: ZodCheckDef, v: string, scope: EmitScope) => string | undefined

/**
 * A bound written into the generated source. Only a value whose type is number gets here, and a
 * number's text is a numeric literal (or NaN/Infinity), never code. -0 prints as 0, which compares
 * the same.
 */
function literal(n: unknown): string | undefined {
  return typeof n === 'number' ? `(${String(n)})` : undefined
}

/** Length checks on arrays: zod counts elements. */
export const arrayFailure: ToFailure = (check, v) => {
  if (check.check === 'min_length') return bound(check.minimum, (n) => `${v}.length < ${n}`)
  if (check.check === 'max_length') return bound(check.maximum, (n) => `${v}.length > ${n}`)
  if (check.check === 'length_equals') return bound(check.length, (n) => `${v}.length !== ${n}`)
  return undefined
}

function bound(n: unknown, write: (n: string) => string): string | undefined {
  const text = literal(n)
  return text === undefined ? undefined : write(text)
}

// Formats whose only check is their `pattern` (zod's $ZodCheckStringFormat): the fast path runs the
// same regex. url, ipv6, base64, jwt and others check more than a pattern and stay with zod.
const PATTERN_FORMATS = new Set([
  'regex',
  'lowercase',
  'uppercase',
  'email',
  'uuid',
  'guid',
  'nanoid',
  'cuid',
  'cuid2',
  'ulid',
  'xid',
  'ksuid',
  'datetime',
  'date',
  'time',
  'duration',
  'ipv4',
  'cidrv4',
  'e164',
  'emoji',
])

/** The regex test of a pattern format; lastIndex reset because zod does (a /g regex remembers). */
export function patternFailure(pattern: unknown, v: string, scope: EmitScope): string | undefined {
  if (!(pattern instanceof RegExp)) return undefined
  const re = scope.arg(pattern)
  return `(${re}.lastIndex = 0, !${re}.test(${v}))`
}

/**
 * Checks on strings. zod 4 measures strings in code points, so a length in UTF-16 units decides
 * alone only where both measures agree; in between, the generated code counts code points (`cp`).
 */
export const stringFailure: ToFailure = (check, v, scope) => {
  const units = `${v}.length`
  switch (check.check) {
    case 'min_length':
      return bound(check.minimum, (n) => `(${units} < ${n} || (${units} < 2 * ${n} && cp(${v}) < ${n}))`)
    case 'max_length':
      return bound(check.maximum, (n) => `(${units} > ${n} && cp(${v}) > ${n})`)
    case 'length_equals':
      return bound(check.length, (n) => `(${units} < ${n} || ${units} > 2 * ${n} || cp(${v}) !== ${n})`)
    case 'string_format':
      return stringFormatFailure(check, v, scope)
    default:
      return undefined
  }
}

function stringFormatFailure(check: ZodCheckDef, v: string, scope: EmitScope): string | undefined {
  const def = check as ZodCheckDef & {
    prefix?: unknown
    suffix?: unknown
    includes?: unknown
    position?: unknown
  }
  // A custom format (`z.stringFormat(name, fn)`) may reuse a built-in name but checks with its own fn.
  if ('fn' in def) return undefined
  if (def.format === 'starts_with' && typeof def.prefix === 'string') {
    return `!${v}.startsWith(${scope.arg(def.prefix)})`
  }
  if (def.format === 'ends_with' && typeof def.suffix === 'string')
    return `!${v}.endsWith(${scope.arg(def.suffix)})`
  if (def.format === 'includes' && typeof def.includes === 'string') {
    return `!${v}.includes(${scope.arg(def.includes)}, ${scope.arg(def.position)})`
  }
  return def.format !== undefined && PATTERN_FORMATS.has(def.format)
    ? patternFailure(def.pattern, v, scope)
    : undefined
}

// zod's NUMBER_FORMAT_RANGES; float64 adds nothing to the finite check every number passes first.
const FORMAT_FAILURES: Record<string, (v: string) => string> = {
  safeint: (v) => `!Number.isSafeInteger(${v})`,
  int32: (v) => `(!Number.isInteger(${v}) || ${v} < -2147483648 || ${v} > 2147483647)`,
  uint32: (v) => `(!Number.isInteger(${v}) || ${v} < 0 || ${v} > 4294967295)`,
  float32: (v) => `(${v} < -3.4028234663852886e38 || ${v} > 3.4028234663852886e38)`,
  float64: () => 'false',
}

/** The failure condition of a number format (`z.int()`, `z.int32()`, `.int()`). */
export function numberFormatFailure(format: string | undefined, v: string): string | undefined {
  return format === undefined ? undefined : FORMAT_FAILURES[format]?.(v)
}

/** Bound and step checks on numbers (`.gt(0)`, `.max(100)`, `.multipleOf(5)`, `.int()`). */
export const numberFailure: ToFailure = (check, v) => {
  switch (check.check) {
    case 'number_format':
      return numberFormatFailure(check.format, v)
    case 'greater_than':
      return bound(check.value, (n) => (check.inclusive ? `!(${v} >= ${n})` : `!(${v} > ${n})`))
    case 'less_than':
      return bound(check.value, (n) => (check.inclusive ? `!(${v} <= ${n})` : `!(${v} < ${n})`))
    case 'multiple_of':
      // zod allows a relative error in the quotient (floatSafeRemainder), so it also accepts some
      // floats and large integers `%` refuses. Two safe integers with `%` exactly 0 have an exact
      // integer quotient, which zod accepts too; every other value is left to zod to decide.
      if (!Number.isSafeInteger(check.value)) return undefined
      return bound(check.value, (n) => `(!Number.isSafeInteger(${v}) || ${v} % ${n} !== 0)`)
    default:
      return undefined
  }
}

/**
 * All of a schema's checks as one failure condition: '' when it has none, undefined when one of
 * them is outside the fast subset (a refinement, a transform, an unsupported format).
 */
export function checksFailure(
  def: ZodDef,
  v: string,
  scope: EmitScope,
  toFailure: ToFailure,
): string | undefined {
  const parts: string[] = []
  for (const check of zodChecks(def)) {
    const part = toFailure(check, v, scope)
    if (part === undefined) return undefined
    parts.push(part)
  }
  return parts.join(' || ')
}
