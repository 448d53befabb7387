import { ConfigError } from '../errors/config-error.js'

/**
 * A list option, checked: an array of strings. A lone string is refused rather than wrapped, since
 * `allowOrigins: 'https://a.example, https://b.example'` would otherwise become one odd origin.
 */
export function stringList(
  where: string,
  name: string,
  value: unknown,
  fallback: readonly string[],
): string[] {
  if (value === undefined) return [...fallback]
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    const hint = typeof value === 'string' ? ` (write [${JSON.stringify(value)}])` : ''
    throw new ConfigError(`${name} of ${where} must be an array of strings${hint}.`)
  }
  return [...value]
}

/** A boolean option, checked. */
export function flag(where: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw new ConfigError(`${name} of ${where} must be true or false.`)
  return value
}

/** A whole-number option within bounds, checked: NaN or a fraction would silently change a limit. */
export function wholeNumber(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  range: { min: number; max: number },
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw new ConfigError(
      `${name} of ${where} must be a whole number from ${range.min} to ${range.max}, got ${String(value)}.`,
    )
  }
  return value
}

/** RFC 9110 §5.6.2 `token`: what a header name may be. */
export function isHeaderName(name: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)
}
