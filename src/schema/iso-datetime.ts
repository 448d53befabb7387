/**
 * A small ISO 8601 reader that fails with the reasons Pydantic's `speedate` gives, so that date
 * errors read like FastAPI's (`input is too short`, `month value is outside expected range of 1-12`).
 */

/** The outcome of reading a date or date-time: milliseconds since the epoch, or speedate's reason. */
export type IsoParse = { ok: true; ms: number } | { ok: false; reason: string }

const TOO_SHORT = 'input is too short'

function fail(reason: string): IsoParse {
  return { ok: false, reason }
}

/** Reads a run of `count` digits at `at`; -1 when any of them is not a digit. */
function digits(text: string, at: number, count: number): number {
  let n = 0
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i) - 48
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Reads `YYYY-MM-DD` at the start of `text`; the date as UTC milliseconds, or speedate's reason. */
export function parseIsoDate(text: string): IsoParse {
  if (text.length < 10) return fail(TOO_SHORT)
  const year = digits(text, 0, 4)
  if (year < 0) return fail('invalid character in year')
  if (text[4] !== '-') return fail('invalid date separator, expected `-`')
  const month = digits(text, 5, 2)
  if (month < 0) return fail('invalid character in month')
  if (text[7] !== '-') return fail('invalid date separator, expected `-`')
  const day = digits(text, 8, 2)
  if (day < 0) return fail('invalid character in day')
  if (month < 1 || month > 12) return fail('month value is outside expected range of 1-12')
  if (day < 1 || day > daysInMonth(year, month)) return fail('day value is outside expected range')
  return { ok: true, ms: Date.UTC(year, month - 1, day) }
}

/** Reads `HH:MM[:SS[.ffffff]]` at the start of `text`; milliseconds into the day plus what it consumed. */
function parseTime(text: string): { ok: true; ms: number; end: number } | { ok: false; reason: string } {
  if (text.length < 5) return { ok: false, reason: TOO_SHORT }
  const hour = digits(text, 0, 2)
  if (hour < 0) return { ok: false, reason: 'invalid character in hour' }
  if (text[2] !== ':') return { ok: false, reason: 'invalid time separator, expected `:`' }
  const minute = digits(text, 3, 2)
  if (minute < 0) return { ok: false, reason: 'invalid character in minute' }
  if (hour > 23) return { ok: false, reason: 'hour value is outside expected range of 0-23' }
  if (minute > 59) return { ok: false, reason: 'minute value is outside expected range of 0-59' }
  let end = 5
  let second = 0
  let fraction = 0
  if (text[5] === ':') {
    second = digits(text, 6, 2)
    if (second < 0 || text.length < 8) return { ok: false, reason: 'invalid character in second' }
    if (second > 59) return { ok: false, reason: 'second value is outside expected range of 0-59' }
    end = 8
    if (text[8] === '.' || text[8] === ',') {
      let i = 9
      while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++
      if (i === 9) return { ok: false, reason: 'second fraction value is more than 6 digits long' }
      fraction = Number(`0.${text.slice(9, i)}`)
      end = i
    }
  }
  return { ok: true, ms: ((hour * 60 + minute) * 60 + second) * 1000 + Math.round(fraction * 1000), end }
}

/** Reads `Z`, `z` or `±HH[:MM]`; the offset from UTC in milliseconds. */
function parseOffset(text: string): IsoParse {
  if (text === 'Z' || text === 'z') return { ok: true, ms: 0 }
  const sign = text[0] === '+' ? 1 : text[0] === '-' ? -1 : 0
  if (sign === 0) return fail('unexpected extra characters at the end of the input')
  const hours = digits(text, 1, 2)
  const rest = text.slice(3).replace(/^:/, '')
  const minutes = rest === '' ? 0 : rest.length === 2 ? digits(rest, 0, 2) : -1
  if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59) return fail('invalid timezone sign')
  return { ok: true, ms: sign * (hours * 60 + minutes) * 60_000 }
}

/**
 * Reads what Pydantic accepts for a `datetime` in lax mode: a date, a date-time separated by `T`,
 * `t`, `_` or a space, with an optional offset, or a Unix timestamp (seconds, or milliseconds when
 * larger than 2e10, as speedate decides). A date-time without an offset is read as UTC: JavaScript
 * has no naive datetimes, and UTC keeps the result independent of the server's time zone.
 */
export function parseIsoDateTime(text: string): IsoParse {
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) {
    const n = Number(text)
    return { ok: true, ms: Math.abs(n) > 2e10 ? n : n * 1000 }
  }
  const date = parseIsoDate(text)
  if (!date.ok || text.length === 10) return date
  const sep = text[10]
  if (sep !== 'T' && sep !== 't' && sep !== '_' && sep !== ' ') {
    return fail('invalid datetime separator, expected `T`, `t`, `_` or space')
  }
  const time = parseTime(text.slice(11))
  if (!time.ok) return time
  const tail = text.slice(11 + time.end)
  const offset = tail === '' ? { ok: true as const, ms: 0 } : parseOffset(tail)
  if (!offset.ok) return offset
  return { ok: true, ms: date.ms + time.ms - offset.ms }
}

/** Reads what Pydantic accepts for a `time`: `HH:MM[:SS[.ffffff]]` with an optional offset. */
export function parseIsoTime(text: string): IsoParse {
  const time = parseTime(text)
  if (!time.ok) return time
  const tail = text.slice(time.end)
  if (tail === '') return { ok: true, ms: time.ms }
  const offset = parseOffset(tail)
  return offset.ok ? { ok: true, ms: time.ms - offset.ms } : offset
}
