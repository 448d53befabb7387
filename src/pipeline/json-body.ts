import { HTTPException } from '../errors/http-exception.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; error: ValidationErrorItem }

// Keys that must never reach user code from a parsed body (prototype poisoning, as Fastify's
// secure-json-parse guards). JSON.parse makes `__proto__` an own property, harmless by itself,
// but merging such an object into another (Object.assign, spread into a class) pollutes it.
const SUSPICIOUS = /__proto__|constructor|\\u/

/**
 * Parses a JSON request body. Malformed JSON gives FastAPI's `json_invalid` error with the
 * character offset in `loc` (V8's message stands in for Python's in `ctx.error`). `__proto__` keys
 * and `constructor.prototype` are dropped; the slower reviver runs only when the raw text
 * contains something that could spell them.
 */
export function parseJsonBody(text: string): JsonBodyResult {
  let value: unknown
  try {
    value = SUSPICIOUS.test(text) ? JSON.parse(text, dropPoison) : JSON.parse(text)
  } catch (error) {
    // Only a SyntaxError is malformed JSON; a RangeError is the reviver overflowing the stack on
    // deep nesting, which FastAPI's "other exceptions" branch answers with a 400.
    if (!(error instanceof SyntaxError)) throw new HTTPException(400, 'There was an error parsing the body')
    const message = (error as Error).message
    const position = /position (\d+)/.exec(message)
    return {
      ok: false,
      error: {
        type: 'json_invalid',
        loc: ['body', position ? Number(position[1]) : text.length],
        msg: 'JSON decode error',
        input: {},
        ctx: { error: message },
      },
    }
  }
  // Nesting d levels takes at least 2d characters, so short bodies need no scan.
  if (text.length > 2 * MAX_DEPTH && tooDeep(text)) {
    throw new HTTPException(400, 'There was an error parsing the body')
  }
  return { ok: true, value }
}

/**
 * Deepest nesting accepted. Python's `json` gives up past the interpreter's recursion limit (1000)
 * and FastAPI answers that with a 400; deeper values would also overflow the stack of the
 * recursive walks that follow (validation, the 422 `input` echo, the response encoder): a 500.
 */
const MAX_DEPTH = 1000

/** True when arrays and objects nest deeper than MAX_DEPTH in (valid) JSON text. */
function tooDeep(text: string): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c) {
        i++ // an escaped character never ends the string
      } else if (code === 0x22) inString = false
    } else if (code === 0x22) inString = true
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > MAX_DEPTH) return true
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return false
}

function dropPoison(key: string, value: unknown): unknown {
  if (key === '__proto__') return undefined
  if (key === 'constructor' && value !== null && typeof value === 'object' && 'prototype' in value)
    return undefined
  return value
}
