import type { ZodCheckDef, ZodDef } from './zod-def.js'
import { zodChecks } from './zod-def.js'

/** A predicate over a value already known to have the right JS type. */
export type Test = (value: any) => boolean

/** A length check (`.min(3)`, `.max(5)`, `.length(2)`) on strings and arrays. */
export function lengthTest(check: ZodCheckDef): Test | undefined {
  const { minimum, maximum, length } = check
  if (check.check === 'min_length') return (v) => v.length >= minimum!
  if (check.check === 'max_length') return (v) => v.length <= maximum!
  if (check.check === 'length_equals') return (v) => v.length === length
  return undefined
}

/** A bound or step check on numbers (`.gt(0)`, `.max(100)`, `.multipleOf(5)`, `.int()`). */
export function numberTest(check: ZodCheckDef): Test | undefined {
  if (check.check === 'number_format') return check.format === 'safeint' ? Number.isSafeInteger : undefined
  const bound = check.value
  if (typeof bound !== 'number') return undefined
  if (check.check === 'greater_than') return check.inclusive ? (v) => v >= bound : (v) => v > bound
  if (check.check === 'less_than') return check.inclusive ? (v) => v <= bound : (v) => v < bound
  // A non-zero remainder may still pass zod's float-tolerant rule: failing only sends it to zod to decide.
  if (check.check === 'multiple_of') return (v) => v % bound === 0
  return undefined
}

/** A length or regex check on strings; other string formats are left to zod. */
export function stringTest(check: ZodCheckDef): Test | undefined {
  if (check.check === 'string_format' && check.format === 'regex' && check.pattern instanceof RegExp) {
    const pattern = check.pattern
    return (v) => {
      // A global or sticky regex remembers where it stopped; zod's check starts from 0 each time.
      pattern.lastIndex = 0
      return pattern.test(v)
    }
  }
  return lengthTest(check)
}

/**
 * All of a schema's checks as one test: null when it has none, undefined when one of them is
 * outside the fast subset (a refinement, a transform, an unsupported format).
 */
export function combineChecks(
  def: ZodDef,
  toTest: (check: ZodCheckDef) => Test | undefined,
): Test | null | undefined {
  const tests: Test[] = []
  for (const check of zodChecks(def)) {
    const test = toTest(check)
    if (test === undefined) return undefined
    tests.push(test)
  }
  if (tests.length === 0) return null
  if (tests.length === 1) return tests[0]!
  return (v) => {
    for (const test of tests) if (!test(v)) return false
    return true
  }
}
