/** What a part's `Content-Disposition` says: its field name and, for a file, its filename. */
export interface Disposition {
  readonly name: string
  /** Undefined when the part is not a file (it had no `filename` parameter). */
  readonly filename: string | undefined
}

/**
 * Reads `form-data; name="field"; filename="a.txt"` (RFC 7578 §4.2) in one linear pass: no regex,
 * so a hostile header cannot make it backtrack (python-multipart CVE-2024-24762). Only the plain
 * `name` and `filename` parameters count, the first of each: RFC 7578 forbids `filename*`, and
 * letting `name*` or `filename*` override the plain one lets a proxy and the app read different
 * names (python-multipart GHSA-vffw-93wf-4j4q). The filename keeps only its last path segment.
 * Undefined when the header is not `form-data` or names no field.
 */
export function parseDisposition(header: string): Disposition | undefined {
  let index = header.indexOf(';')
  const type = (index === -1 ? header : header.slice(0, index)).trim().toLowerCase()
  if (type !== 'form-data') return undefined
  let name: string | undefined
  let filename: string | undefined
  while (index !== -1 && index < header.length) {
    const eq = header.indexOf('=', index + 1)
    if (eq === -1) break
    const key = header
      .slice(index + 1, eq)
      .trim()
      .toLowerCase()
    const [value, next] = readValue(header, eq + 1)
    if (key === 'name' && name === undefined) name = value
    else if (key === 'filename' && filename === undefined) filename = value
    index = next
  }
  if (name === undefined) return undefined
  return { name, filename: filename === undefined ? undefined : basename(filename) }
}

/** A parameter's value (a quoted string with `\` escapes, or a token) and where the next `;` is. */
function readValue(header: string, start: number): [string, number] {
  let at = start
  while (header[at] === ' ' || header[at] === '\t') at++
  if (header[at] !== '"') {
    const end = header.indexOf(';', at)
    return [header.slice(at, end === -1 ? header.length : end).trim(), end]
  }
  let value = ''
  for (at++; at < header.length; at++) {
    const char = header[at]
    if (char === '\\' && at + 1 < header.length) value += header[++at]
    else if (char === '"') break
    else value += char
  }
  return [value, header.indexOf(';', at)]
}

/** The last segment of a client path (`C:\\x\\a.txt`, `../../a.txt` → `a.txt`); `.` and `..` are empty. */
function basename(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'))
  const last = cut === -1 ? path : path.slice(cut + 1)
  return last === '.' || last === '..' ? '' : last
}
