import { ConfigError } from '../errors/config-error.js'

const KIB = 1024
const MIB = 1024 * KIB

/**
 * The bounds a `multipart/form-data` body is read within; each has a safe default and may be set
 * per app (`new App({ multipart })`) and per route (`{ multipart }`). Going past one is a 413 and
 * the handler never runs.
 */
export interface MultipartLimits {
  /** Largest file, in bytes (default 10 MiB). `upload({ maxSize })` sets it for one field. */
  readonly maxFileSize: number
  /** Most files (default 100). */
  readonly maxFiles: number
  /** Most fields without a filename (default 1000, Starlette's `max_fields`). */
  readonly maxFields: number
  /** Largest field without a filename, in bytes (default 1 MiB, Starlette's `max_part_size`). */
  readonly maxFieldSize: number
  /** Most parts, files and fields together (default 1000). */
  readonly maxParts: number
  /** Most header lines in one part (default 32). */
  readonly maxPartHeaders: number
  /** Largest header block of one part, in bytes (default 8 KiB). */
  readonly maxPartHeaderSize: number
  /** Largest whole body, in bytes (default 50 MiB); replaces `bodyLimit` for multipart bodies. */
  readonly maxTotalSize: number
  /** Files larger than this many bytes are written to a temp file instead of memory (default 1 MiB). */
  readonly spoolThreshold: number
}

/** Brisk's defaults (SECURITY-NOTES §2.3: files 10 MiB, fields and parts 1000, headers 8 KiB / 32 lines). */
export const DEFAULT_MULTIPART_LIMITS: MultipartLimits = Object.freeze({
  maxFileSize: 10 * MIB,
  maxFiles: 100,
  maxFields: 1000,
  maxFieldSize: MIB,
  maxParts: 1000,
  maxPartHeaders: 32,
  maxPartHeaderSize: 8 * KIB,
  maxTotalSize: 50 * MIB,
  spoolThreshold: MIB,
})

/**
 * `base` with `overrides` applied, every value checked: a limit that is not a whole, non-negative
 * number is a ConfigError rather than silently no limit (body-parser GHSA-v422-hmwv-36x6).
 */
export function resolveMultipartLimits(
  base: MultipartLimits,
  overrides: Partial<MultipartLimits> | undefined,
  where: string,
): MultipartLimits {
  if (overrides === undefined) return base
  const resolved: Record<string, number> = { ...base }
  for (const [name, value] of Object.entries(overrides)) {
    if (!(name in base)) {
      throw new ConfigError(
        `${where}: unknown multipart limit "${name}"; the limits are ${Object.keys(base).join(', ')}.`,
      )
    }
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new ConfigError(`${where}: multipart.${name} must be a whole number ≥ 0, got ${String(value)}.`)
    }
    resolved[name] = value
  }
  return Object.freeze(resolved) as unknown as MultipartLimits
}
