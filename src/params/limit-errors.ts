import type { ValidationErrorItem } from '../errors/validation-error-item.js'

/** How much of a validation failure a 422 repeats back. */
export interface ErrorLimits {
  /** Most errors listed (default 100). */
  readonly maxErrors: number
  /** Longest `input` echoed, in characters of JSON (default 1,000). */
  readonly maxInputLength: number
}

/**
 * FastAPI's error list, bounded: at most `maxErrors` errors, and each `input` longer than
 * `maxInputLength` characters of JSON cut to fit (a string to its first characters and "…", a list
 * or object to its first items). FastAPI lists every error and echoes every input whole, so a body
 * of 60,000 unexpected keys answers 60,000 errors (5.9 MB), and a 400,000-item list echoes itself;
 * the cap keeps a hostile request from making the answer larger than the question.
 */
export function limitErrors(errors: ValidationErrorItem[], limits: ErrorLimits): ValidationErrorItem[] {
  const kept = errors.length > limits.maxErrors ? errors.slice(0, limits.maxErrors) : errors
  for (let index = 0; index < kept.length; index++) {
    const error = kept[index]!
    if ('input' in error && jsonLength(error.input, limits.maxInputLength) > limits.maxInputLength) {
      kept[index] = { ...error, input: truncate(error.input, limits.maxInputLength) }
    }
  }
  return kept
}

/** The length of `value` as JSON, counted only until it passes `budget` (then budget + 1). */
function jsonLength(value: unknown, budget: number): number {
  if (typeof value === 'string') return value.length + 2
  if (value === null || typeof value !== 'object') return String(value).length
  let length = 2
  if (Array.isArray(value)) {
    for (const item of value) {
      length += jsonLength(item, budget - length) + 1
      if (length > budget) return budget + 1
    }
    return length
  }
  for (const [key, item] of Object.entries(value)) {
    length += key.length + 4 + jsonLength(item, budget - length)
    if (length > budget) return budget + 1
  }
  return length
}

/** `value` cut to about `budget` characters of JSON, keeping its type. */
function truncate(value: unknown, budget: number): unknown {
  if (typeof value === 'string') return `${value.slice(0, Math.max(0, budget - 3))}…`
  if (value === null || typeof value !== 'object') return value
  let left = budget - 2
  if (Array.isArray(value)) {
    const out: unknown[] = []
    for (const item of value) {
      const size = jsonLength(item, left)
      if (size > left) {
        if (out.length === 0) out.push(truncate(item, left))
        break
      }
      out.push(item)
      left -= size + 1
    }
    return out
  }
  // Keys come from the request: a `__proto__` key must stay an ordinary key.
  const out: Record<string, unknown> = Object.create(null)
  for (const [key, item] of Object.entries(value)) {
    const size = key.length + 4 + jsonLength(item, left)
    if (size > left) {
      if (Object.keys(out).length === 0) out[key] = truncate(item, left - key.length - 4)
      break
    }
    out[key] = item
    left -= size
  }
  return out
}
