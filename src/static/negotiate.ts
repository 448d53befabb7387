/**
 * The codings of `Accept-Encoding` this server has siblings for, best first (RFC 9110 §12.5.3):
 * a coding is acceptable when its own q, or else `*`'s, is above 0; a higher q wins and brotli
 * wins a tie, being smaller. One linear pass with no regex, so an oversized header costs only
 * its length (SECURITY-NOTES §0.4).
 *
 * @example
 * preferredEncodings('gzip;q=1.0, br;q=0.5') // ['gzip', 'br']
 */
export function preferredEncodings(header: string | undefined): Array<'br' | 'gzip'> {
  if (header === undefined) return []
  let br: number | undefined
  let gzip: number | undefined
  let any: number | undefined
  for (const element of header.split(',')) {
    const semicolon = element.indexOf(';')
    const coding = (semicolon === -1 ? element : element.slice(0, semicolon)).trim().toLowerCase()
    if (coding !== 'br' && coding !== 'gzip' && coding !== 'x-gzip' && coding !== '*') continue
    const q = semicolon === -1 ? 1 : qualityOf(element.slice(semicolon + 1))
    if (coding === 'br') br = q
    else if (coding === '*') any = q
    else gzip = q
  }
  const brQ = br ?? any ?? 0
  const gzipQ = gzip ?? any ?? 0
  const order: Array<'br' | 'gzip'> = gzipQ > brQ ? ['gzip', 'br'] : ['br', 'gzip']
  return order.filter((coding) => (coding === 'br' ? brQ : gzipQ) > 0)
}

/**
 * True when `Accept` names `text/html` with a q above 0: a browser navigating to a page, not a
 * script, image or API call (those send `*∕*` or their own type), as FastAPI's frontend fallback
 * decides.
 */
export function acceptsHtml(header: string | undefined): boolean {
  if (header === undefined) return false
  for (const element of header.split(',')) {
    const semicolon = element.indexOf(';')
    const type = (semicolon === -1 ? element : element.slice(0, semicolon)).trim().toLowerCase()
    if (type === 'text/html') return semicolon === -1 || qualityOf(element.slice(semicolon + 1)) > 0
  }
  return false
}

/** The `q` of a parameter list (`q=0.5;x=y`): 1 when absent, 0 when unreadable. */
function qualityOf(parameters: string): number {
  for (const parameter of parameters.split(';')) {
    const eq = parameter.indexOf('=')
    if (eq === -1 || parameter.slice(0, eq).trim().toLowerCase() !== 'q') continue
    const q = Number(parameter.slice(eq + 1).trim())
    return Number.isFinite(q) && q >= 0 && q <= 1 ? q : 0
  }
  return 1
}
