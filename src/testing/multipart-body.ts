import { randomBytes } from 'node:crypto'
import { guessContentType } from '../http/mime-types.js'

/** The bytes of a file a test sends: bytes, text (sent as UTF-8) or a Blob. */
export type FileContent = Uint8Array | string | Blob

/**
 * One file of `files`, as FastAPI's test client takes it: the content alone (named `upload`), or
 * `[filename, content, contentType?, headers?]` (httpx's `(filename, file, content_type, headers)`).
 */
export type FileInput =
  | FileContent
  | readonly [filename: string, content: FileContent, contentType?: string, headers?: Record<string, string>]

/** The `files` of a test request: by field name (a list sends several under one name), or as pairs. */
export type FilesInput =
  | Record<string, FileInput | readonly FileInput[]>
  | readonly (readonly [string, FileInput])[]

type FormValue = string | number | boolean | bigint

/**
 * A `multipart/form-data` body as httpx builds it for `data=` plus `files=`: the form fields
 * first, then the files, under a random boundary; a file's type is guessed from its filename
 * when not given (application/octet-stream otherwise).
 */
export async function encodeMultipart(
  form: Record<string, FormValue | FormValue[]> | undefined,
  files: FilesInput,
): Promise<{ data: Uint8Array; contentType: string }> {
  const boundary = randomBytes(16).toString('hex')
  const chunks: Uint8Array[] = []
  const text = (value: string) => chunks.push(Buffer.from(value, 'utf8'))
  for (const [name, value] of Object.entries(form ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      text(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${String(item)}\r\n`,
      )
    }
  }
  for (const [name, input] of filePairs(files)) {
    const [filename, content, type, headers] =
      typeof input === 'object' && Array.isArray(input) ? input : ['upload', input as FileContent]
    const contentType = type ?? typeOf(filename)
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"; filename="${quote(filename)}"\r\n`
    head += `Content-Type: ${contentType}\r\n`
    for (const [header, value] of Object.entries(headers ?? {})) head += `${header}: ${value}\r\n`
    text(`${head}\r\n`)
    chunks.push(await bytesOf(content))
    text('\r\n')
  }
  text(`--${boundary}--\r\n`)
  return { data: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

function filePairs(files: FilesInput): [string, FileInput][] {
  if (Array.isArray(files)) return files.map(([name, input]) => [name, input])
  const pairs: [string, FileInput][] = []
  for (const [name, value] of Object.entries(files as Record<string, FileInput | readonly FileInput[]>)) {
    // A list of files, not a `[filename, content]` tuple: its items are not all strings-then-content.
    if (Array.isArray(value) && !isTuple(value))
      for (const item of value) pairs.push([name, item as FileInput])
    else pairs.push([name, value as FileInput])
  }
  return pairs
}

function isTuple(value: readonly unknown[]): boolean {
  return typeof value[0] === 'string' && value.length >= 2 && value.length <= 4 && !Array.isArray(value[1])
}

// httpx: `mimetypes.guess_type(filename)`, else application/octet-stream; no charset added.
function typeOf(filename: string): string {
  if (!filename.includes('.')) return 'application/octet-stream'
  return guessContentType(filename).split(';', 1)[0]!
}

async function bytesOf(content: FileContent): Promise<Uint8Array> {
  if (typeof content === 'string') return Buffer.from(content, 'utf8')
  if (content instanceof Uint8Array) return content
  return new Uint8Array(await content.arrayBuffer())
}

// httpx escapes `"` as %22 in multipart names (the HTML form-data rule); backslashes stay.
function quote(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}
