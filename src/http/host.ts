/**
 * RFC 3986 `host [ ":" port ]`, checked character by character (no regex): a name or IPv4
 * address of unreserved characters (letters, digits, `-`, `.`, `_`, `~`; the rarer sub-delims and
 * percent-escapes are refused), or an IPv6 literal in brackets, then an optional numeric port.
 */
export function isPlainHost(host: string): boolean {
  if (host.length === 0 || host.length > 255) return false
  let i = 0
  if (host.charCodeAt(0) === 0x5b) {
    const close = host.indexOf(']')
    if (close === -1) return false
    for (i = 1; i < close; i++) if (!isIpv6Char(host.charCodeAt(i))) return false
    i = close + 1
  } else {
    for (; i < host.length && host.charCodeAt(i) !== 0x3a; i++)
      if (!isRegNameChar(host.charCodeAt(i))) return false
  }
  if (i === host.length) return true
  if (host.charCodeAt(i) !== 0x3a) return false
  for (i++; i < host.length; i++) {
    const code = host.charCodeAt(i)
    if (code < 0x30 || code > 0x39) return false
  }
  return true
}

function isRegNameChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2d || // -
    code === 0x2e || // .
    code === 0x5f || // _
    code === 0x7e // ~
  )
}

function isIpv6Char(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x61 && code <= 0x66) ||
    (code >= 0x41 && code <= 0x46) ||
    code === 0x3a ||
    code === 0x2e
  )
}

/**
 * A plain `host[:port]` (see `isPlainHost`) split into its name, lowercased (host names are
 * case-insensitive, RFC 3986 §3.2.2), and its port, `''` when none. An IPv6 literal keeps its
 * brackets: `[::1]:8000` is `{ name: '[::1]', port: '8000' }`.
 */
export function splitHost(host: string): { name: string; port: string } {
  const end = host.charCodeAt(0) === 0x5b ? host.indexOf(']') + 1 : host.indexOf(':')
  if (end <= 0 || end >= host.length) return { name: host.toLowerCase(), port: '' }
  return { name: host.slice(0, end).toLowerCase(), port: host.slice(end + 1) }
}
