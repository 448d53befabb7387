/**
 * How an adapter hands the request body to the core. Implemented once per adapter as a stateless
 * object, so a request carries its raw source plus a shared reader and allocates no wrapper.
 */
export interface BodyReader<Source> {
  /** Reads the whole body, failing with a 413 `HTTPException` once more than `limit` bytes arrive. */
  read(source: Source, limit: number): Promise<Uint8Array>
  /** The body as a stream of chunks, also bounded by `limit`. */
  stream(source: Source, limit: number): AsyncIterable<Uint8Array>
}
