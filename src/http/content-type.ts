/** A parsed `Content-Type` (RFC 9110 §8.3.1): the one canonical reading every consumer uses. */
export interface MediaType {
  /** Lowercased top-level type: `application`. */
  type: string
  /** Lowercased subtype: `json`, `geo+json`. */
  subtype: string
  /** `type/subtype`, lowercased: what to compare against. */
  essence: string
  /** Parameters by lowercased name; values unquoted, case kept (a `boundary` is case-sensitive). */
  params: Record<string, string>
}

/** More parameters than any real media type needs; a cap keeps the work per header bounded. */
const MAX_PARAMS = 32

// RFC 9110 §5.6.2 tchar, as a 128-entry table so the scan is a lookup per character.
const TCHAR = new Uint8Array(128)
for (const c of "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") {
  TCHAR[c.charCodeAt(0)] = 1
}

const isTchar = (code: number): boolean => code < 128 && TCHAR[code] === 1
const isOws = (code: number): boolean => code === 0x20 || code === 0x09

/**
 * Parses a `Content-Type` header strictly by RFC 9110 §8.3.1, or returns null when it is not one:
 * `type "/" subtype *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] )` with optional SP/HTAB
 * around it. Anything else (a control character, a missing subtype, text after the subtype, a
 * duplicated or 33rd parameter) gives null, so the caller answers 415 instead of guessing.
 *
 * Why strict: Fastify's body parser and validator read one header two ways four times
 * (CVE-2025-32442 `Application/JSON`, CVE-2026-25223 `application/json\ta`, CVE-2026-3419
 * `application/json garbage`, CVE-2026-33806 a leading space). One parser, one answer.
 * The scan is a single pass with no regular expression, so a quoted value full of backslashes
 * costs linear time (python-multipart CVE-2024-24762 was a backtracking regex).
 *
 * @example
 * parseMediaType('Application/JSON; charset="utf-8"')
 * // { type: 'application', subtype: 'json', essence: 'application/json', params: { charset: 'utf-8' } }
 * parseMediaType('application/json garbage') // null
 */
export function parseMediaType(header: string | undefined): MediaType | null {
  if (header === undefined) return null
  const end = trimEnd(header)
  let i = skipOws(header, 0, end)
  const typeStart = i
  i = skipToken(header, i, end)
  if (i === typeStart || header.charCodeAt(i) !== 0x2f) return null
  const type = header.slice(typeStart, i).toLowerCase()
  const subtypeStart = ++i
  i = skipToken(header, i, end)
  if (i === subtypeStart) return null
  const subtype = header.slice(subtypeStart, i).toLowerCase()
  const params: Record<string, string> = Object.create(null)
  let count = 0
  while (i < end) {
    // After the subtype or a parameter only `OWS ";"` may follow.
    i = skipOws(header, i, end)
    if (header.charCodeAt(i) !== 0x3b) return null
    i = skipOws(header, i + 1, end)
    if (i === end || header.charCodeAt(i) === 0x3b) continue // RFC 9110 allows an empty parameter
    const nameStart = i
    i = skipToken(header, i, end)
    if (i === nameStart || header.charCodeAt(i) !== 0x3d) return null
    const name = header.slice(nameStart, i).toLowerCase()
    i++
    let value: string
    if (header.charCodeAt(i) === 0x22) {
      const quoted = readQuoted(header, i, end)
      if (quoted === null) return null
      value = quoted.value
      i = quoted.next
    } else {
      const valueStart = i
      i = skipToken(header, i, end)
      if (i === valueStart) return null
      value = header.slice(valueStart, i)
    }
    // A repeated name (`boundary=a; boundary=b`) has no one right reading, so refuse it.
    if (name in params || ++count > MAX_PARAMS) return null
    params[name] = value
  }
  return { type, subtype, essence: `${type}/${subtype}`, params }
}

/**
 * True for `application/json` and any `application/*+json` (RFC 6839 §3.1), the types FastAPI
 * parses as JSON; `application/geo+json-seq` and `text/plain` are not.
 *
 * @example
 * isJsonMediaType(parseMediaType('application/geo+json')) // true
 */
export function isJsonMediaType(mt: MediaType | null): boolean {
  return mt !== null && mt.type === 'application' && (mt.subtype === 'json' || mt.subtype.endsWith('+json'))
}

function trimEnd(text: string): number {
  let end = text.length
  while (end > 0 && isOws(text.charCodeAt(end - 1))) end--
  return end
}

function skipOws(text: string, i: number, end: number): number {
  while (i < end && isOws(text.charCodeAt(i))) i++
  return i
}

function skipToken(text: string, i: number, end: number): number {
  while (i < end && isTchar(text.charCodeAt(i))) i++
  return i
}

/** Reads a quoted-string starting at the opening DQUOTE (RFC 9110 §5.6.4). */
function readQuoted(text: string, i: number, end: number): { value: string; next: number } | null {
  let value = ''
  let runStart = ++i
  while (i < end) {
    const code = text.charCodeAt(i)
    if (code === 0x22) return { value: value + text.slice(runStart, i), next: i + 1 }
    if (code === 0x5c) {
      // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
      if (i + 1 >= end || !isQuotable(text.charCodeAt(i + 1))) return null
      value += text.slice(runStart, i) + text[i + 1]
      i += 2
      runStart = i
      continue
    }
    if (!isQuotable(code)) return null
    i++
  }
  return null
}

/** qdtext and the quoted-pair payload: HTAB, SP, VCHAR and obs-text; never another CTL. */
function isQuotable(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code !== 0x7f && code <= 0xff)
}
