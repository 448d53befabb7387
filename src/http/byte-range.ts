/** One satisfiable byte range of a representation, both ends inclusive (RFC 9110 §14.1.1). */
export interface ByteRange {
  start: number
  end: number
}

/**
 * The reading of a `Range` header against a representation of `size` bytes:
 * the ranges to send (sorted, overlapping and adjacent ones merged), `'ignore'` to send the whole
 * representation (a unit other than bytes, or more than `maxRanges` ranges; RFC 9110 §14.2 lets a
 * server ignore Range), `'unsatisfiable'` when no range overlaps the content, or `'malformed'`
 * for text that is not a byte-range set (both answered 416 by `file`).
 */
export type RangeRequest = ByteRange[] | 'ignore' | 'unsatisfiable' | 'malformed'

/**
 * Parses `Range: bytes=…` in linear time plus one sort. Starlette's quadratic merge and regex
 * scanning let `bytes=0-0,2-2,4-4,…` pin a CPU (CVE-2025-62727); here elements are counted while
 * scanning with an early exit past `maxRanges`, and merging is one pass over the sorted ranges.
 * Suffix ranges longer than the content are clamped to it (`bytes=-500` of 100 bytes is 0-99), as
 * are last positions past the end; ranges starting past the end are dropped, and only when none
 * is left is the request unsatisfiable (RFC 9110 §15.5.17).
 *
 * @example
 * parseRange('bytes=0-9, 5-19, -5', 100) // [{ start: 0, end: 19 }, { start: 95, end: 99 }]
 */
export function parseRange(header: string, size: number, maxRanges = 100): RangeRequest {
  const eq = header.indexOf('=')
  if (eq === -1) return 'malformed'
  if (trimOws(header, 0, eq).toLowerCase() !== 'bytes') return 'ignore'
  const ranges: ByteRange[] = []
  let elements = 0
  let start = eq + 1
  while (start <= header.length) {
    let end = header.indexOf(',', start)
    if (end === -1) end = header.length
    const element = trimOws(header, start, end)
    start = end + 1
    if (element === '') continue // RFC 9110 §5.6.1: empty list elements are allowed and ignored
    if (++elements > maxRanges) return 'ignore'
    const range = parseElement(element, size)
    if (range === 'malformed') return range
    if (range !== null) ranges.push(range)
  }
  if (elements === 0) return 'malformed'
  if (ranges.length === 0) return 'unsatisfiable'
  return ranges.length === 1 ? ranges : mergeRanges(ranges)
}

/** One `first-last`, `first-` or `-suffix`; null when it lies wholly past the end. */
function parseElement(element: string, size: number): ByteRange | null | 'malformed' {
  const dash = element.indexOf('-')
  if (dash === -1) return 'malformed'
  const first = element.slice(0, dash)
  const last = element.slice(dash + 1)
  if (first === '') {
    if (!isDigits(last)) return 'malformed'
    const length = Number(last)
    if (length === 0 || size === 0) return null
    return { start: Math.max(0, size - length), end: size - 1 }
  }
  if (!isDigits(first) || (last !== '' && !isDigits(last))) return 'malformed'
  const from = Number(first)
  const to = last === '' ? Number.POSITIVE_INFINITY : Number(last)
  if (to < from) return 'malformed'
  if (from >= size) return null
  return { start: from, end: Math.min(to, size - 1) }
}

/** Sorts by start and folds overlapping or touching ranges in one pass: O(n log n), not O(n²). */
function mergeRanges(ranges: ByteRange[]): ByteRange[] {
  ranges.sort((a, b) => a.start - b.start)
  const merged: ByteRange[] = [ranges[0]!]
  for (let i = 1; i < ranges.length; i++) {
    const range = ranges[i]!
    const last = merged[merged.length - 1]!
    if (range.start <= last.end + 1) last.end = Math.max(last.end, range.end)
    else merged.push(range)
  }
  return merged
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x30 || code > 0x39) return false
  }
  return true
}

function trimOws(text: string, start: number, end: number): string {
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--
  return text.slice(start, end)
}
