// Requests for one operation, valid and invalid, built from its parameters' and body's schemas.
// Whether a request is valid is not what it was meant to be but Ajv's verdict on what the server
// will read (parameter strings coerced as the server coerces them).
import { mutate } from './invalid-values.js'
import {
  breakFiles,
  DraftFile,
  fileProblem,
  type MultipartShape,
  multipartShape,
  validFiles,
} from './multipart-values.js'
import { type Operation, type Parameter, requestSchema } from './operations.js'
import type { JsonSchema, SchemaValidator } from './schema-validator.js'
import type { SeededRandom } from './seeded-random.js'
import { type GenerateContext, validValue } from './valid-values.js'

type Strings = string | string[]

/** One request to send, and what the document says of it. */
export interface GeneratedRequest {
  operation: Operation
  /** How it was made: `valid`, `missing body.name`, `no credentials`, ... */
  how: string
  url: string
  query: Record<string, Strings>
  headers: Record<string, string>
  cookies: Record<string, string>
  json?: unknown
  form?: Record<string, Strings>
  raw?: { content: string; contentType: string }
  /** The files of a multipart body, as (field, [filename, bytes, content type]) pairs. */
  files?: [string, [string, Uint8Array, string]][]
  /** Send the credentials the operation's security asks for. */
  authenticate: boolean
  /** The document accepts this request (every schema matches, credentials sent). */
  valid: boolean
}

/** Values to prefer for parameters and top-level body fields by name (ids that exist, a known user). */
export type Hints = Record<string, readonly unknown[]>

export interface GenerateOptions {
  random: SeededRandom
  schemas: SchemaValidator
  hints?: Hints
  /** File field name to its largest size in bytes: the document has no keyword for it. */
  fileLimits?: Record<string, number>
  validCount: number
  invalidCount: number
}

interface Draft {
  params: Record<string, Map<string, unknown>>
  body: unknown
}

/** `validCount` valid and `invalidCount` invalid requests for `operation`, plus credential failures. */
export function generateRequests(operation: Operation, options: GenerateOptions): GeneratedRequest[] {
  const context: GenerateContext = { random: options.random, schemas: options.schemas }
  const schema = requestSchema(operation)
  const finish = (draft: Draft, how: string, extra: Partial<GeneratedRequest> = {}) =>
    encode(operation, draft, how, schema, options, extra)
  const out: GeneratedRequest[] = []
  for (let i = 0; i < options.validCount; i++) {
    const request = finish(validDraft(operation, options), 'valid')
    if (!request.valid) throw new Error(`generated an invalid "valid" request: ${JSON.stringify(request)}`)
    out.push(request)
  }
  for (let i = 0; i < options.invalidCount; i++) {
    const draft = validDraft(operation, options)
    const broken = breakDraft(operation, draft, context, options)
    out.push(broken === undefined ? finish(draft, 'valid') : finish(broken.draft, broken.how, broken.extra))
  }
  if (operation.security.length > 0) {
    out.push(finish(validDraft(operation, options), 'no credentials', { authenticate: false }))
  }
  return out
}

function validDraft(operation: Operation, options: GenerateOptions): Draft {
  const { random } = options
  const params: Draft['params'] = { path: new Map(), query: new Map(), header: new Map(), cookie: new Map() }
  const parameterContext = { random, schemas: options.schemas, plain: true, avoidNull: true }
  for (const parameter of operation.parameters) {
    if (!parameter.required && random.chance(0.5)) continue
    params[parameter.in]!.set(
      parameter.name,
      hinted(parameter.name, options) ?? validValue(parameter.schema, parameterContext),
    )
  }
  let body: unknown
  if (operation.body !== undefined) {
    const form = operation.body.mediaType !== 'application/json'
    const context = { random, schemas: options.schemas, avoidNull: form, plain: form }
    body = validValue(operation.body.schema, context)
    const fields = (options.schemas.resolve(operation.body.schema).properties ?? {}) as JsonSchema
    if (isRecord(body)) {
      for (const name of Object.keys(options.hints ?? {})) {
        const hint = name in fields ? hinted(name, options) : undefined
        if (hint !== undefined) body[name] = hint
      }
      // The strings drawn for file fields become files (those left out stay out).
      const shape = multipartOf(operation, options)
      for (const name of shape?.files.keys() ?? []) {
        if (name in body) body[name] = validFiles(name, shape!, random)
      }
    }
  }
  return { params, body }
}

/** A hint for `name`, half of the time there is one. */
function hinted(name: string, { hints, random }: GenerateOptions): unknown {
  const values = hints?.[name]
  return values !== undefined && random.chance(0.5) ? random.pick(values) : undefined
}

interface Broken {
  draft: Draft
  how: string
  extra?: Partial<GeneratedRequest>
}

/** The draft with one part broken: a parameter, the body, or the body's encoding. */
function breakDraft(
  operation: Operation,
  draft: Draft,
  context: GenerateContext,
  options: GenerateOptions,
): Broken | undefined {
  const { random } = context
  const targets: (Parameter | 'body')[] = [...operation.parameters]
  if (operation.body !== undefined) targets.push('body', 'body')
  if (targets.length === 0) return undefined
  const target = random.pick(targets)
  if (target === 'body') return breakBody(operation, draft, context, options)
  const values = draft.params[target.in]!
  const at = `${target.in}.${target.name}`
  if (target.required && target.in !== 'path' && random.chance(0.3)) {
    const params = { ...draft.params, [target.in]: new Map(values) }
    params[target.in]!.delete(target.name)
    return { draft: { ...draft, params }, how: `missing ${at}` }
  }
  const current =
    values.get(target.name) ?? validValue(target.schema, { ...context, plain: true, avoidNull: true })
  const mutation = mutate(target.schema, current, { ...context, plain: true, avoidNull: true }, at)
  if (mutation === undefined) return undefined
  const params = { ...draft.params, [target.in]: new Map(values).set(target.name, mutation.value) }
  return { draft: { ...draft, params }, how: mutation.how }
}

function breakBody(
  operation: Operation,
  draft: Draft,
  context: GenerateContext,
  options: GenerateOptions,
): Broken | undefined {
  const { random } = context
  const body = operation.body!
  const shape = multipartOf(operation, options)
  if (shape !== undefined && isRecord(draft.body) && random.chance(0.45)) {
    const required = (context.schemas.resolve(body.schema).required ?? []) as string[]
    const broken = breakFiles(draft.body, shape, required, random)
    if (broken !== undefined) return { draft: { ...draft, body: broken.body }, how: broken.how }
  }
  const roll = random.next()
  if (roll < 0.1 && body.mediaType === 'application/json') {
    return {
      draft,
      how: 'malformed JSON body',
      extra: { raw: { content: '{"broken": ', contentType: 'application/json' } },
    }
  }
  if (roll < 0.17)
    return {
      draft,
      how: 'body of another media type',
      extra: { raw: { content: 'a=1', contentType: 'text/plain' } },
    }
  if (roll < 0.24 && body.required) return { draft: { ...draft, body: undefined }, how: 'no body' }
  if (roll < 0.34 && isRecord(draft.body)) {
    return {
      draft: { ...draft, body: { ...draft.body, __junk__: [1, { deep: null }] } },
      how: 'extra junk field',
    }
  }
  const mutation = mutate(
    body.schema,
    draft.body,
    { ...context, avoidNull: body.mediaType !== 'application/json' },
    'body',
  )
  return mutation === undefined ? undefined : { draft: { ...draft, body: mutation.value }, how: mutation.how }
}

/** The draft as the test client sends it, with the document's verdict. */
function encode(
  operation: Operation,
  draft: Draft,
  how: string,
  schema: JsonSchema,
  options: GenerateOptions,
  extra: Partial<GeneratedRequest>,
): GeneratedRequest {
  const strings = (location: string) =>
    Object.fromEntries([...draft.params[location]!].map(([name, value]) => [name, serialize(value)]))
  const path = strings('path')
  const url = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(path[name])),
  )
  const request: GeneratedRequest = {
    operation,
    how,
    url,
    query: strings('query'),
    headers: Object.fromEntries(Object.entries(strings('header')).map(([k, v]) => [k, String(v)])),
    cookies: Object.fromEntries(Object.entries(strings('cookie')).map(([k, v]) => [k, String(v)])),
    authenticate: true,
    valid: false,
    ...extra,
  }
  const body = operation.body
  if (request.raw === undefined && draft.body !== undefined && body !== undefined) {
    if (body.mediaType === 'application/x-www-form-urlencoded' && isRecord(draft.body)) {
      request.form = Object.fromEntries(Object.entries(draft.body).map(([k, v]) => [k, serialize(v)]))
    } else if (body.mediaType === 'multipart/form-data' && isRecord(draft.body)) {
      Object.assign(request, splitMultipart(draft.body))
    } else {
      request.json = draft.body
    }
  }
  request.valid =
    request.authenticate &&
    request.raw === undefined &&
    isValid(operation, request, path, schema, options) &&
    // Ajv reads a file as a string: what the document says of files beyond that is checked here.
    (request.files === undefined ||
      fileProblem(draft.body as Record<string, unknown>, multipartOf(operation, options)!) === undefined)
  return request
}

/** A multipart body's files (always a list, so the client sends multipart) and its text fields. */
function splitMultipart(body: Record<string, unknown>): Pick<GeneratedRequest, 'form' | 'files'> {
  const form: Record<string, Strings> = {}
  const files: NonNullable<GeneratedRequest['files']> = []
  for (const [name, value] of Object.entries(body)) {
    const items = Array.isArray(value) ? value : [value]
    const texts = items.filter((item) => !(item instanceof DraftFile))
    for (const file of items.filter((item) => item instanceof DraftFile)) {
      files.push([name, [file.filename, file.content, file.contentType]])
    }
    if (texts.length > 0) form[name] = Array.isArray(value) ? texts.map(scalarText) : scalarText(value)
  }
  return { form, files }
}

/** The multipart shape of `operation`'s body, or undefined for a body of another media type. */
function multipartOf(operation: Operation, options: GenerateOptions): MultipartShape | undefined {
  const body = operation.body
  if (body?.mediaType !== 'multipart/form-data') return undefined
  return multipartShape(body.schema, body.encoding, options.fileLimits, options.schemas)
}

/** Ajv's verdict on the request as the server reads it: parameter and form strings coerced. */
function isValid(
  operation: Operation,
  request: GeneratedRequest,
  pathValues: Record<string, Strings>,
  schema: JsonSchema,
  options: GenerateOptions,
): boolean {
  const read = (location: string, values: Record<string, Strings>) =>
    Object.fromEntries(
      Object.entries(values).map(([name, value]) => {
        const parameter = operation.parameters.find((p) => p.in === location && p.name === name)
        return [name, coerce(value, parameter?.schema ?? {}, options.schemas)]
      }),
    )
  const view: Record<string, unknown> = {
    path: read('path', pathValues),
    query: read('query', request.query),
    header: read('header', request.headers),
    cookie: read('cookie', request.cookies),
  }
  if (request.json !== undefined) view.body = request.json
  if (request.form !== undefined) {
    const properties = (options.schemas.resolve(operation.body!.schema).properties ?? {}) as Record<
      string,
      JsonSchema
    >
    // An empty form field is a missing one, as FastAPI reads forms (`_get_multidict_value`).
    view.body = Object.fromEntries(
      Object.entries(request.form)
        .filter(([, value]) => value !== '')
        .map(([name, value]) => [name, coerce(value, properties[name] ?? {}, options.schemas)]),
    )
  }
  if (request.files !== undefined) {
    // A file is a string to Ajv (`contentMediaType` is an annotation); a list field an array of them.
    const shape = multipartOf(operation, options)!
    const fields = view.body as Record<string, unknown>
    for (const [name] of request.files) {
      if (fields[name] !== undefined) continue
      const count = request.files.filter(([other]) => other === name).length
      fields[name] = shape.files.get(name) === 'list' ? Array(count).fill('file') : 'file'
    }
  }
  return options.schemas.errors(schema, view).length === 0
}

/** A parameter value as text: lists stay lists (repeated query keys), the rest becomes a string. */
function serialize(value: unknown): Strings {
  if (Array.isArray(value)) return value.map((item) => scalarText(item))
  return scalarText(value)
}

function scalarText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)
}

/** Reads text as the server does for `schema`: numbers and booleans from their spelling. */
function coerce(value: Strings, schema: JsonSchema, schemas: SchemaValidator): unknown {
  const node = schemas.resolve(schema)
  if (Array.isArray(value))
    return value.map((item) => coerce(item, (node.items ?? {}) as JsonSchema, schemas))
  if (node.type === 'array') return [coerce(value, (node.items ?? {}) as JsonSchema, schemas)]
  const types = new Set<unknown>([
    node.type,
    ...((node.anyOf ?? []) as JsonSchema[]).map((b) => schemas.resolve(b).type),
  ])
  if ((types.has('integer') || types.has('number')) && /^-?\d+(\.\d+)?$/.test(value)) return Number(value)
  if (types.has('boolean') && (value === 'true' || value === 'false')) return value === 'true'
  return value
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
