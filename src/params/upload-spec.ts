import { ConfigError } from '../errors/config-error.js'
import type { UploadFile } from '../http/upload-file.js'

/** How many files a field takes. */
export type UploadArity = 'one' | 'list'

/** Options of `upload()` and `upload.list()`. */
export interface UploadOptions {
  /** Largest file this field accepts, in bytes (default: the route's `multipart.maxFileSize`). */
  maxSize?: number
  /**
   * Media types the field accepts, exact (`image/png`) or by type (`image/*`); another is a 415.
   * Documented as the multipart `encoding` of the field.
   */
  accept?: readonly string[]
  /**
   * `upload.list()` only: the most files the field takes in one request; one more is a 413 as
   * the body arrives (the body-wide `multipart.maxFiles` still holds). Documented as `maxItems`.
   */
  maxCount?: number
  /** The field's description in OpenAPI. */
  description?: string
  /** The field's title in OpenAPI (default: the field name, title-cased, as FastAPI writes it). */
  title?: string
}

/**
 * One file field of a route's `files`: one file, a list, either optional. `T` is what the
 * handler receives. Made with `upload()`, `upload.list()` and `.optional()`.
 */
export class UploadField<T = UploadFile> {
  readonly arity: UploadArity
  readonly required: boolean
  readonly options: Readonly<UploadOptions>
  /** Only for inference: the type of the handler's value. */
  declare readonly '~value': T

  constructor(arity: UploadArity, required: boolean, options: UploadOptions) {
    checkUploadOptions(arity, options)
    this.arity = arity
    this.required = required
    this.options = Object.freeze({ ...options })
  }

  /** The same field, not required: `undefined` in the handler when no file was sent. */
  optional(): UploadField<T | undefined> {
    return new UploadField(this.arity, false, this.options)
  }

  /** True when `contentType` is one this field accepts. */
  accepts(contentType: string): boolean {
    const accept = this.options.accept
    if (accept === undefined) return true
    const essence = contentType.split(';', 1)[0]!.trim().toLowerCase()
    return accept.some((type) =>
      type.endsWith('/*')
        ? essence.startsWith(type.slice(0, -1).toLowerCase())
        : essence === type.toLowerCase(),
    )
  }
}

/** The file fields of a route: field name to `upload()`. */
export type FilesSpec = { readonly [field: string]: UploadField<any> }

/** The handler's `files`, typed from a `FilesSpec`. */
export type InferFiles<S> = { readonly [K in keyof S]: S[K] extends UploadField<infer T> ? T : never }

interface UploadFactory {
  /** A required file: an `UploadFile` in the handler (FastAPI's `file: UploadFile`). */
  (options?: UploadOptions): UploadField<UploadFile>
  /** An optional file: `UploadFile | undefined` (FastAPI's `UploadFile | None = None`). */
  optional(options?: UploadOptions): UploadField<UploadFile | undefined>
  /** One or more files under one name: `UploadFile[]` (FastAPI's `list[UploadFile]`). */
  list(options?: UploadOptions): UploadField<UploadFile[]>
}

/**
 * Declares a file field of a route's `files` (FastAPI's `File()` on an `UploadFile`).
 *
 * @example
 * app.post('/photos', {
 *   files: { image: upload({ maxSize: 5 * 1024 * 1024, accept: ['image/*'] }), extras: upload.list().optional() },
 *   form: { caption: z.string() },
 * }, ({ files, form }) => ({ name: files.image.filename, caption: form.caption }))
 */
export const upload: UploadFactory = Object.assign(
  (options: UploadOptions = {}) => new UploadField<UploadFile>('one', true, options),
  {
    optional: (options: UploadOptions = {}) => new UploadField<UploadFile>('one', true, options).optional(),
    list: (options: UploadOptions = {}) => new UploadField<UploadFile[]>('list', true, options),
  },
)

/** True for what `upload()` made. */
export function isUploadField(value: unknown): value is UploadField<unknown> {
  return value instanceof UploadField
}

function checkUploadOptions(arity: UploadArity, options: UploadOptions): void {
  const known = new Set(['maxSize', 'accept', 'maxCount', 'description', 'title'])
  for (const key of Object.keys(options)) {
    if (!known.has(key))
      throw new ConfigError(`upload(): unknown option "${key}"; the options are ${[...known].join(', ')}.`)
  }
  const { maxSize, accept, maxCount } = options
  if (maxCount !== undefined) {
    if (arity !== 'list')
      throw new ConfigError('upload(): maxCount is for upload.list(); a single file field takes one file.')
    if (!Number.isSafeInteger(maxCount) || maxCount < 1)
      throw new ConfigError(
        `upload.list(): maxCount must be a whole number of files from 1, got ${String(maxCount)}.`,
      )
  }
  if (maxSize !== undefined && (!Number.isSafeInteger(maxSize) || maxSize < 0)) {
    throw new ConfigError(`upload(): maxSize must be a whole number of bytes, got ${String(maxSize)}.`)
  }
  if (
    accept !== undefined &&
    (!Array.isArray(accept) || accept.some((type) => !/^[\w.+-]+\/(\*|[\w.+-]+)$/.test(type)))
  ) {
    throw new ConfigError('upload(): accept must be a list of media types such as "image/png" or "image/*".')
  }
}
