/** A content coding the `compression` middleware can produce. */
export type Coding = 'br' | 'gzip' | 'deflate'

/** Entries read from one `Accept-Encoding`; past this a header is junk, not a browser's list. */
const MAX_ENTRIES = 64

/**
 * The coding to answer with, from the request's `Accept-Encoding` (RFC 9110 §12.5.3), or
 * undefined for the identity (uncompressed) body. Each of `preferred` (server order) gets the
 * q-value of its own entry, else of `*`, else 0; `q=0` refuses it. The highest q-value wins and
 * the server's order breaks ties; a coding is used only when its q-value is at least that of
 * `identity` (1 unless the header lowers it), so `gzip;q=0.5, identity` is answered plain.
 * No header, or an empty one, means no coding (what every browser sends has one).
 *
 * The header is split on commas once (no regex, so a 16 kB header of junk is linear work) and
 * only its first 64 entries are read.
 *
 * @example
 * negotiateCoding('gzip, deflate, br;q=0.9', ['br', 'gzip']) // 'gzip'
 */
export function negotiateCoding(
  header: string | undefined,
  preferred: readonly Coding[],
): Coding | undefined {
  if (header === undefined || header === '') return undefined
  const weights = readWeights(header)
  const any = weights.get('*')
  const identity = weights.get('identity') ?? any ?? 1
  let best: Coding | undefined
  let bestWeight = 0
  for (const coding of preferred) {
    const weight = weights.get(coding) ?? (coding === 'gzip' ? weights.get('x-gzip') : undefined) ?? any ?? 0
    if (weight > bestWeight) {
      best = coding
      bestWeight = weight
    }
  }
  return best !== undefined && bestWeight >= identity ? best : undefined
}

/** Lowercase coding → q-value; the first entry of a repeated coding counts. */
function readWeights(header: string): Map<string, number> {
  const weights = new Map<string, number>()
  let start = 0
  for (let entries = 0; entries < MAX_ENTRIES && start <= header.length; entries++) {
    let end = header.indexOf(',', start)
    if (end === -1) end = header.length
    const entry = header.slice(start, end)
    start = end + 1
    const semicolon = entry.indexOf(';')
    const coding = (semicolon === -1 ? entry : entry.slice(0, semicolon)).trim().toLowerCase()
    if (coding === '' || weights.has(coding)) continue
    const weight = semicolon === -1 ? 1 : qValue(entry.slice(semicolon + 1))
    if (weight !== undefined) weights.set(coding, weight)
  }
  return weights
}

/**
 * The `q` of an entry's parameters (`q=0.8`), 1 when it has none. A malformed q-value
 * (`q=high`, `q=2`) drops the entry, as if the coding were not listed.
 */
function qValue(parameters: string): number | undefined {
  for (const parameter of parameters.split(';')) {
    const equals = parameter.indexOf('=')
    if (equals === -1 || parameter.slice(0, equals).trim().toLowerCase() !== 'q') continue
    const value = parameter.slice(equals + 1).trim()
    // RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
    if (!/^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value)) return undefined
    return Number(value)
  }
  return 1
}
