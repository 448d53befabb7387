import { Dicer } from '@fastify/busboy'
import type { HTTPException } from '../errors/http-exception.js'
import { createDict } from '../http/dict.js'
import type { QueryValues } from '../http/query.js'
import { type PartHeaders, UploadFile } from '../http/upload-file.js'
import { parseDisposition } from './content-disposition.js'
import { FileSink } from './file-sink.js'
import { malformedMultipart, multipartTooLarge } from './multipart-errors.js'
import type { MultipartLimits } from './multipart-limits.js'
import { decodeUtf8 } from './utf8.js'

/** A multipart body as read: its text fields (as an urlencoded form's) and its files by field name. */
export interface MultipartForm {
  readonly fields: QueryValues
  readonly files: ReadonlyMap<string, readonly UploadFile[]>
}

/** What `readMultipart` needs besides the body. */
export interface MultipartReading {
  /** The `boundary` parameter of the request's Content-Type. */
  readonly boundary: string | undefined
  readonly limits: MultipartLimits
  /** The largest file a field takes (a field's `upload({ maxSize })`, else `limits.maxFileSize`). */
  readonly maxFileSize: (field: string) => number
  /** The most files a field takes (a list field's `upload.list({ maxCount })`). */
  readonly maxFileCount: (field: string) => number
}

/**
 * Reads a `multipart/form-data` body as it streams in, with @fastify/busboy's Dicer finding the
 * boundaries and part headers, and every limit checked on the way: part, file and field counts,
 * header lines and bytes per part, field and file sizes, total size. The first breach stops the
 * reading: any temp file already written is removed and the error (a 413, or a 400 for a body
 * that is not multipart) is thrown; so is a client that goes away halfway. A part is a file when
 * its Content-Disposition has a `filename` (as Starlette decides), else a text field.
 *
 * Busboy's own part handler is not used: it lets `name*=`/`filename*=` override the plain
 * parameters (python-multipart GHSA-vffw-93wf-4j4q), truncates oversized fields and header
 * blocks silently instead of refusing them, and hides part headers that `UploadFile.headers` shows.
 */
export async function readMultipart(
  chunks: AsyncIterable<Uint8Array>,
  reading: MultipartReading,
): Promise<MultipartForm> {
  const boundary = reading.boundary
  if (boundary === undefined || !isBoundary(boundary))
    throw malformedMultipart('Missing boundary in multipart.')
  const state = new ReadState(reading)
  // One past each limit, so that reaching past it can be told from filling it exactly. Dicer
  // reads `maxHeaderSize` too, though its type declarations leave it out.
  const config = {
    boundary,
    maxHeaderPairs: reading.limits.maxPartHeaders + 1,
    maxHeaderSize: reading.limits.maxPartHeaderSize + 1,
  }
  const dicer = new Dicer(config)
  let ended = false
  // Wakes the loop below from a write Dicer has not called back: at the closing boundary (Dicer
  // never calls back a write whose data held it while a part was paused; its 'finish' settles
  // that write as well) or on the first failure. One resolver per step, not a race against
  // long-lived promises, which would keep a reaction per chunk until the body ends.
  let wake: (() => void) | undefined
  dicer.on('finish', () => {
    ended = true
    wake?.()
  })
  void state.failed.then(() => wake?.())
  const step = (start: (done: () => void) => void) =>
    new Promise<void>((resolve) => {
      wake = resolve
      start(resolve)
    })
  dicer.on('error', () => state.fail(malformedMultipart('There was an error parsing the body')))
  dicer.on('part', (part) => onPart(part, state))
  try {
    for await (const chunk of chunks) {
      // After the closing boundary the rest is an epilogue (RFC 2046 §5.1.1): read and dropped.
      if (ended) continue
      await step((done) => dicer.write(chunk, () => done()))
      if (state.failure !== undefined) break
    }
    if (state.failure === undefined && !ended) await step(() => dicer.end())
    wake = undefined
    if (state.failure === undefined) await Promise.race([Promise.all(state.parts), state.failed])
  } catch (error) {
    state.fail(error as Error)
  }
  if (state.failure !== undefined) {
    dicer.destroy()
    await state.discard()
    throw state.failure
  }
  return { fields: state.fields, files: state.files }
}

/** RFC 2046 §5.1.1: 1 to 70 characters of `bchars`, not ending in a space. */
function isBoundary(boundary: string): boolean {
  return (
    boundary.length > 0 &&
    boundary.length <= 70 &&
    /^[0-9A-Za-z'()+_,\-./:=? ]*[0-9A-Za-z'()+_,\-./:=?]$/.test(boundary)
  )
}

/** The counts and results of one body, and its first failure. */
class ReadState {
  readonly reading: MultipartReading
  readonly fields: QueryValues = createDict()
  readonly files = new Map<string, UploadFile[]>()
  /** One promise per part, settled when its content has been taken whole. */
  readonly parts: Promise<void>[] = []
  readonly sinks: FileSink[] = []
  readonly uploads: UploadFile[] = []
  partCount = 0
  fileCount = 0
  readonly filesPerField = new Map<string, number>()
  fieldCount = 0
  failure: Error | HTTPException | undefined
  readonly failed: Promise<void>
  #signal!: () => void

  constructor(reading: MultipartReading) {
    this.reading = reading
    this.failed = new Promise((resolve) => {
      this.#signal = resolve
    })
  }

  /** Records the first failure; everything after it is ignored. */
  fail(error: Error): void {
    if (this.failure !== undefined) return
    this.failure = error
    this.#signal()
  }

  async discard(): Promise<void> {
    await Promise.all([
      ...this.sinks.map((sink) => sink.discard()),
      ...this.uploads.map((file) => file.close()),
    ])
  }
}

function onPart(part: Dicer.PartStream, state: ReadState): void {
  const { limits } = state.reading
  part.on('error', () => state.fail(malformedMultipart('There was an error parsing the body')))
  if (state.failure !== undefined || ++state.partCount > limits.maxParts) {
    state.fail(multipartTooLarge(`Too many parts. Maximum number of parts is ${limits.maxParts}.`))
    part.resume()
    return
  }
  part.on('header', (raw) => {
    const headers = decodeHeaders(raw as Record<string, string[]>)
    const refusal = checkHeaders(headers, limits)
    const disposition = refusal === undefined ? dispositionOf(headers) : undefined
    if (refusal !== undefined || disposition === undefined) {
      state.fail(
        refusal ??
          malformedMultipart('A part has no Content-Disposition form-data header with a field name.'),
      )
      part.resume()
      return
    }
    if (disposition.filename === undefined) readField(part, disposition.name, state)
    else readFile(part, disposition.name, disposition.filename, headers, state)
  })
}

function readField(part: NodeJS.ReadableStream, name: string, state: ReadState): void {
  const { limits } = state.reading
  if (++state.fieldCount > limits.maxFields) {
    state.fail(multipartTooLarge(`Too many fields. Maximum number of fields is ${limits.maxFields}.`))
    part.resume()
    return
  }
  const chunks: Buffer[] = []
  let size = 0
  state.parts.push(
    new Promise((resolve) => {
      part.on('data', (chunk: Buffer) => {
        if (state.failure !== undefined) return
        size += chunk.length
        // Starlette's `max_part_size` message (CVE-2024-47874: a field without a filename is bounded).
        if (size > limits.maxFieldSize)
          state.fail(
            multipartTooLarge(`Part exceeded maximum size of ${Math.floor(limits.maxFieldSize / 1024)}KB.`),
          )
        else chunks.push(chunk)
      })
      part.on('end', () => {
        if (state.failure === undefined) {
          try {
            appendField(state.fields, name, decodeUtf8(Buffer.concat(chunks, size)))
          } catch (error) {
            state.fail(error as Error)
          }
        }
        resolve()
      })
    }),
  )
}

function readFile(
  part: NodeJS.ReadableStream,
  name: string,
  filename: string,
  headers: PartHeaders,
  state: ReadState,
): void {
  const { limits } = state.reading
  if (++state.fileCount > limits.maxFiles) {
    state.fail(multipartTooLarge(`Too many files. Maximum number of files is ${limits.maxFiles}.`))
    part.resume()
    return
  }
  const sent = (state.filesPerField.get(name) ?? 0) + 1
  state.filesPerField.set(name, sent)
  const maxCount = state.reading.maxFileCount(name)
  if (sent > maxCount) {
    state.fail(multipartTooLarge(`Too many files for "${name}". Maximum number of files is ${maxCount}.`))
    part.resume()
    return
  }
  const maxSize = state.reading.maxFileSize(name)
  const sink = new FileSink(limits.spoolThreshold)
  state.sinks.push(sink)
  let size = 0
  part.on('data', (chunk: Buffer) => {
    if (state.failure !== undefined) return
    size += chunk.length
    if (size > maxSize) {
      state.fail(multipartTooLarge(`File "${name}" is larger than the limit of ${maxSize} bytes.`))
      return
    }
    if (!sink.write(chunk)) {
      part.pause()
      void sink.drained().then(() => part.resume())
    }
  })
  state.parts.push(
    new Promise((resolve) => {
      part.on('end', () => {
        if (state.failure !== undefined) return resolve()
        sink.finish().then(
          (content) => {
            const contentType = headers['content-type']?.[0]?.trim() || 'application/octet-stream'
            const upload = new UploadFile({ filename, contentType, size, headers, content })
            state.uploads.push(upload)
            const list = state.files.get(name)
            if (list === undefined) state.files.set(name, [upload])
            else list.push(upload)
            resolve()
          },
          (error: Error) => {
            state.fail(error)
            resolve()
          },
        )
      })
    }),
  )
}

/** Dicer gives header values as latin1 strings of the raw bytes; names and filenames are UTF-8. */
function decodeHeaders(raw: Record<string, string[]>): PartHeaders {
  const headers: Record<string, string[]> = createDict()
  for (const name in raw)
    headers[name] = raw[name]!.map((value) => Buffer.from(value, 'latin1').toString('utf8'))
  return headers
}

function checkHeaders(headers: PartHeaders, limits: MultipartLimits): HTTPException | undefined {
  let lines = 0
  let bytes = 0
  for (const name in headers) {
    for (const value of headers[name]!) {
      lines++
      bytes += name.length + value.length + 4 // "name: value\r\n"
    }
  }
  if (lines > limits.maxPartHeaders)
    return multipartTooLarge(
      `Too many headers in a part. Maximum number of headers is ${limits.maxPartHeaders}.`,
    )
  if (bytes > limits.maxPartHeaderSize)
    return multipartTooLarge(`Part headers exceeded maximum size of ${limits.maxPartHeaderSize} bytes.`)
  return undefined
}

function dispositionOf(headers: PartHeaders): ReturnType<typeof parseDisposition> {
  const header = headers['content-disposition']?.[0]
  return header === undefined ? undefined : parseDisposition(header)
}

function appendField(fields: QueryValues, name: string, value: string): void {
  const existing = fields[name]
  if (existing === undefined) fields[name] = value
  else if (Array.isArray(existing)) existing.push(value)
  else fields[name] = [existing, value]
}
