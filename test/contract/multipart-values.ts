// The files of a `multipart/form-data` body, as the request generator drafts, breaks and judges
// them. The document says which fields are files (`contentMediaType`, 3.1), which media types
// each accepts (the media type's `encoding`), and nothing about sizes: those come from the app's
// `fileLimits`, as ids that exist come from its hints.
import type { JsonSchema, SchemaValidator } from './schema-validator.js'
import type { SeededRandom } from './seeded-random.js'

/** One file the generator sends: small random bytes under a filename and a content type. */
export class DraftFile {
  constructor(
    readonly filename: string,
    readonly content: Uint8Array,
    readonly contentType: string,
  ) {}
}

/** A multipart field's place in the document: whether it takes files, and how many. */
export type FileArity = 'one' | 'list'

/** File field name to its arity, read from the body schema's properties. */
export function fileFieldsOf(bodySchema: JsonSchema, schemas: SchemaValidator): Map<string, FileArity> {
  const out = new Map<string, FileArity>()
  const properties = (schemas.resolve(bodySchema).properties ?? {}) as Record<string, JsonSchema>
  for (const [name, property] of Object.entries(properties)) {
    const arity = arityOf(property, schemas)
    if (arity !== undefined) out.set(name, arity)
  }
  return out
}

function arityOf(schema: JsonSchema, schemas: SchemaValidator): FileArity | undefined {
  const node = schemas.resolve(schema)
  if (typeof node.contentMediaType === 'string' || node.format === 'binary') return 'one'
  if (node.type === 'array' && node.items !== undefined)
    return arityOf(node.items as JsonSchema, schemas) === 'one' ? 'list' : undefined
  // An optional file: `anyOf` with null.
  for (const branch of (node.anyOf ?? []) as JsonSchema[]) {
    const arity = arityOf(branch, schemas)
    if (arity !== undefined) return arity
  }
  return undefined
}

/** What the generator knows of one multipart operation. */
export interface MultipartShape {
  files: Map<string, FileArity>
  /** Field name to the media types it accepts (`image/png`, `image/*`), from `encoding`. */
  accept: Map<string, string[]>
  /** Field name to its largest size in bytes, from the app's `fileLimits`. */
  maxSize: Map<string, number>
}

export function multipartShape(
  bodySchema: JsonSchema,
  encoding: Record<string, JsonSchema> | undefined,
  limits: Record<string, number> | undefined,
  schemas: SchemaValidator,
): MultipartShape {
  const files = fileFieldsOf(bodySchema, schemas)
  const accept = new Map<string, string[]>()
  for (const [name, entry] of Object.entries(encoding ?? {})) {
    if (typeof entry.contentType === 'string')
      accept.set(
        name,
        entry.contentType.split(',').map((type) => type.trim().toLowerCase()),
      )
  }
  const maxSize = new Map(Object.entries(limits ?? {}).filter(([name]) => files.has(name)))
  return { files, accept, maxSize }
}

const ANY_TYPES = ['text/plain', 'application/octet-stream', 'image/png', 'application/pdf', 'text/csv']

/** A file `name` accepts: 1 to 64 random bytes (an empty file reads as none sent), under its limit. */
export function validFile(name: string, shape: MultipartShape, random: SeededRandom): DraftFile {
  const limit = shape.maxSize.get(name) ?? Number.POSITIVE_INFINITY
  const size = random.int(1, Math.min(64, limit))
  const types = (shape.accept.get(name) ?? ANY_TYPES).filter((type) => !type.endsWith('/*'))
  const contentType = random.pick(types.length > 0 ? types : ['image/png'])
  return new DraftFile(filenameFor(contentType, random), randomBytes(size, random), contentType)
}

/** The value of a file field in a valid body: one file, or one to three. */
export function validFiles(
  name: string,
  shape: MultipartShape,
  random: SeededRandom,
): DraftFile | DraftFile[] {
  if (shape.files.get(name) === 'one') return validFile(name, shape, random)
  return Array.from({ length: random.int(1, 3) }, () => validFile(name, shape, random))
}

/** A broken file body and how it was broken, or undefined when `shape` gives nothing to break. */
export function breakFiles(
  body: Record<string, unknown>,
  shape: MultipartShape,
  required: readonly string[],
  random: SeededRandom,
): { body: Record<string, unknown>; how: string } | undefined {
  const ways: (() => { body: Record<string, unknown>; how: string })[] = []
  const names = [...shape.files.keys()]
  for (const name of names.filter((n) => required.includes(n))) {
    ways.push(() => {
      const { [name]: _gone, ...rest } = body
      return { body: rest, how: `missing file body.${name}` }
    })
  }
  for (const name of names) {
    ways.push(() => ({ body: { ...body, [name]: 'just text' }, how: `text for file body.${name}` }))
  }
  for (const [name, types] of shape.accept) {
    const wrong = random.pick([...ANY_TYPES.filter((type) => !accepts(types, type)), 'application/x-unknown'])
    ways.push(() => ({
      body: {
        ...body,
        [name]: replaceOne(body[name], (file) => retype(file, wrong, random), shape, name, random),
      },
      how: `wrong content type ${wrong} body.${name}`,
    }))
  }
  for (const [name, limit] of shape.maxSize) {
    ways.push(() => ({
      body: {
        ...body,
        [name]: replaceOne(body[name], (file) => resize(file, limit + 1, random), shape, name, random),
      },
      how: `file over ${limit} bytes body.${name}`,
    }))
  }
  return ways.length === 0 ? undefined : random.pick(ways)()
}

/** `value`'s file (one of a list's) replaced by `change(file)`; a new file when none was sent. */
function replaceOne(
  value: unknown,
  change: (file: DraftFile) => DraftFile,
  shape: MultipartShape,
  name: string,
  random: SeededRandom,
): DraftFile | DraftFile[] {
  const files = Array.isArray(value) ? value.filter((v) => v instanceof DraftFile) : []
  if (value instanceof DraftFile) return change(value)
  if (files.length === 0) {
    const file = change(validFile(name, shape, random))
    return shape.files.get(name) === 'list' ? [file] : file
  }
  const index = random.int(0, files.length - 1)
  return files.with(index, change(files[index]!))
}

function retype(file: DraftFile, contentType: string, random: SeededRandom): DraftFile {
  return new DraftFile(filenameFor(contentType, random), file.content, contentType)
}

function resize(file: DraftFile, size: number, random: SeededRandom): DraftFile {
  return new DraftFile(file.filename, randomBytes(size, random), file.contentType)
}

/**
 * Why the document refuses the files of `body`, or undefined if it accepts them: Ajv sees a file
 * as a string, so a text value where a file belongs, a media type outside `encoding` and a file
 * over its limit are judged here.
 */
export function fileProblem(body: Record<string, unknown>, shape: MultipartShape): string | undefined {
  for (const name of shape.files.keys()) {
    const value = body[name]
    if (value === undefined) continue
    const items = Array.isArray(value) ? value : [value]
    if (items.some((item) => !(item instanceof DraftFile))) return `text for file ${name}`
    for (const file of items as DraftFile[]) {
      const types = shape.accept.get(name)
      if (types !== undefined && !accepts(types, file.contentType)) return `media type of ${name}`
      if (file.content.length > (shape.maxSize.get(name) ?? Number.POSITIVE_INFINITY))
        return `size of ${name}`
    }
  }
  return undefined
}

/** Exact types, or `type/*`, as `encoding.contentType` lists them. */
function accepts(types: readonly string[], contentType: string): boolean {
  return types.some((type) =>
    type.endsWith('/*') ? contentType.startsWith(type.slice(0, -1)) : contentType === type,
  )
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/pdf': 'pdf',
}

function filenameFor(contentType: string, random: SeededRandom): string {
  return `${random.string(random.int(1, 10))}.${EXTENSIONS[contentType] ?? 'bin'}`
}

function randomBytes(size: number, random: SeededRandom): Uint8Array {
  return Uint8Array.from({ length: size }, () => random.int(0, 255))
}
