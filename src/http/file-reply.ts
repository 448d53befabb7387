import { createHash, randomBytes } from 'node:crypto'
import type { Stats } from 'node:fs'
import { basename } from 'node:path'
import { type ByteRange, parseRange } from './byte-range.js'
import { guessContentType, withTextCharset } from './mime-types.js'
import { OpenFile } from './open-file.js'
import { Reply, type ReplyRequest } from './reply.js'
import { type HeadersInput, ResponseHeaders } from './response-headers.js'

/** Options of `file`. */
export interface FileOptions {
  /** Name offered to the browser in `content-disposition`; also picks the type when given. */
  filename?: string
  /** Overrides the type guessed from the extension; `text/*` gets `; charset=utf-8`. */
  contentType?: string
  status?: number
  headers?: HeadersInput
  /** `attachment` (download, the default when `filename` is given) or `inline` (display). */
  contentDisposition?: 'attachment' | 'inline'
}

/** More ranges than this in one request is not a media player; the whole file is sent instead. */
const MAX_RANGES = 100

/**
 * Sends a file from disk like Starlette's `FileResponse`, with `etag`, `last-modified`,
 * conditional requests (304), byte ranges (206, multipart for several) and HEAD. The file is
 * opened only when the response is about to be sent, so the answer fits the request, and the
 * headers and the body come from that one open file: a file deleted or replaced after it was
 * opened is still sent whole as it was, one deleted before is a 404. Bodies are streamed.
 *
 * A missing path, or one that is not a regular file, answers 404. Starlette raises a RuntimeError
 * (so a 500) instead; we answer 404 because the usual cause is a name the client chose that does
 * not exist, and a 404 neither logs a false server fault nor names the path. Other errors
 * (permissions, I/O) still become a 500.
 *
 * @example
 * app.get('/reports/:id', ({ params }) => file(`/srv/reports/${safeId(params.id)}.pdf`, { filename: 'report.pdf' }))
 */
export function file(path: string, options: FileOptions = {}): Reply {
  return new FileReply(path, options)
}

class FileReply extends Reply {
  readonly #path: string
  readonly #options: FileOptions

  constructor(path: string, options: FileOptions) {
    super(null, options.status ?? 200, options.headers)
    this.#path = path
    this.#options = options
  }

  override get deferred(): boolean {
    return true
  }

  override async prepare(request: ReplyRequest): Promise<Reply> {
    const file = await OpenFile.open(this.#path)
    try {
      return this.#answer(request, file)
    } finally {
      await file.release()
    }
  }

  #answer(request: ReplyRequest, file: OpenFile): Reply {
    const stats = file.stats
    const headers = this.#representationHeaders(stats)
    const method = request.method.toUpperCase()
    const head = method === 'HEAD'
    // Conditionals and ranges apply to a 200 GET/HEAD only: a 304 or 206 must not replace a
    // custom status such as a 404 page (RFC 9110 §13.2.1, §14.2).
    if (this.status !== 200 || (method !== 'GET' && !head)) return this.#whole(file, headers, head)
    if (isNotModified(request, headers)) return notModified(headers)
    const rangeHeader = request.header('range')
    if (rangeHeader === undefined || !ifRangeHolds(request.header('if-range'), headers)) {
      return this.#whole(file, headers, head)
    }
    const ranges = parseRange(rangeHeader, stats.size, MAX_RANGES)
    if (ranges === 'ignore') return this.#whole(file, headers, head)
    if (ranges === 'unsatisfiable' || ranges === 'malformed') {
      // RFC 9110 §15.5.17: a 416 says how long the representation is.
      return new Reply(null, 416, { 'content-range': `bytes */${stats.size}` })
    }
    if (ranges.length === 1) return this.#single(file, headers, ranges[0]!, head)
    return this.#multipart(file, headers, ranges, head)
  }

  /** Type, validators and disposition, with the caller's headers over them. */
  #representationHeaders(stats: Stats): ResponseHeaders {
    const { filename, contentType, contentDisposition } = this.#options
    const headers = new ResponseHeaders()
    headers.set(
      'content-type',
      contentType === undefined ? guessContentType(filename ?? this.#path) : withTextCharset(contentType),
    )
    headers.set('accept-ranges', 'bytes')
    headers.set('last-modified', new Date(stats.mtimeMs).toUTCString())
    headers.set('etag', entityTag(stats))
    if (filename !== undefined)
      headers.set('content-disposition', dispositionFor(filename, contentDisposition))
    else if (contentDisposition !== undefined) headers.set('content-disposition', contentDisposition)
    if (this.hasHeaders) {
      for (const [name, value] of this.headers.entries()) {
        if (name === 'set-cookie') headers.append(name, value)
        else headers.set(name, value)
      }
    }
    return headers
  }

  #whole(file: OpenFile, headers: ResponseHeaders, head: boolean): Reply {
    const size = file.stats.size
    headers.set('content-length', String(size))
    const body = head ? null : size === 0 ? new Uint8Array(0) : file.stream()
    return new Reply(body, this.status, headers)
  }

  #single(file: OpenFile, headers: ResponseHeaders, range: ByteRange, head: boolean): Reply {
    headers.set('content-range', `bytes ${range.start}-${range.end}/${file.stats.size}`)
    headers.set('content-length', String(range.end - range.start + 1))
    const body = head ? null : file.stream(range.start, range.end)
    return new Reply(body, 206, headers)
  }

  /** RFC 9110 §14.6: each part has its own type and range; the length is known up front. */
  #multipart(file: OpenFile, headers: ResponseHeaders, ranges: ByteRange[], head: boolean): Reply {
    const size = file.stats.size
    const boundary = randomBytes(13).toString('hex')
    const partType = headers.get('content-type')!
    const partHeads = ranges.map(
      (range) =>
        `--${boundary}\r\ncontent-type: ${partType}\r\ncontent-range: bytes ${range.start}-${range.end}/${size}\r\n\r\n`,
    )
    const closing = `--${boundary}--\r\n`
    let length = Buffer.byteLength(closing)
    for (let i = 0; i < ranges.length; i++) {
      length += Buffer.byteLength(partHeads[i]!) + ranges[i]!.end - ranges[i]!.start + 1 + 2
    }
    headers.set('content-type', `multipart/byteranges; boundary=${boundary}`)
    headers.set('content-length', String(length))
    const body = head ? null : file.ranges(ranges, (i) => partHeads[i]!, '\r\n', closing)
    return new Reply(body, 206, headers)
  }
}

/** Like Starlette's: a quoted MD5 of modification time and size (an identifier, not a secret). */
function entityTag(stats: Stats): string {
  return `"${createHash('md5')
    .update(`${stats.mtimeMs / 1000}-${stats.size}`)
    .digest('hex')}"`
}

/** Starlette's `content-disposition`: `filename*=utf-8''…` (RFC 6266 §4.3) when quoting changes the name. */
function dispositionFor(filename: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = basename(filename)
  const quoted = quotePath(name)
  return quoted === name ? `${type}; filename="${name}"` : `${type}; filename*=utf-8''${quoted}`
}

/** Python's `urllib.parse.quote(text)`: everything but letters, digits, `_.-~` and `/` escaped. */
function quotePath(text: string): string {
  let out = ''
  for (const char of text) {
    if (/^[A-Za-z0-9_.\-~/]$/.test(char)) out += char
    else
      for (const byte of Buffer.from(char, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/**
 * RFC 9110 §13.1.2 then §13.1.3: `If-None-Match` (weak comparison, `*` matches) decides when
 * present; only without it is `If-Modified-Since` compared, to the second.
 */
function isNotModified(request: ReplyRequest, headers: ResponseHeaders): boolean {
  const ifNoneMatch = request.header('if-none-match')
  const etag = headers.get('etag')
  if (ifNoneMatch !== undefined) {
    if (etag === undefined) return false
    const ours = opaqueTag(etag)
    return ifNoneMatch.split(',').some((tag) => {
      const trimmed = tag.trim()
      return trimmed === '*' || opaqueTag(trimmed) === ours
    })
  }
  const since = Date.parse(request.header('if-modified-since') ?? '')
  const modified = Date.parse(headers.get('last-modified') ?? '')
  return !Number.isNaN(since) && !Number.isNaN(modified) && modified <= since
}

/** RFC 9110 §13.1.5: a Range applies only if `If-Range` still names this exact version. */
function ifRangeHolds(ifRange: string | undefined, headers: ResponseHeaders): boolean {
  if (ifRange === undefined) return true
  const value = ifRange.trim()
  // Strong comparison: a weak tag never matches (RFC 9110 §8.8.3.2).
  if (value.startsWith('W/')) return false
  if (value.startsWith('"')) return value === headers.get('etag')
  const date = Date.parse(value)
  return !Number.isNaN(date) && date === Date.parse(headers.get('last-modified') ?? '')
}

function opaqueTag(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag
}

/** RFC 9110 §15.4.5: a 304 keeps the validators and cache headers, not the content headers. */
function notModified(headers: ResponseHeaders): Reply {
  headers.delete('content-type').delete('content-disposition').delete('accept-ranges')
  return new Reply(null, 304, headers)
}
