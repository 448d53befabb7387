import { emailReason, urlReason, uuidReason } from './format-reasons.js'
import { parseIsoDate, parseIsoDateTime, parseIsoTime } from './iso-datetime.js'
import type { PydanticError } from './pydantic-errors.js'

/** The source of a regex as zod prints it (`/^x$/i`), without slashes and flags, as Pydantic shows patterns. */
function patternSource(pattern: unknown): string {
  if (pattern instanceof RegExp) return pattern.source
  const text = String(pattern)
  const match = /^\/(.*)\/[a-z]*$/s.exec(text)
  return match === null ? text : match[1]!
}

function mismatch(pattern: unknown): PydanticError {
  const source = patternSource(pattern)
  return {
    type: 'string_pattern_mismatch',
    msg: `String should match pattern '${source}'`,
    ctx: { pattern: source },
  }
}

function withReason(type: string, prefix: string, reason: string): PydanticError {
  return { type, msg: `${prefix}, ${reason}`, ctx: { error: reason } }
}

/** The parser's reason when it rejects `text`, else zod's own message (its formats are stricter). */
function isoReason(parsed: { ok: boolean; reason?: string }, fallback: string): string {
  return parsed.ok ? fallback.toLowerCase() : parsed.reason!
}

/**
 * Pydantic's error for a string that fails one of zod's string formats: the dedicated Pydantic type
 * where one exists (`uuid_parsing`, `url_parsing`, an email `value_error`, date and time parsing),
 * else a pattern mismatch on zod's pattern.
 */
export function formatError(
  format: string,
  issue: { pattern?: unknown; message: string },
  input: unknown,
): PydanticError {
  const text = typeof input === 'string' ? input : String(input)
  switch (format) {
    case 'regex':
      return mismatch(issue.pattern)
    case 'uuid':
    case 'uuidv4':
    case 'uuidv6':
    case 'uuidv7':
    case 'guid':
      return withReason('uuid_parsing', 'Input should be a valid UUID', uuidReason(text))
    case 'url':
      return withReason('url_parsing', 'Input should be a valid URL', urlReason(text))
    case 'email': {
      const reason = emailReason(text)
      return { type: 'value_error', msg: `value is not a valid email address: ${reason}`, ctx: { reason } }
    }
    case 'datetime':
      return withReason(
        'datetime_from_date_parsing',
        'Input should be a valid datetime or date',
        isoReason(parseIsoDateTime(text), issue.message),
      )
    case 'date':
      return withReason(
        'date_from_datetime_parsing',
        'Input should be a valid date or datetime',
        isoReason(parseIsoDate(text), issue.message),
      )
    case 'time':
      return withReason(
        'time_parsing',
        'Input should be in a valid time format',
        isoReason(parseIsoTime(text), issue.message),
      )
    default:
      if (issue.pattern !== undefined) return mismatch(issue.pattern)
      return { type: 'value_error', msg: `Value error, ${issue.message}`, ctx: { error: {} } }
  }
}
