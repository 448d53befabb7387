import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { Schema } from '../schema/standard.js'
import { validate } from '../schema/validate.js'
import type { WebSocketMessage } from './transport.js'

/** An incoming JSON message, parsed and (when the route declares `message`) validated. */
export type CheckedMessage = { ok: true; value: unknown } | { ok: false; errors: ValidationErrorItem[] }

/** Parses and validates one incoming message; compiled once per route. */
export type MessageCheck = (data: WebSocketMessage) => CheckedMessage | Promise<CheckedMessage>

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * The check of a route's `message` schema: the message's JSON validated as a body is (Pydantic's
 * lax reading of JSON), errors located at `["message", ...]` and shaped like a 422's items.
 */
export function compileMessageCheck(schema: Schema): MessageCheck {
  return (data) => {
    const parsed = parseJsonMessage(data)
    if (!parsed.ok) return parsed
    return validate(schema, parsed.value, { loc: ['message'], missingInput: 'parent', lax: true })
  }
}

/** A message's JSON (a text frame, or a binary frame of UTF-8), or FastAPI's `json_invalid` item. */
export function parseJsonMessage(data: WebSocketMessage): CheckedMessage {
  try {
    return { ok: true, value: JSON.parse(typeof data === 'string' ? data : decoder.decode(data)) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid JSON'
    return {
      ok: false,
      errors: [
        {
          type: 'json_invalid',
          loc: ['message'],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: reason },
        },
      ],
    }
  }
}
