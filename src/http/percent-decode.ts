/**
 * Percent-decodes `input` without ever throwing, as Python's `urllib.parse.unquote` does with
 * `errors='replace'`: a `%` not followed by two hex digits is kept as-is, and decoded bytes that
 * are not valid UTF-8 become U+FFFD. `decodeURIComponent` throws a URIError on both, which would
 * turn a hostile query string or cookie into a 500 (multiparty CVE-2026-8162 is that bug).
 * With `plusAsSpace`, `+` means a space (`application/x-www-form-urlencoded`, WHATWG URL §5.1).
 *
 * Linear: one pass, bytes gathered per run of escapes.
 *
 * @example
 * decodePercent('caf%C3%A9+au+lait', true) // 'café au lait'
 * decodePercent('100%', false) // '100%'
 */
export function decodePercent(input: string, plusAsSpace: boolean): string {
  const hasPercent = input.includes('%')
  const text = plusAsSpace && input.includes('+') ? input.replaceAll('+', ' ') : input
  if (!hasPercent) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return decodeLeniently(text)
  }
}

function decodeLeniently(text: string): string {
  let out = ''
  let bytes: number[] = []
  let i = 0
  while (i < text.length) {
    const byte = text.charCodeAt(i) === 0x25 ? hexByte(text, i + 1) : -1
    if (byte >= 0) {
      bytes.push(byte)
      i += 3
      continue
    }
    if (bytes.length > 0) {
      out += Buffer.from(bytes).toString('utf8')
      bytes = []
    }
    out += text[i]
    i++
  }
  if (bytes.length > 0) out += Buffer.from(bytes).toString('utf8')
  return out
}

function hexByte(text: string, at: number): number {
  if (at + 1 >= text.length) return -1
  const high = hexValue(text.charCodeAt(at))
  const low = hexValue(text.charCodeAt(at + 1))
  return high < 0 || low < 0 ? -1 : high * 16 + low
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10
  return -1
}
