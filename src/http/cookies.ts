import { createDict } from './dict.js'
import { decodePercent } from './percent-decode.js'

/** Browsers keep about 180 cookies per domain; more than this in one header is not a browser. */
const MAX_COOKIES = 200

/**
 * Parses a `Cookie` request header into a null-prototype object of name → value.
 *
 * - Pairs are split on `;`, then on the first `=`; a pair with no `=` or an empty name is skipped.
 * - Only SP and HTAB are trimmed (RFC 6265 §5.2 / RFC 9110 OWS). `String#trim` would also strip
 *   NBSP, which browsers keep in the name, so `\u00a0__Host-session` would shadow the real
 *   `__Host-` cookie (Hono GHSA-r5rp-j6wh-rvv4).
 * - The first occurrence of a name wins: browsers send the most specific path first
 *   (RFC 6265 §5.4), and it is what the `cookie` package does.
 * - A value in double quotes is unquoted; a value holding `%` is percent-decoded (never throwing,
 *   `+` kept), matching how `serializeCookie` encodes.
 * - Pairs past the 200th are ignored, so the work per header is bounded.
 *
 * @example
 * parseCookies('session=abc; theme="dark"; session=shadow') // { session: 'abc', theme: 'dark' }
 */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies = createDict<string>()
  if (header === undefined || header === '') return cookies
  let count = 0
  let start = 0
  // The next `=` is remembered across pairs: searching again from each `;` would rescan the same
  // stretch for every pair, O(n²) on `a;a;a;…;a=b`.
  let eq = -1
  while (start < header.length && count < MAX_COOKIES) {
    let end = header.indexOf(';', start)
    if (end === -1) end = header.length
    if (eq < start) {
      eq = header.indexOf('=', start)
      if (eq === -1) break
    }
    if (eq < end) {
      count++
      const name = trimOws(header, start, eq)
      if (name !== '' && !(name in cookies)) cookies[name] = decodeValue(trimOws(header, eq + 1, end))
    }
    start = end + 1
  }
  return cookies
}

function decodeValue(raw: string): string {
  const value = raw.length >= 2 && raw[0] === '"' && raw[raw.length - 1] === '"' ? raw.slice(1, -1) : raw
  return value.includes('%') ? decodePercent(value, false) : value
}

/** `text.slice(start, end)` without leading or trailing SP/HTAB, and nothing else trimmed. */
function trimOws(text: string, start: number, end: number): string {
  while (start < end && isOws(text.charCodeAt(start))) start++
  while (end > start && isOws(text.charCodeAt(end - 1))) end--
  return text.slice(start, end)
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09
}
