import { HTTPException } from '../errors/http-exception.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; error: ValidationErrorItem }

/**
 * Deepest nesting accepted. Python's `json` gives up past the interpreter's recursion limit (1000)
 * and FastAPI answers that with a 400; deeper values would overflow the stack of the recursive
 * walks that follow (validation, the 422 `input` echo, the response encoder, user code): a 500.
 */
const MAX_DEPTH = 1000

// Text that could spell a prototype-poisoning key: literally, or through a `\u` escape.
const MAY_HIDE_POISON = /__proto__|constructor|\\u/

/**
 * Parses a JSON request body. Malformed JSON gives FastAPI's `json_invalid` error with the
 * character offset in `loc` (V8's message stands in for Python's in `ctx.error`).
 *
 * Two guards follow the parse, both over the parsed value rather than the text: `__proto__` keys
 * and `constructor.prototype` are dropped (prototype poisoning, as Fastify's secure-json-parse
 * guards: merging such an object into another pollutes it), and nesting deeper than 1000 levels
 * is a 400. One walk does both, and only when it can matter: for texts long enough to nest that
 * deep (d levels take at least 2d characters), or that contain something spelling a poisoned key.
 * Walking the parsed containers costs a fraction of scanning every character of the text or of a
 * `JSON.parse` reviver (bench/json-guards.mjs).
 */
export function parseJson(text: string): JsonBodyResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
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
  if (value !== null && typeof value === 'object') {
    if (text.length > 2 * MAX_DEPTH || MAY_HIDE_POISON.test(text)) {
      // FastAPI's "other exceptions" branch: a body it cannot decode is a 400.
      if (!sanitize(value, 1)) throw new HTTPException(400, 'There was an error parsing the body')
    }
  }
  return { ok: true, value }
}

/**
 * Drops poisoned keys from a parsed container and everything in it; false when it nests deeper
 * than MAX_DEPTH. Recursion is bounded by that depth, well within V8's stack.
 */
function sanitize(container: object, depth: number): boolean {
  if (depth > MAX_DEPTH) return false
  if (Array.isArray(container)) {
    for (let index = 0; index < container.length; index++) {
      const item: unknown = container[index]
      if (item !== null && typeof item === 'object' && !sanitize(item, depth + 1)) return false
    }
    return true
  }
  const record = container as Record<string, unknown>
  for (const key in record) {
    const item = record[key]
    // Checked before a poisoned key is dropped: a body too deep is refused whatever its keys.
    if (item !== null && typeof item === 'object' && !sanitize(item, depth + 1)) return false
    if (key === '__proto__' || (key === 'constructor' && isPrototypeHolder(item))) delete record[key]
  }
  return true
}

function isPrototypeHolder(value: unknown): boolean {
  return value !== null && typeof value === 'object' && 'prototype' in value
}
