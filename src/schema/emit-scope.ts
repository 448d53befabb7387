/** Returned by generated emitters when the value does not pass: the caller then asks the real validator. */
export const FAIL: unique symbol = Symbol('brisk.schema.fail')

// Control characters, quote, backslash and any surrogate: what JSON.stringify may escape. A lone
// surrogate is escaped (well-formed JSON.stringify), a paired one is not; both go to JSON.stringify.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/

/**
 * JSON text of a string, as JSON.stringify writes it. Most response strings need no escaping, so a
 * scan (a loop for short strings, a compiled regex for longer ones, as fast-json-stringify does)
 * avoids JSON.stringify's allocation and call for them.
 */
export function quote(s: string): string {
  const length = s.length
  if (length < 42) {
    for (let i = 0; i < length; i++) {
      const c = s.charCodeAt(i)
      if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s)
    }
    return '"' + s + '"'
  }
  return length < 5000 && !NEEDS_ESCAPE.test(s) ? '"' + s + '"' : JSON.stringify(s)
}

/**
 * Length in Unicode code points, which zod 4 uses for string length checks: a high surrogate
 * followed by a low one counts once, any other UTF-16 unit (a lone surrogate too) once each.
 */
export function codePointLength(s: string): number {
  let count = s.length
  for (let i = 0; i < s.length - 1; i++) {
    if ((s.charCodeAt(i) & 0xfc00) === 0xd800 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count--
      i++
    }
  }
  return count
}

/**
 * What a generated emitter is built from: the values it closes over and the helper functions it
 * declares. Every value the schema author supplied (enum values, regexes, defaults, key sets) is
 * handed to the generated code as a parameter, never written into its source, so no schema text
 * can become code. The only schema text in the source is key names, always through JSON.stringify,
 * which yields a JavaScript string literal and nothing else.
 */
export class EmitScope {
  readonly #names: string[] = []
  readonly #values: unknown[] = []
  readonly #functions: string[] = []
  #next = 0

  /** The generated function of each object definition already declared, by that definition. */
  readonly objects = new Map<object, string>()

  /** Object definitions already written in place once: a second use gets a function. */
  readonly inlined = new Set<object>()

  /** The parameter name under which the generated code sees `value`. */
  arg(value: unknown): string {
    const name = `c${this.#names.length}`
    this.#names.push(name)
    this.#values.push(value)
    return name
  }

  /** A local name not used anywhere else in the generated source. */
  local(prefix: string): string {
    return `${prefix}${this.#next++}`
  }

  /** Adds a function declaration (the code for one object schema) to the generated source. */
  declare(source: string): void {
    this.#functions.push(source)
  }

  /**
   * Compiles `body` (the top-level emitter's statements, reading `value`) with every declared
   * function and argument, once, at registration.
   */
  compile<T>(body: string, runtime: Record<string, unknown>): T {
    const names = [...Object.keys(runtime), ...this.#names]
    const values = [...Object.values(runtime), ...this.#values]
    const source = `'use strict'\n${this.#functions.join('\n')}\nreturn function emit(value) {\n${body}\n}`
    return new Function(...names, source)(...values) as T
  }
}
