import type { SchemaCollector } from './components.js'
import type { JsonSchema } from './types.js'

// FastAPI's own definitions of its 422 body (fastapi/openapi/utils.py), so that clients generated
// from a FastAPI document and from a Brisk one name and type validation errors the same way.
const VALIDATION_ERROR: JsonSchema = {
  title: 'ValidationError',
  type: 'object',
  properties: {
    loc: {
      title: 'Location',
      type: 'array',
      items: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    },
    msg: { title: 'Message', type: 'string' },
    type: { title: 'Error Type', type: 'string' },
    input: { title: 'Input' },
    ctx: { title: 'Context', type: 'object' },
  },
  required: ['loc', 'msg', 'type'],
}

const HTTP_VALIDATION_ERROR: JsonSchema = {
  title: 'HTTPValidationError',
  type: 'object',
  properties: {
    detail: {
      title: 'Detail',
      type: 'array',
      items: { $ref: '#/components/schemas/ValidationError' },
    },
  },
}

/** The automatic 422 response, registering its two components. */
export function validationErrorResponse(collector: SchemaCollector): JsonSchema {
  // Once per document, not per route: two copies per route were a third of generating the
  // document of a 5,000-route app, which the app now does when it starts.
  if (!collector.hasComponent('HTTPValidationError')) {
    collector.addComponent('ValidationError', structuredClone(VALIDATION_ERROR))
    collector.addComponent('HTTPValidationError', structuredClone(HTTP_VALIDATION_ERROR))
  }
  return {
    description: 'Validation Error',
    content: { 'application/json': { schema: collector.reference('HTTPValidationError') } },
  }
}
