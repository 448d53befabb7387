import { createDict } from './dict.js'
/** A header value as Node's `writeHead` takes it: `set-cookie` may hold several lines. */
export type HeaderValue = string | string[]

/** Headers given to a response helper: a plain object, pairs, or web `Headers`. */
export type HeadersInput = Record<string, string | string[]> | [string, string][] | Headers

/**
 * Response headers, case-insensitive, stored as a null-prototype object keyed by lowercase name
 * so the Node adapter hands it to `writeHead` without copying. `append` keeps several values
 * (for `set-cookie`); `set` replaces.
 */
export class ResponseHeaders {
  readonly #values: Record<string, HeaderValue> = createDict<HeaderValue>()

  constructor(init?: HeadersInput) {
    if (init !== undefined) this.merge(init)
  }

  get(name: string): string | undefined {
    const value = this.#values[name.toLowerCase()]
    return Array.isArray(value) ? value.join(', ') : value
  }

  /** Every value of a header, one per line it would take (`set-cookie`). */
  getAll(name: string): string[] {
    const value = this.#values[name.toLowerCase()]
    if (value === undefined) return []
    return Array.isArray(value) ? [...value] : [value]
  }

  has(name: string): boolean {
    return name.toLowerCase() in this.#values
  }

  set(name: string, value: string): this {
    this.#values[name.toLowerCase()] = value
    return this
  }

  append(name: string, value: string): this {
    const key = name.toLowerCase()
    const current = this.#values[key]
    if (current === undefined) this.#values[key] = value
    else if (Array.isArray(current)) current.push(value)
    else this.#values[key] = [current, value]
    return this
  }

  delete(name: string): this {
    delete this.#values[name.toLowerCase()]
    return this
  }

  /** Adds every header of `init`, replacing same-named ones (`set-cookie` lines are appended). */
  merge(init: HeadersInput): this {
    const entries =
      init instanceof Headers ? headersEntries(init) : Array.isArray(init) ? init : Object.entries(init)
    for (const [name, value] of entries) {
      if (Array.isArray(value)) for (const line of value) this.append(name, line)
      else if (name.toLowerCase() === 'set-cookie') this.append(name, value)
      else this.set(name, value)
    }
    return this
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name in this.#values) {
      const value = this.#values[name]!
      if (Array.isArray(value)) for (const line of value) yield [name, line]
      else yield [name, value]
    }
  }

  /** The backing object, for Node's `writeHead`; do not keep it past the response. */
  toObject(): Record<string, HeaderValue> {
    return this.#values
  }

  /** A web `Headers` with every line (each `set-cookie` kept separate). */
  toWebHeaders(): Headers {
    const headers = new Headers()
    for (const [name, value] of this.entries()) headers.append(name, value)
    return headers
  }
}

function headersEntries(headers: Headers): [string, string][] {
  const entries: [string, string][] = []
  headers.forEach((value, name) => {
    if (name !== 'set-cookie') entries.push([name, value])
  })
  for (const line of headers.getSetCookie()) entries.push(['set-cookie', line])
  return entries
}
