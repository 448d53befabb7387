/** Deeper than this the fast check gives up and lets the cycle-aware encoder decide. */
const FAST_PATH_DEPTH = 64

/**
 * Turns a value into one `JSON.stringify` prints as FastAPI's `jsonable_encoder` would, for the
 * JavaScript twins of the Python types it knows:
 *
 * - `Date` → ISO 8601 string (`isoformat()`); an invalid Date → `null`
 * - `bigint` → number when it is a safe integer, else its decimal string (no precision loss)
 * - `Set` and other iterables → arrays; `Map` → object with stringified keys
 * - `Uint8Array` / `Buffer` → UTF-8 text (`bytes.decode()`); `URL` → `href`; `RegExp` → `source`
 * - objects with `toJSON` → its result; class instances → their own enumerable properties
 * - `NaN` and `±Infinity` → `null` (Pydantic's `ser_json_inf_nan='null'`)
 * - `undefined`, functions and symbols → dropped from objects, `null` in arrays
 *
 * @throws TypeError on a cyclic structure, which the app turns into a 500.
 * @example
 * toJsonable({ at: new Date(0), tags: new Set(['a']) }) // { at: '1970-01-01T00:00:00.000Z', tags: ['a'] }
 */
export function toJsonable(value: unknown): unknown {
  return encode(value, new Set())
}

/**
 * Serialises a response body: compact JSON, non-ASCII kept as-is, as FastAPI's `JSONResponse`.
 * Values that are already plain JSON (plain objects and arrays of strings, finite numbers,
 * booleans and null) go straight to `JSON.stringify` with no copy; anything else is first passed
 * through `toJsonable`.
 *
 * @throws TypeError on a cyclic structure.
 * @example
 * stringifyJson({ id: 1n, at: new Date(0) }) // '{"id":1,"at":"1970-01-01T00:00:00.000Z"}'
 */
export function stringifyJson(value: unknown): string {
  const json = JSON.stringify(isPlainJson(value, 0) ? value : encode(value, new Set()))
  // `JSON.stringify(undefined)` is undefined; FastAPI sends `null` for a handler returning None.
  return json === undefined ? 'null' : json
}

/**
 * One walk that answers "would JSON.stringify print this exactly as toJsonable would?". It never
 * allocates; too deep (maybe cyclic) answers no, and the slow path reports the cycle.
 */
function isPlainJson(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value)
    case 'object': {
      if (value === null) return true
      if (depth > FAST_PATH_DEPTH) return false
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], depth + 1)) return false
        return true
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) return false
      const record = value as Record<string, unknown>
      for (const key in record) {
        const item = record[key]
        // JSON.stringify drops these from objects exactly as toJsonable does.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') {
          if (key === 'toJSON') return false
          continue
        }
        if (!isPlainJson(item, depth + 1)) return false
      }
      return true
    }
    default:
      return false
  }
}

function encode(value: unknown, ancestors: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) ? value : null
    case 'bigint':
      return value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER
        ? Number(value)
        : String(value)
    case 'object':
      if (value === null) return null
      if (ancestors.has(value)) throw new TypeError('Cannot serialise a cyclic structure to JSON')
      ancestors.add(value)
      try {
        return encodeObject(value, ancestors)
      } finally {
        ancestors.delete(value)
      }
    default:
      return undefined // undefined, functions and symbols
  }
}

function encodeObject(value: object, ancestors: Set<object>): unknown {
  if (Array.isArray(value)) return value.map((item) => encode(item, ancestors) ?? null)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  // Before toJSON: Buffer#toJSON gives `{type: 'Buffer', data}`, FastAPI gives the decoded text.
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString()
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString()
  if (ArrayBuffer.isView(value))
    return Array.from(value as unknown as ArrayLike<number | bigint>, (n) => encode(n, ancestors))
  if (value instanceof URL) return value.href
  if (value instanceof RegExp) return value.source
  if (value instanceof String || value instanceof Number || value instanceof Boolean) {
    return encode(value.valueOf(), ancestors)
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON
  if (typeof toJSON === 'function') return encode(toJSON.call(value, ''), ancestors)
  if (value instanceof Map) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of value) setProperty(out, mapKey(key, ancestors), encode(item, ancestors))
    return out
  }
  if (value instanceof Set) return Array.from(value, (item) => encode(item, ancestors) ?? null)
  // Generators and other iterables become lists, as in jsonable_encoder.
  if (typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return Array.from(value as Iterable<unknown>, (item) => encode(item, ancestors) ?? null)
  }
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value))
    setProperty(out, key, encode((value as Record<string, unknown>)[key], ancestors))
  return out
}

function mapKey(key: unknown, ancestors: Set<object>): string {
  if (typeof key === 'string') return key
  const encoded = encode(key, ancestors)
  return typeof encoded === 'string' ? encoded : (JSON.stringify(encoded) ?? String(key))
}

/** Drops `undefined`; writes `__proto__` as an own property instead of changing the prototype. */
function setProperty(out: Record<string, unknown>, key: string, item: unknown): void {
  if (item === undefined) return
  if (key === '__proto__')
    Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true })
  else out[key] = item
}
