/**
 * Why a string is not a UUID, URL or e-mail address, worded like the libraries behind Pydantic
 * (the `uuid` and `url` Rust crates, `email-validator`), for the suffix of Pydantic's messages.
 */

const HEX_OR_DASH = /[0-9a-fA-F-]/
const GROUP_LENGTHS = [8, 4, 4, 4, 12]

/** The `uuid` crate's parse error for `text`, e.g. `invalid length: expected length 32 for simple format, found 3`. */
export function uuidReason(text: string): string {
  let body = text
  let offset = 0
  if (body.startsWith('urn:uuid:')) {
    body = body.slice(9)
    offset = 9
  } else if (body.startsWith('{') && body.endsWith('}')) {
    body = body.slice(1, -1)
    offset = 1
  }
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (!HEX_OR_DASH.test(c)) {
      return `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${c}\` at ${i + offset + 1}`
    }
  }
  const groups = body.split('-')
  if (groups.length === 1) return `invalid length: expected length 32 for simple format, found ${body.length}`
  if (groups.length !== 5) return `invalid group count: expected 5, found ${groups.length}`
  for (let g = 0; g < 5; g++) {
    if (groups[g]!.length !== GROUP_LENGTHS[g]) {
      return `invalid group length in group ${g}: expected ${GROUP_LENGTHS[g]}, found ${groups[g]!.length}`
    }
  }
  // Well formed, but zod also insists on an RFC 9562 version and variant, which Python's UUID does not.
  return 'invalid version or variant: expected an RFC 9562 UUID'
}

const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/

/** The `url` crate's parse error for `text`, e.g. `relative URL without a base`. */
export function urlReason(text: string): string {
  if (text === '') return 'input is empty'
  if (!SCHEME.test(text)) return 'relative URL without a base'
  const rest = text.slice(text.indexOf(':') + 1)
  const authority = rest.startsWith('//') ? (rest.slice(2).split(/[/?#]/)[0] ?? '') : ''
  const host = authority.slice(authority.lastIndexOf('@') + 1)
  if (rest.startsWith('//') && (host === '' || host.startsWith(':'))) return 'empty host'
  const port = host.startsWith('[') ? host.split(']:')[1] : host.split(':')[1]
  if (port !== undefined && !/^\d{0,5}$/.test(port)) return 'invalid port number'
  if (/[\s<>^|%]/.test(host)) return 'invalid domain character'
  return 'invalid international domain name'
}

/** `email-validator`'s explanation of why `text` is not an e-mail address. */
export function emailReason(text: string): string {
  const at = text.lastIndexOf('@')
  if (at < 0) return 'An email address must have an @-sign.'
  if (at === 0) return 'There must be something before the @-sign.'
  const domain = text.slice(at + 1)
  if (domain === '') return 'There must be something after the @-sign.'
  if (!domain.includes('.')) return 'The part after the @-sign is not valid. It should have a period.'
  return 'The email address is not valid.'
}
