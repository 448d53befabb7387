import type { StreamKind } from '../routing/response-class.js'
import type { JsonSchema } from './types.js'

/**
 * How a stream is described: with OpenAPI 3.2's `itemSchema`, or for 3.1 (and the 3.0
 * down-conversion), which have no such field, with the `x-itemSchema` extension beside a `schema`
 * of the whole body.
 */
export type StreamForm = '3.2' | '3.1'

const STREAM_MEDIA_TYPES: Readonly<Record<StreamKind, string>> = {
  jsonl: 'application/jsonl',
  sse: 'text/event-stream',
}

/**
 * The `content` of a streamed response, as OpenAPI 3.2's sequential media types describe it: in
 * 3.2 an `itemSchema` applied to each item; in 3.1 the same schema as `x-itemSchema`, with a
 * `schema` of the whole body as 3.2 models a sequence (an array of the items, §4.14.3), so that
 * 3.1 tools see the components it uses and a client reads the stream's items, not one object.
 *
 * A JSON Lines item is the route's `response`; without one, any JSON value. A server-sent event
 * is described as 3.2 models `text/event-stream` (§4.14.4): an object of the event's fields, with
 * `data` a string, whose JSON is the route's `response` (`contentMediaType` and `contentSchema`).
 */
export function streamContent(
  kind: StreamKind,
  item: JsonSchema | undefined,
  form: StreamForm,
): Record<string, JsonSchema> {
  const itemSchema = kind === 'sse' ? serverSentEventSchema(item) : (item ?? {})
  // One object in both places: the collector rewrites the references inside it once.
  const media =
    form === '3.2'
      ? { itemSchema }
      : { schema: { type: 'array', items: itemSchema }, 'x-itemSchema': itemSchema }
  return { [STREAM_MEDIA_TYPES[kind]]: media }
}

function serverSentEventSchema(data: JsonSchema | undefined): JsonSchema {
  const dataSchema: JsonSchema = { type: 'string' }
  if (data !== undefined) {
    dataSchema.contentMediaType = 'application/json'
    dataSchema.contentSchema = data
  }
  return {
    type: 'object',
    properties: {
      data: dataSchema,
      event: { type: 'string' },
      id: { type: 'string' },
      retry: { type: 'integer', minimum: 0 },
    },
  }
}
