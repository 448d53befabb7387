import { dependencyGraphOf, type FlatRoute, flattenRoutes } from '../routing/flatten.js'
import { documentedPath } from '../routing/path-template.js'
import { streamKindOf } from '../routing/response-class.js'
import type { SchemaCollector } from './components.js'
import { deepMerge, objectAt } from './deep-merge.js'
import { fallbackRouteName, operationIdFor, summaryFromName } from './naming.js'
import { operationParameters } from './parameters.js'
import { requestBody } from './request-body.js'
import { operationResponses } from './responses.js'
import { documentSecurity } from './security.js'
import { addSecurityResponses } from './security-responses.js'
import type { StreamForm } from './stream-content.js'
import type { OperationObject, PathItemObject } from './types.js'

// FastAPI documents a request body only for these methods (fastapi/openapi/constants.py).
const BODY_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'])

/** Shared state of one document's generation. */
export interface OperationContext {
  readonly collector: SchemaCollector
  /** Every operationId used so far, with where, to report duplicates. */
  readonly operationIds: Map<string, string>
  /** Duplicate operationIds found; the caller decides how to report them. */
  readonly duplicates: string[]
  /** Security schemes met in dependency trees, for `components.securitySchemes`. */
  readonly securitySchemes: Map<string, Record<string, unknown>>
  /** How streams are described: 3.2's `itemSchema`, or 3.1's extension (also for 3.0). */
  readonly streamForm: StreamForm
}

/** The route's name: `name`, else its handler's name; undefined for an anonymous handler. */
function routeName(route: FlatRoute): string | undefined {
  const name = route.definition.options.name ?? route.definition.handler.name
  return name === '' ? undefined : name
}

/**
 * Builds the Operation Object of one route and method, as FastAPI's `get_openapi_path` does:
 * tags, summary, description, operationId, deprecated, parameters, request body, callbacks,
 * responses, then the route's `openapi` extras merged over the result.
 */
export function buildOperation(route: FlatRoute, method: string, context: OperationContext): OperationObject {
  const { options } = route.definition
  const path = route.template.openapiPath
  const name = routeName(route)
  const fallback = fallbackRouteName(method, path)
  const operationId =
    options.operationId ??
    route.generateOperationId?.({ name: name ?? '', path, method, tags: route.tags }) ??
    (name === undefined ? fallback : operationIdFor(name, path, method))
  recordOperationId(operationId, `${method} ${path}`, context)

  const operation: OperationObject = {}
  if (route.tags.length > 0) operation.tags = [...route.tags]
  operation.summary = options.summary ?? summaryFromName(name ?? fallback)
  const description = cleanDescription(options.description)
  if (description !== undefined) operation.description = description
  operation.operationId = operationId
  if (route.deprecated) operation.deprecated = true
  const graph = dependencyGraphOf(route)
  const security = documentSecurity(graph, context.securitySchemes)
  if (security.length > 0) operation.security = security

  // Each dependency once, in resolution order: FastAPI lists their parameters that way.
  const dependencies = [...new Set(graph.nodes.map((node) => node.dependency))]
  const { parameters, hidden } = operationParameters(
    options,
    route.template.params,
    dependencies,
    context.collector,
  )
  if (parameters.length > 0) operation.parameters = parameters
  const body = BODY_METHODS.has(method)
    ? requestBody(
        {
          body: options.body,
          form: options.form,
          files: options.files,
          filesFirst: Object.keys(options).indexOf('files') < Object.keys(options).indexOf('form'),
          dependencies,
        },
        operationId,
        context.collector,
      )
    : undefined
  if (body !== undefined) operation.requestBody = body
  const callbacks = options.callbacks === undefined ? {} : callbacksOf(options.callbacks, context)
  if (Object.keys(callbacks).length > 0) operation.callbacks = callbacks
  operation.responses = operationResponses(
    {
      options,
      method,
      responseClass: route.responseClass,
      stream: streamKindOf(options, route.definition.handler),
      streamForm: context.streamForm,
      responses: route.responses,
      operationId,
      validates: parameters.length > 0 || hidden > 0 || body !== undefined,
    },
    context.collector,
  )
  if (route.openapiSecurityResponses) addSecurityResponses(operation.responses, graph, context.collector)
  if (options.openapi !== undefined) deepMerge(operation, structuredClone(options.openapi))
  return operation
}

/** FastAPI cuts a description at a form feed: what follows is for the code's readers only. */
function cleanDescription(description: string | undefined): string | undefined {
  if (description === undefined) return undefined
  return description.split('\f')[0]!.trim()
}

function recordOperationId(operationId: string, where: string, context: OperationContext): void {
  const previous = context.operationIds.get(operationId)
  if (previous !== undefined) {
    context.duplicates.push(`Duplicate operationId "${operationId}" for ${where} (also ${previous}).`)
  } else context.operationIds.set(operationId, where)
}

/** `operation.callbacks[routeName][path][method]`, FastAPI's layout for callback routers. */
function callbacksOf(
  registry: NonNullable<FlatRoute['definition']['options']['callbacks']>,
  context: OperationContext,
): Record<string, PathItemObject> {
  const callbacks: Record<string, PathItemObject> = {}
  for (const route of flattenRoutes(registry, documentedPath)) {
    for (const method of route.definition.methods) {
      const key = routeName(route) ?? fallbackRouteName(method, route.template.openapiPath)
      const byPath = objectAt<Record<string, PathItemObject>>(callbacks, key)
      const item = objectAt<PathItemObject>(byPath, route.template.openapiPath)
      item[method.toLowerCase()] = documentOperation(route, method, context)
    }
  }
  return callbacks
}

/** Adds the operations of `routes` to a Paths Object (or `webhooks`), skipping hidden routes. */
export function addOperations(
  target: Record<string, PathItemObject>,
  routes: readonly FlatRoute[],
  context: OperationContext,
): void {
  for (const route of routes) {
    if (!route.includeInSchema) continue
    const item = objectAt<PathItemObject>(target, route.template.openapiPath)
    for (const method of route.definition.methods) {
      item[method.toLowerCase()] = documentOperation(route, method, context)
    }
  }
}

/** `buildOperation`, with the schemas it uses attributed to the operation for a clash's message. */
function documentOperation(route: FlatRoute, method: string, context: OperationContext): OperationObject {
  const label = `${method} ${route.template.openapiPath}`
  return context.collector.within(label, () => buildOperation(route, method, context))
}
