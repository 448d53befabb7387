import { reasonPhrase } from '../errors/status-phrases.js'
import type { ResponsesSpec } from '../routing/route-options.js'
import { isSchema } from '../schema/standard.js'
import type { SchemaCollector } from './components.js'
import { deepMerge, objectAt } from './deep-merge.js'
import { fileResponses, type SuccessInput, successResponse, successStatus } from './success-response.js'
import type { JsonSchema } from './types.js'
import { validationErrorResponse } from './validation-schemas.js'

// FastAPI's descriptions of status ranges and of `default` in `responses`.
const RANGE_DESCRIPTIONS: Record<string, string> = {
  '1XX': 'Information',
  '2XX': 'Success',
  '3XX': 'Redirection',
  '4XX': 'Client Error',
  '5XX': 'Server Error',
  DEFAULT: 'Default Response',
}

/** What the responses of an operation are built from. */
export interface ResponsesInput extends SuccessInput {
  method: string
  /** Responses merged from the app, routers, includes and the route. */
  responses: ResponsesSpec
  /** The route reads parameters or a body, so it can answer 422. */
  validates: boolean
}

/**
 * The Responses Object of an operation, as FastAPI builds it: the success status with the
 * response schema (and the partial and conditional answers of a file route), each declared extra response (with its `model` turned into a schema and a
 * description from its status), and the automatic 422 unless the route documents its own 422,
 * `4XX` or `default`.
 */
export function operationResponses(
  input: ResponsesInput,
  collector: SchemaCollector,
): Record<string, JsonSchema> {
  const status = successStatus(input)
  const out: Record<string, JsonSchema> = { [String(status)]: successResponse(input, collector) }
  if (input.responseClass === 'file') Object.assign(out, fileResponses(input.method, status))
  for (const [code, declared] of Object.entries(input.responses)) {
    const { model, ...extra } = declared
    let key = code.toUpperCase()
    if (key === 'DEFAULT') key = 'default'
    const response = objectAt(out, key)
    const addition = structuredClone(extra) as JsonSchema
    if (model !== undefined && isSchema(model)) {
      const media = objectAt(objectAt(addition, 'content'), 'application/json')
      media.schema = {
        ...objectAt(media, 'schema'),
        ...collector.use(model, 'output', { titleNamesComponent: true }),
      }
    }
    const description =
      addition.description ??
      response.description ??
      RANGE_DESCRIPTIONS[code.toUpperCase()] ??
      statusText(code) ??
      'Additional Response'
    deepMerge(response, addition)
    response.description = description
  }
  if (input.validates && !('422' in out || '4XX' in out || 'default' in out)) {
    out['422'] = validationErrorResponse(collector)
  }
  return out
}

function statusText(code: string): string | undefined {
  const status = Number(code)
  if (!Number.isInteger(status)) return undefined
  const phrase = reasonPhrase(status)
  return phrase === 'Unknown Status' ? undefined : phrase
}
