import { HTTPException } from '../errors/http-exception.js'

/**
 * How an adapter hands the request body (and what it knows of the peer) to the core. Implemented once per adapter as a stateless
 * object, so a request carries its raw source plus a shared reader and allocates no wrapper.
 */
export interface BodyReader<Source> {
  /** Reads the whole body, failing with a 413 `HTTPException` once more than `limit` bytes arrive. */
  read(source: Source, limit: number): Promise<Uint8Array>
  /** The body as a stream of chunks, also bounded by `limit`. */
  stream(source: Source, limit: number): AsyncIterable<Uint8Array>
  /** The peer's address (the TCP client), for adapters that know it; the access log reads it. */
  remoteAddress?(source: Source): string | undefined
}

/**
 * The 413 for a body past its limit. It closes the connection: the rest of an oversized body is
 * never read, so the socket cannot carry another request.
 */
export function bodyTooLarge(limit: number): HTTPException {
  return new HTTPException(413, `Request body is larger than the limit of ${limit} bytes`, {
    headers: { connection: 'close' },
  })
}
