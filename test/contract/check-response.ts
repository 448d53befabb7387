// Holds one response against its operation in the document: a declared status, a declared media
// type, a body that matches the declared schema (each item of a JSON Lines or SSE stream too),
// FastAPI's 422 shape, and what the document promised about the request (a valid request is not
// refused as invalid; an invalid one is not accepted).
import type { TestResponse } from '../../src/index.js'
import type { GeneratedRequest } from './generate-requests.js'
import type { JsonSchema, SchemaValidator } from './schema-validator.js'
import { validationErrorProblems } from './validation-error-shape.js'

/** One disagreement between the wire and the document. */
export interface Problem {
  /** A stable kind, used by the known-gap list: `undeclared status 404`, `media type text/plain`. */
  kind: string
  detail: string
}

/** Every disagreement between `response` and the document for `request`. */
export function checkResponse(
  request: GeneratedRequest,
  response: TestResponse,
  schemas: SchemaValidator,
): Problem[] {
  const { status } = response
  const problems: Problem[] = []
  if (status >= 500) problems.push({ kind: `server error ${status}`, detail: response.text.slice(0, 300) })
  if (request.valid && status === 422) {
    problems.push({ kind: 'valid request refused', detail: response.text.slice(0, 500) })
  }
  if (!request.valid && status >= 200 && status < 300) {
    problems.push({ kind: 'invalid request accepted', detail: response.text.slice(0, 300) })
  }
  if (status === 422) {
    for (const detail of validationErrorProblems(parseJson(response.text)))
      problems.push({ kind: '422 shape', detail })
  }
  const declared = declaredResponse(request.operation.responses, status)
  if (declared === undefined) {
    problems.push({ kind: `undeclared status ${status}`, detail: response.text.slice(0, 200) })
    return problems
  }
  return problems.concat(bodyProblems(declared, response, schemas))
}

/** The Response Object for `status`: the exact code, else its range (`4XX`), else `default`. */
export function declaredResponse(
  responses: Record<string, JsonSchema>,
  status: number,
): JsonSchema | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default
}

function bodyProblems(declared: JsonSchema, response: TestResponse, schemas: SchemaValidator): Problem[] {
  if (response.content.length === 0) return []
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const content = (declared.content ?? {}) as Record<string, JsonSchema>
  const media = content[mediaType] ?? content[`${mediaType.split('/')[0]}/*`] ?? content['*/*']
  if (media === undefined) {
    const listed = Object.keys(content).join(', ') || 'none'
    return [
      {
        kind: `media type ${mediaType}`,
        detail: `not declared for ${response.status} (declared: ${listed})`,
      },
    ]
  }
  const mismatch = (label: string, value: unknown, schema: JsonSchema | undefined): Problem[] => {
    if (schema === undefined) return []
    const errors = schemas.errors(schema, value)
    return errors.length === 0
      ? []
      : [{ kind: 'body does not match schema', detail: `${label}: ${errors.join('; ')}` }]
  }
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    const body = parseJson(response.text)
    if (body === NOT_JSON) return [{ kind: 'body is not JSON', detail: response.text.slice(0, 200) }]
    return mismatch('body', body, media.schema as JsonSchema | undefined)
  }
  const item = (media.itemSchema ?? media['x-itemSchema']) as JsonSchema | undefined
  if (mediaType === 'application/jsonl') {
    return streamItems(response.text.split('\n')).flatMap((line, i) => mismatch(`line ${i + 1}`, line, item))
  }
  if (mediaType === 'text/event-stream') {
    // FastAPI's item describes the whole event, its `data` by `contentSchema`; Brisk's is the data.
    const data = (item?.properties as Record<string, JsonSchema> | undefined)?.data?.contentSchema as
      | JsonSchema
      | undefined
    return streamItems(eventData(response.text)).flatMap((value, i) =>
      mismatch(`event ${i + 1}`, value, data ?? item),
    )
  }
  return []
}

/** The non-empty texts parsed as JSON (a text that is not JSON stays a string, which fails its schema). */
function streamItems(texts: string[]): unknown[] {
  return texts
    .filter((text) => text.trim() !== '')
    .map((text) => {
      const value = parseJson(text)
      return value === NOT_JSON ? text : value
    })
}

/** The `data` of each server-sent event (RFC: events end with a blank line; comments start with `:`). */
function eventData(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).replace(/^ /, ''))
        .join('\n'),
    )
    .filter((data) => data !== '')
}

const NOT_JSON = Symbol('not JSON')

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}
