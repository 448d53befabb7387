import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import type { Middleware } from '../http/middleware.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import { noBodyStatus } from '../http/responses.js'
import { type Coding, negotiateCoding } from './accept-encoding.js'
import { type CompressionLevels, compressStream, compressWhole } from './compress-body.js'
import { wholeNumber } from './option-values.js'
import { addVary } from './vary.js'

/** Options of `compression()`, Starlette's `GZipMiddleware` with brotli and q-values. */
export interface CompressionOptions {
  /** Bodies of a known size below this many bytes are sent as they are (default 500, as Starlette). */
  minimumSize?: number
  /** gzip and deflate level, 1 (fastest) to 9 (smallest); default 6, zlib's own. */
  level?: number
  /** Brotli quality, 0 to 11; default 4 (11 is far too slow to run per response). */
  brotliQuality?: number
  /** The codings offered, most preferred first (default `['br', 'gzip']`); `'deflate'` may be added. */
  encodings?: readonly Coding[]
}

const COMPRESSION_OPTIONS = {
  minimumSize: true,
  level: true,
  brotliQuality: true,
  encodings: true,
} as const satisfies KnownOptions<CompressionOptions>

const WHERE = 'compression()'
const CODINGS: readonly Coding[] = ['br', 'gzip', 'deflate']

/**
 * Compresses replies with the coding the client prefers among `encodings` (`Accept-Encoding`
 * q-values, the server's order breaking ties), as Starlette's `GZipMiddleware` does for gzip.
 * Whole bodies are compressed at once; streams chunk by chunk, each flushed so it reaches the
 * client as it is produced, never buffered whole. A reply that may be compressed gets
 * `Vary: Accept-Encoding` (also when this client gets it plain), loses its `Content-Length` and
 * `Accept-Ranges`, and a strong `ETag` becomes weak (the bytes differ, the content does not).
 *
 * Left as they are: `HEAD` requests, bodiless statuses (204, 304, …), 206 and any reply with a
 * `Content-Range`, replies that already have a `Content-Encoding`, `text/event-stream`, media
 * that is compressed already (images but SVG, audio, video, archives, fonts), replies with
 * `Cache-Control: no-transform`, and bodies of a known size under `minimumSize`.
 *
 * @throws ConfigError for an unknown option, a level out of range, or an unknown coding.
 * @example
 * app.use(compression({ minimumSize: 1000, encodings: ['br', 'gzip'] }))
 */
export function compression(options: CompressionOptions = {}): Middleware {
  const policy = resolvePolicy(options)
  // Clients repeat the same Accept-Encoding on every request: the last answer is kept.
  let lastHeader: string | undefined
  let lastCoding: Coding | undefined
  const choose = (header: string | undefined): Coding | undefined => {
    if (header !== lastHeader) {
      lastCoding = negotiateCoding(header, policy.encodings)
      lastHeader = header
    }
    return lastCoding
  }
  return function compression(ctx, next) {
    if (ctx.method === 'HEAD') return next()
    return next().then((reply) => compress(policy, ctx, reply, choose))
  }
}

interface Policy {
  readonly minimumSize: number
  readonly levels: CompressionLevels
  readonly encodings: readonly Coding[]
}

function resolvePolicy(options: CompressionOptions): Policy {
  checkOptions(WHERE, options, COMPRESSION_OPTIONS)
  const minimumSize = wholeNumber(WHERE, 'minimumSize', options.minimumSize, 500, {
    min: 0,
    max: 2 ** 31 - 1,
  })
  const level = wholeNumber(WHERE, 'level', options.level, 6, { min: 1, max: 9 })
  const brotliQuality = wholeNumber(WHERE, 'brotliQuality', options.brotliQuality, 4, { min: 0, max: 11 })
  const encodings = options.encodings ?? ['br', 'gzip']
  if (!Array.isArray(encodings) || encodings.length === 0 || encodings.some((c) => !CODINGS.includes(c))) {
    throw new ConfigError(
      `encodings of ${WHERE} must be a non-empty array of ${CODINGS.map((c) => `'${c}'`).join(', ')}, got ${JSON.stringify(encodings)}.`,
    )
  }
  return { minimumSize, levels: { level, brotliQuality }, encodings: [...new Set(encodings)] }
}

function compress(
  policy: Policy,
  ctx: RequestContext,
  reply: Reply,
  choose: (header: string | undefined) => Coding | undefined,
): Reply | Promise<Reply> {
  // A file made by an inner middleware picks its range or 304 first, so what is compressed is
  // what would be sent (the dispatcher would otherwise prepare it after this layer).
  if (reply.deferred) {
    return Promise.resolve(reply.prepare(ctx)).then((final) => compress(policy, ctx, final, choose))
  }
  const body = reply.body
  if (body === null || noBodyStatus(reply.status) || reply.status === 206) return reply
  // Measured without copying: most answers are under minimumSize and go out untouched.
  const whole = typeof body === 'string' || body instanceof Uint8Array ? body : undefined
  const size =
    whole === undefined
      ? declaredLength(reply)
      : typeof whole === 'string'
        ? Buffer.byteLength(whole)
        : whole.byteLength
  if (size !== undefined && size < policy.minimumSize) return reply
  if (!isCompressible(reply)) return reply

  addVary(reply, 'Accept-Encoding')
  const coding = choose(ctx.header('accept-encoding'))
  if (coding === undefined) return reply
  const headers = reply.headers
  headers.set('content-encoding', coding)
  headers.delete('content-length')
  headers.delete('accept-ranges')
  const etag = headers.get('etag')
  if (etag?.startsWith('"')) headers.set('etag', `W/${etag}`)
  if (whole === undefined) {
    reply.body = compressStream(body as AsyncIterable<Uint8Array | string>, coding, policy.levels)
    return reply
  }
  const compressed = compressWhole(whole, size!, coding, policy.levels)
  if (compressed instanceof Promise) {
    return compressed.then((bytes) => {
      reply.body = bytes
      return reply
    })
  }
  reply.body = compressed
  return reply
}

/** A stream's length when its headers give it (a file reply's `content-length`). */
function declaredLength(reply: Reply): number | undefined {
  if (!reply.hasHeaders) return undefined
  const length = reply.headers.get('content-length')
  return length === undefined ? undefined : Number(length)
}

/**
 * False for replies a compressor must not touch or cannot shrink. Reads the bare content type
 * when the reply has no header object, so a plain JSON answer creates none just to be checked.
 */
function isCompressible(reply: Reply): boolean {
  const bare = reply.bareContentType
  if (bare !== undefined) return isCompressibleType(bare)
  const headers = reply.headers
  if (headers.has('content-encoding') || headers.has('content-range')) return false
  const cacheControl = headers.get('cache-control')
  // RFC 9111 §5.2.2.6: no-transform forbids changing the content coding.
  if (cacheControl !== undefined && /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(cacheControl)) return false
  return isCompressibleType(headers.get('content-type') ?? '')
}

/**
 * Server-sent events are left alone (Starlette's `DEFAULT_EXCLUDED_CONTENT_TYPES`: proxies and
 * EventSource clients expect each event as it is written), and media compressed by its own
 * format would only cost CPU to grow by a few bytes.
 */
function isCompressibleType(contentType: string): boolean {
  const type = contentType.trimStart().toLowerCase()
  if (type.startsWith('text/')) return !type.startsWith('text/event-stream')
  if (type.startsWith('image/')) return type.startsWith('image/svg+xml')
  if (type.startsWith('audio/') || type.startsWith('video/') || type.startsWith('font/woff')) return false
  return !PRECOMPRESSED.some((prefix) => type.startsWith(prefix))
}

const PRECOMPRESSED = [
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
  'application/x-7z-compressed',
  'application/x-rar-compressed',
]
