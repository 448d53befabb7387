import { createDict } from '../http/dict.js'
import { parseQuery, type QueryValues } from '../http/query.js'
import { decodeUtf8 } from './utf8.js'

/**
 * Parses an `application/x-www-form-urlencoded` body: `+` as space, percent-decoded, repeated
 * names collected, at most `maxFields` fields (else 400), as Starlette's form parser reads it.
 */
export function parseUrlencoded(bytes: Uint8Array, maxFields: number): QueryValues {
  if (bytes.length === 0) return createDict()
  return parseQuery(decodeUtf8(bytes), maxFields, 'form fields')
}
