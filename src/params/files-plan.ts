import { HTTPException } from '../errors/http-exception.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { RequestContext } from '../http/request-context.js'
import type { UploadFile } from '../http/upload-file.js'
import type { FilesSpec, UploadField } from './upload-spec.js'

/** Validates a route's `files` against the multipart body read; compiled once per route. */
export interface FilesPlan {
  readonly fields: readonly (readonly [string, UploadField<unknown>])[]
  /** The largest file each field takes (its `maxSize`), for the reader. */
  maxSizeOf(field: string): number | undefined
  /** The most files a list field takes (its `maxCount`), for the reader. */
  maxCountOf(field: string): number | undefined
  /** The handler's `files`, pushing FastAPI's errors for missing or mistyped fields. */
  read(ctx: RequestContext, errors: ValidationErrorItem[]): Record<string, unknown>
}

/** Compiles `files: { name: upload(), ... }`. */
export function compileFiles(spec: FilesSpec): FilesPlan {
  const fields = Object.entries(spec)
  const sizes = new Map(fields.map(([name, field]) => [name, field.options.maxSize]))
  const counts = new Map(fields.map(([name, field]) => [name, field.options.maxCount]))
  return {
    fields,
    maxSizeOf: (name) => sizes.get(name),
    maxCountOf: (name) => counts.get(name),
    read(ctx, errors) {
      const out: Record<string, unknown> = {}
      for (const [name, field] of fields) {
        const value = readField(ctx, name, field, errors)
        if (value !== undefined) out[name] = value
      }
      return out
    },
  }
}

function readField(
  ctx: RequestContext,
  name: string,
  field: UploadField<unknown>,
  errors: ValidationErrorItem[],
): UploadFile | UploadFile[] | undefined {
  // A browser sends a file input left empty as a part with `filename=""` and no bytes: not a file,
  // as an empty text input is not a value.
  const files = ctx.files?.get(name)?.filter((file) => file.filename !== '' || file.size > 0) ?? []
  const text = ctx.form?.[name]
  if (field.arity === 'list' && files.length > 0 && text !== undefined) {
    // Text parts beside the files: FastAPI validates every item of `list[UploadFile]`, so each
    // one is an error, not a value to drop while the handler runs on the rest.
    const texts = (Array.isArray(text) ? text : [text]).filter((item) => item !== '')
    for (const item of texts) errors.push(notAFile(name, item))
    if (texts.length > 0) return undefined
  }
  if (files.length === 0) {
    if (text !== undefined && text !== '')
      errors.push(notAFile(name, Array.isArray(text) ? text.at(-1)! : text))
    else if (field.required)
      errors.push({ type: 'missing', loc: ['body', name], msg: 'Field required', input: null })
    return undefined
  }
  for (const file of files) {
    if (!field.accepts(file.contentType)) {
      throw new HTTPException(
        415,
        `File "${name}" must be of type ${field.options.accept!.join(', ')}, got ${file.contentType}.`,
      )
    }
  }
  // One file: the last sent under the name wins, as for form fields (Starlette's FormData).
  return field.arity === 'list' ? files : files.at(-1)
}

/**
 * A text value where a file was declared: the error FastAPI's `UploadFile` validator gives
 * (`ValueError(f"Expected UploadFile, received: {type(value)}")`, as Pydantic reports it).
 */
function notAFile(name: string, input: string): ValidationErrorItem {
  return {
    type: 'value_error',
    loc: ['body', name],
    msg: "Value error, Expected UploadFile, received: <class 'str'>",
    input,
    ctx: { error: {} },
  }
}
