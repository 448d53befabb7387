import { reasonPhrase } from '../errors/status-phrases.js'
import { noBodyStatus } from '../http/responses.js'
import { type ResponseClass, type StreamKind, successStatusOf } from '../routing/response-class.js'
import type { RouteOptions } from '../routing/route-options.js'
import type { SchemaCollector } from './components.js'
import { responseTitle } from './naming.js'
import { type StreamForm, streamContent } from './stream-content.js'
import type { JsonSchema } from './types.js'

/** What the success response of an operation is built from. */
export interface SuccessInput {
  options: RouteOptions
  responseClass: ResponseClass
  /** How a stream the route returns is sent, when it returns one. */
  stream: StreamKind | undefined
  operationId: string
  streamForm: StreamForm
}

// FastAPI documents an HTMLResponse or PlainTextResponse body as `{"type": "string"}` under the
// class's media type, and a RedirectResponse or FileResponse (no media type) with no content.
const TEXT_MEDIA_TYPES: Partial<Record<ResponseClass, string>> = { html: 'text/html', text: 'text/plain' }

/** The status the success response is documented under. */
export function successStatus(input: Pick<SuccessInput, 'options' | 'responseClass'>): number {
  return input.options.status ?? successStatusOf(input.responseClass)
}

/**
 * The Response Object of the success status: the route's `response` schema as JSON, the item
 * schema of a stream, a string for HTML and text, or no content for a redirect or a file.
 */
export function successResponse(input: SuccessInput, collector: SchemaCollector): JsonSchema {
  const { options } = input
  const response: JsonSchema = { description: options.responseDescription ?? 'Successful Response' }
  if (noBodyStatus(successStatus(input)) || input.responseClass === 'redirect') return response
  if (input.responseClass === 'file') return response
  const textType = TEXT_MEDIA_TYPES[input.responseClass]
  if (textType !== undefined) {
    response.content = { [textType]: { schema: { type: 'string' } } }
    return response
  }
  const declared = options.response
  if (input.stream !== undefined) {
    const item =
      declared === undefined ? undefined : collector.use(declared, 'output', { titleNamesComponent: true })
    response.content = streamContent(input.stream, item, input.streamForm)
    return response
  }
  let schema: JsonSchema = {}
  if (declared !== undefined) {
    schema = collector.use(declared, 'output', { titleNamesComponent: true })
    if (typeof schema.$ref !== 'string') schema.title ??= responseTitle(input.operationId)
  }
  response.content = { 'application/json': { schema } }
  return response
}

const CONTENT_RANGE = { 'Content-Range': { schema: { type: 'string' } } }

/**
 * The other statuses `file()` answers a GET or HEAD with, when its own status is 200: 206 for a
 * Range request (with the `Content-Range` sent), 304 when `If-None-Match` or `If-Modified-Since`
 * still holds, 416 for a range past the end (with `Content-Range: bytes *\/size`).
 */
export function fileResponses(method: string, status: number): Record<string, JsonSchema> {
  if (status !== 200 || (method !== 'GET' && method !== 'HEAD')) return {}
  return {
    '206': { description: reasonPhrase(206), headers: structuredClone(CONTENT_RANGE) },
    '304': { description: reasonPhrase(304) },
    '416': { description: reasonPhrase(416), headers: structuredClone(CONTENT_RANGE) },
  }
}
