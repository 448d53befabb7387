// The operations of an OpenAPI document, in the form the request generator and the checks read.
import type { JsonSchema } from './schema-validator.js'

export type ParamLocation = 'path' | 'query' | 'header' | 'cookie'

export interface Parameter {
  name: string
  in: ParamLocation
  required: boolean
  schema: JsonSchema
}

export interface Operation {
  method: string
  path: string
  /** `GET /items/{item_id}`: how reports and known gaps name the operation. */
  name: string
  parameters: Parameter[]
  body?: {
    mediaType: string
    schema: JsonSchema
    required: boolean
    /** A multipart body's Encoding Objects by field (`contentType` lists what a file field accepts). */
    encoding?: Record<string, JsonSchema>
  }
  /** The Responses Object, keyed by status, range (`4XX`) or `default`. */
  responses: Record<string, JsonSchema>
  /** The security requirements; empty for a public operation. */
  security: Record<string, string[]>[]
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Every operation of `document`, in document order. */
export function operationsOf(document: JsonSchema): Operation[] {
  const out: Operation[] = []
  const rootSecurity = (document.security ?? []) as Record<string, string[]>[]
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, JsonSchema>)) {
    for (const method of METHODS) {
      const operation = item[method] as JsonSchema | undefined
      if (operation === undefined) continue
      const parameters = [
        ...((item.parameters ?? []) as JsonSchema[]),
        ...((operation.parameters ?? []) as JsonSchema[]),
      ]
      const requestBody = operation.requestBody as JsonSchema | undefined
      const content = (requestBody?.content ?? {}) as Record<string, JsonSchema>
      const [mediaType, media] = Object.entries(content)[0] ?? []
      out.push({
        method: method.toUpperCase(),
        path,
        name: `${method.toUpperCase()} ${path}`,
        parameters: parameters.map((p) => ({
          name: p.name as string,
          in: p.in as ParamLocation,
          required: p.required === true,
          schema: (p.schema ?? {}) as JsonSchema,
        })),
        ...(mediaType === undefined
          ? {}
          : {
              body: {
                mediaType,
                schema: (media?.schema ?? {}) as JsonSchema,
                required: requestBody?.required === true,
                ...(media?.encoding === undefined
                  ? {}
                  : { encoding: media.encoding as Record<string, JsonSchema> }),
              },
            }),
        responses: (operation.responses ?? {}) as Record<string, JsonSchema>,
        security: (operation.security ?? rootSecurity) as Record<string, string[]>[],
      })
    }
  }
  return out
}

/**
 * The JSON Schema of a whole request as the server reads it (`{ path, query, header, cookie,
 * body }`, parameter strings already coerced): Ajv's verdict on it says whether the document
 * calls a request valid.
 */
export function requestSchema(operation: Operation): JsonSchema {
  const locations: Record<ParamLocation, { properties: Record<string, JsonSchema>; required: string[] }> = {
    path: { properties: {}, required: [] },
    query: { properties: {}, required: [] },
    header: { properties: {}, required: [] },
    cookie: { properties: {}, required: [] },
  }
  for (const parameter of operation.parameters) {
    const location = locations[parameter.in]
    location.properties[parameter.name] = parameter.schema
    if (parameter.required) location.required.push(parameter.name)
  }
  const properties: Record<string, JsonSchema> = {}
  for (const [name, { properties: props, required }] of Object.entries(locations)) {
    properties[name] = { type: 'object', properties: props, required }
  }
  if (operation.body !== undefined) properties.body = operation.body.schema
  return { type: 'object', properties, required: operation.body?.required ? ['body'] : [] }
}
