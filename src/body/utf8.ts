import { isUtf8 } from 'node:buffer'
import { HTTPException } from '../errors/http-exception.js'

/**
 * A request body as text: UTF-8, without a byte order mark (as TextDecoder drops it). Bytes that
 * are not UTF-8 are FastAPI's 400 "There was an error parsing the body" (its "other exceptions"
 * branch), for JSON and form bodies alike.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (!isUtf8(buffer)) throw new HTTPException(400, 'There was an error parsing the body')
  const text = buffer.toString('utf8')
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}
