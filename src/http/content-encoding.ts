import { constants as bufferConstants } from 'node:buffer'
import zlib from 'node:zlib'
import { HTTPException } from '../errors/http-exception.js'
import { bodyTooLarge } from './body-source.js'

/** A request body coding Brisk decodes when the app's `requestDecompression` is on. */
type RequestCoding = 'gzip' | 'deflate' | 'br'

const DECODED = 'gzip, deflate, br'

/**
 * The coding of a request body from its `Content-Encoding`, or undefined for none (`identity`,
 * or an empty header). Refuses with a 415 what the app will not decode (RFC 9110 §15.5.16, with
 * `Accept-Encoding` saying what it would take): any coding when `decompression` is off, an
 * unknown one, and a stack of several (`gzip, br`): no client sends one, and each layer would
 * multiply the work a small body can ask for.
 */
export function requestCoding(header: string, decompression: boolean): RequestCoding | undefined {
  const codings = header
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '' && part !== 'identity')
  if (codings.length === 0) return undefined
  const coding = codings.length === 1 ? codings[0] : undefined
  const known = coding === 'x-gzip' ? 'gzip' : coding
  if (decompression && (known === 'gzip' || known === 'deflate' || known === 'br')) return known
  const detail =
    codings.length > 1
      ? `Request bodies with several content codings (${codings.join(', ')}) are not supported`
      : decompression
        ? `Unsupported Content-Encoding ${JSON.stringify(coding)}: send gzip, deflate, br or identity`
        : `Unsupported Content-Encoding ${JSON.stringify(coding)}: this server accepts only uncompressed request bodies`
  throw new HTTPException(415, detail, {
    headers: { 'accept-encoding': decompression ? DECODED : 'identity' },
  })
}

/**
 * A whole compressed body, decoded in the thread pool with the limit on the decoded bytes: zlib
 * stops (`maxOutputLength`) as soon as the output passes it, so a 10 MB gzip of zeros that
 * arrived as 10 kB allocates about `limit` bytes before its 413, never 10 MB (SECURITY-NOTES §0.3).
 * Bytes that do not decode are a 400.
 */
export function decodeBody(raw: Uint8Array, coding: RequestCoding, limit: number): Promise<Uint8Array> {
  if (raw.byteLength === 0) return Promise.resolve(raw)
  const options = { maxOutputLength: Math.max(1, Math.min(limit, bufferConstants.MAX_LENGTH)) }
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, decoded: Buffer) => {
      if (error === null) resolve(decoded)
      else reject(decodeFailure(error, coding, limit))
    }
    if (coding === 'gzip') zlib.gunzip(raw, options, done)
    else if (coding === 'br') zlib.brotliDecompress(raw, options, done)
    // `deflate` is the zlib format (RFC 9110 §8.4.1.2), but some clients send raw deflate: a
    // zlib header is two bytes whose big-endian value is a multiple of 31, with method 8.
    else if (hasZlibHeader(raw)) zlib.inflate(raw, options, done)
    else zlib.inflateRaw(raw, options, done)
  })
}

/**
 * A compressed body as decoded chunks, for bodies read as a stream (uploads). The decoded bytes
 * are counted as zlib produces them, and the decoder is destroyed the moment they pass `limit`,
 * so memory stays near the limit whatever the ratio.
 */
export async function* decodeStream(
  raw: AsyncIterable<Uint8Array>,
  coding: RequestCoding,
  limit: number,
): AsyncGenerator<Uint8Array> {
  let decoder: Decoder | undefined
  const state: DecodeState = { produced: 0, failure: undefined, output: [] }
  try {
    for await (const chunk of raw) {
      decoder ??= watch(createDecoder(coding, chunk), state, coding, limit)
      await settled(decoder, (done) => decoder!.write(chunk, done))
      if (state.failure !== undefined) throw state.failure
      yield* take(state.output)
    }
    if (decoder === undefined) return
    await settled(decoder, (done) => decoder!.once('end', done).end())
    if (state.failure !== undefined) throw state.failure
    yield* take(state.output)
  } finally {
    decoder?.destroy()
  }
}

type Decoder = zlib.Gunzip | zlib.Inflate | zlib.InflateRaw | zlib.BrotliDecompress

interface DecodeState {
  produced: number
  failure: unknown
  readonly output: Buffer[]
}

/** Counts what the decoder produces, and stops it as soon as the total passes the limit. */
function watch(decoder: Decoder, state: DecodeState, coding: RequestCoding, limit: number): Decoder {
  decoder.on('data', (decoded: Buffer) => {
    state.produced += decoded.length
    if (state.produced <= limit) state.output.push(decoded)
    else {
      state.failure ??= bodyTooLarge(limit)
      decoder.destroy()
    }
  })
  decoder.on('error', (error: Error) => {
    state.failure ??= decodeFailure(error, coding, limit)
  })
  return decoder
}

/** Runs `start` and resolves when it calls back, or when the decoder closes (destroyed, failed). */
function settled(decoder: Decoder, start: (done: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      decoder.off('close', done)
      resolve()
    }
    decoder.once('close', done)
    start(done)
  })
}

function* take(output: Buffer[]): Generator<Buffer> {
  while (output.length > 0) yield output.shift()!
}

function createDecoder(coding: RequestCoding, first: Uint8Array) {
  if (coding === 'gzip') return zlib.createGunzip()
  if (coding === 'br') return zlib.createBrotliDecompress()
  return hasZlibHeader(first) ? zlib.createInflate() : zlib.createInflateRaw()
}

function hasZlibHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0
}

/** zlib's refusal as an HTTP answer: past the limit is a 413, anything else a malformed body. */
function decodeFailure(error: Error, coding: RequestCoding, limit: number): HTTPException {
  if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return bodyTooLarge(limit)
  return new HTTPException(400, `The request body is not valid ${coding === 'br' ? 'brotli' : coding} data`)
}
