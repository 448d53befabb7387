import type { BodyReader } from './body-source.js'
import { decodeBody, decodeStream, requestCoding } from './content-encoding.js'
import type { RequestLimits } from './request-context.js'

/**
 * A body sent with a `Content-Encoding`, read whole: identity as it is, a coding the app decodes
 * read raw within `limit` and then decoded within `limit` again, anything else a 415.
 */
export async function readEncodedBody<Source>(
  reader: BodyReader<Source>,
  source: Source,
  header: string,
  limits: RequestLimits,
  limit: number,
): Promise<Uint8Array> {
  const coding = requestCoding(header, limits.decompression === true)
  const raw = await reader.read(source, limit)
  return coding === undefined ? raw : decodeBody(raw, coding, limit)
}

/** `readEncodedBody` for a body read as a stream: decoded chunk by chunk within `limit`. */
export async function* streamEncodedBody<Source>(
  reader: BodyReader<Source>,
  source: Source,
  header: string,
  limits: RequestLimits,
  limit: number,
): AsyncGenerator<Uint8Array> {
  const coding = requestCoding(header, limits.decompression === true)
  const raw = reader.stream(source, limit)
  if (coding === undefined) yield* raw
  else yield* decodeStream(raw, coding, limit)
}
