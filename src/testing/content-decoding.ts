import zlib from 'node:zlib'

/**
 * What the test client asks for by default: httpx's own default (`gzip, deflate`; it adds `br`
 * only when a brotli package is installed, which neither FastAPI's nor Starlette's test
 * requirements do), so ported tests that echo request headers see what they see in Python.
 */
export const DEFAULT_ACCEPT_ENCODING = 'gzip, deflate'

type Decoder = (bytes: Uint8Array) => Uint8Array

// The codings httpx decodes. `br` is decoded although not asked for by default, as httpx does
// with brotli installed: node:zlib always has it, and a server may send it regardless.
const DECODERS: Record<string, Decoder> = {
  identity: (bytes) => bytes,
  gzip: (bytes) => zlib.gunzipSync(bytes),
  // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: try both, as httpx.
  deflate: (bytes) => {
    try {
      return zlib.inflateSync(bytes)
    } catch {
      return zlib.inflateRawSync(bytes)
    }
  },
  br: (bytes) => zlib.brotliDecompressSync(bytes),
}

/** A body whose `Content-Encoding` does not match its bytes: a bug the test should see. */
export class ContentDecodingError extends Error {
  override name = 'ContentDecodingError'
}

/**
 * The body as the application meant it: every coding of `Content-Encoding` undone, last applied
 * first. Codings httpx does not know (`Content-Encoding: text`) are left as they are, as httpx
 * leaves them; an empty body (HEAD, 304) has nothing to decode.
 *
 * @example
 * decodeContent(zlib.gzipSync('hi'), 'gzip', 'GET http://testserver/') // bytes of 'hi'
 */
export function decodeContent(content: Uint8Array, contentEncoding: string | null, what: string): Uint8Array {
  if (contentEncoding === null || content.byteLength === 0) return content
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding in DECODERS)
  let bytes = content
  for (const coding of codings.reverse()) {
    try {
      bytes = new Uint8Array((DECODERS[coding] as Decoder)(bytes))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new ContentDecodingError(
        `The response to ${what} says Content-Encoding: ${contentEncoding}, but its body is not valid ${coding} (${reason}). ` +
          'The TestClient decodes response bodies as httpx does; check what the app or middleware compressed.',
        { cause: error },
      )
    }
  }
  return bytes
}
