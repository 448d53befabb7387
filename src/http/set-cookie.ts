/** Attributes of a `Set-Cookie` line, named like Starlette's `set_cookie` arguments. */
export interface CookieOptions {
  /** Seconds until the cookie expires; `0` or less expires it now. */
  maxAge?: number
  expires?: Date
  /** Defaults to `/`, as in Starlette. */
  path?: string
  domain?: string
  secure?: boolean
  httpOnly?: boolean
  /** Defaults to `lax`, as in Starlette. */
  sameSite?: 'lax' | 'strict' | 'none'
  /** CHIPS: keys the cookie by the top-level site as well. */
  partitioned?: boolean
}

// RFC 9110 §5.6.2 token, which RFC 6265 §4.1.1 uses for cookie-name. A name with `;`, `=` or a
// space would let its caller inject attributes (cookie CVE-2024-47764), CR/LF a header (Hono
// CVE-2026-56762). One character class, no nested quantifier.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
// RFC 6265 §4.1.1 cookie-octet without `%`, which is our escape character.
const SAFE_VALUE = /^[\x21\x23\x24\x26-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/
// RFC 6265 §4.1.1 path-value: any CHAR except CTLs or `;`.
const PATH_VALUE = /^[\x20-\x3a\x3c-\x7e]*$/
// Host names only (letters, digits, `-`, `.`), optionally with the leading dot RFC 6265 ignores.
const DOMAIN_VALUE = /^[0-9A-Za-z.-]+$/

/**
 * Builds one `Set-Cookie` header value the way Starlette's `Response.set_cookie` spells it:
 * attributes in its order, `Path=/` and `SameSite=lax` by default, `expires` as an IMF-fixdate.
 * The value is percent-encoded where it holds anything outside RFC 6265 cookie-octets (and `%`),
 * which `parseCookies` decodes; an empty value is sent as `""`, as Python's `SimpleCookie` does.
 *
 * @throws TypeError when the name is not an RFC 6265 token, or the path or domain could inject
 *   attributes (cookie CVE-2024-47764).
 * @example
 * serializeCookie('session', 'abc', { httpOnly: true, maxAge: 3600 })
 * // 'session=abc; HttpOnly; Max-Age=3600; Path=/; SameSite=lax'
 */
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) {
    throw new TypeError(
      `Cookie name ${JSON.stringify(name)} is not an RFC 6265 token (letters, digits, !#$%&'*+-.^_\`|~)`,
    )
  }
  const parts = [`${name}=${encodeValue(value)}`]
  if (options.domain !== undefined) {
    if (!DOMAIN_VALUE.test(options.domain)) {
      throw new TypeError(`Cookie domain ${JSON.stringify(options.domain)} is not a host name`)
    }
    parts.push(`Domain=${options.domain}`)
  }
  if (options.expires !== undefined) {
    if (Number.isNaN(options.expires.getTime())) throw new TypeError('Cookie expires is an invalid Date')
    parts.push(`expires=${options.expires.toUTCString()}`)
  }
  if (options.httpOnly) parts.push('HttpOnly')
  if (options.maxAge !== undefined) {
    if (!Number.isFinite(options.maxAge))
      throw new TypeError('Cookie maxAge must be a finite number of seconds')
    parts.push(`Max-Age=${Math.floor(options.maxAge)}`)
  }
  if (options.partitioned) parts.push('Partitioned')
  const path = options.path ?? '/'
  if (!PATH_VALUE.test(path)) {
    throw new TypeError(`Cookie path ${JSON.stringify(path)} holds ';' or a control character`)
  }
  parts.push(`Path=${path}`)
  const sameSite = options.sameSite ?? 'lax'
  if (sameSite !== 'lax' && sameSite !== 'strict' && sameSite !== 'none') {
    throw new TypeError(`Cookie sameSite must be 'lax', 'strict' or 'none', not ${JSON.stringify(sameSite)}`)
  }
  parts.push(`SameSite=${sameSite}`)
  if (options.secure) parts.push('Secure')
  return parts.join('; ')
}

/**
 * A `Set-Cookie` line that deletes a cookie, like Starlette's `delete_cookie`: an empty value,
 * `Max-Age=0` and an `expires` in 1970. Pass the same `path` and `domain` the cookie was set with,
 * or the browser keeps it.
 *
 * @example
 * expireCookie('session') // 'session=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=lax'
 */
export function expireCookie(
  name: string,
  options: Pick<CookieOptions, 'path' | 'domain' | 'secure' | 'httpOnly' | 'sameSite'> = {},
): string {
  return serializeCookie(name, '', { ...options, maxAge: 0, expires: new Date(0) })
}

function encodeValue(value: string): string {
  if (value === '') return '""'
  if (SAFE_VALUE.test(value)) return value
  let out = ''
  for (const char of value) {
    if (SAFE_VALUE.test(char)) out += char
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}
