import { codePointLength, EmitScope, FAIL, quote } from './emit-scope.js'
import {
  arrayFailure,
  checksFailure,
  numberFailure,
  numberFormatFailure,
  stringFailure,
} from './fast-checks.js'
import type { Schema } from './standard.js'
import { type ZodCheckDef, type ZodDef, zodChecks, zodDef } from './zod-def.js'

export { FAIL, quote }

/**
 * Checks one value and returns the JSON text of zod's output for it (declared keys only, defaults
 * filled in), undefined where JSON.stringify would leave the value out, or FAIL.
 */
export type Emitter = (value: unknown) => string | undefined | typeof FAIL

/**
 * Where a node's JSON goes: `put(expr)` is the statement that writes the text `expr` evaluates to,
 * `absent` the statement for a value JSON.stringify leaves out (an object key is dropped, an array
 * element becomes null).
 */
interface Sink {
  put: (expr: string) => string
  absent: string
}

interface ZodInternals {
  optin?: string
  values?: Set<unknown>
  traits?: Set<string>
}

const internals = (schema: Schema | undefined) => (schema as { _zod?: ZodInternals } | undefined)?._zod ?? {}

/** Statements that check the value in variable `v` and write its JSON to `sink`; undefined when unsupported. */
function emitNode(schema: Schema, v: string, sink: Sink, scope: EmitScope): string | undefined {
  const def = zodDef(schema)
  if (def === undefined || def.coerce === true) return undefined
  const plain = zodChecks(def).length === 0
  switch (def.type) {
    case 'string':
      return emitString(def, v, sink, scope)
    case 'number':
      return emitNumber(def, v, sink, scope)
    case 'boolean':
      return plain
        ? `if (typeof ${v} !== 'boolean') return F\n${sink.put(`(${v} ? 'true' : 'false')`)}`
        : undefined
    case 'null':
      return plain ? `if (${v} !== null) return F\n${sink.put(`'null'`)}` : undefined
    case 'date':
      // What JSON.stringify writes for a valid Date whose toJSON is the built-in one (`DJ`).
      return plain
        ? `if (!(${v} instanceof Date) || ${v}.toJSON !== DJ || Number.isNaN(${v}.getTime())) return F\n` +
            sink.put(`'"' + ${v}.toISOString() + '"'`)
        : undefined
    case 'enum':
    case 'literal':
      return plain ? emitChoice(schema, v, sink, scope) : undefined
    case 'array':
      return emitArray(def, v, sink, scope)
    case 'object': {
      const name = objectFunction(def, scope)
      if (name === undefined) return undefined
      const text = scope.local('t')
      return `const ${text} = ${name}(${v})\nif (${text} === F) return F\n${sink.put(text)}`
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
      return plain ? emitWrapper(schema, def, v, sink, scope) : undefined
    default:
      return undefined
  }
}

function emitString(def: ZodDef, v: string, sink: Sink, scope: EmitScope): string | undefined {
  // A format schema (`z.email()`) is its own check, with the format's pattern.
  const format = def.format === undefined ? '' : stringFailure(def as unknown as ZodCheckDef, v, scope)
  const checks = checksFailure(def, v, scope, stringFailure)
  if (format === undefined || checks === undefined) return undefined
  return `if (typeof ${v} !== 'string') return F\n${failIf(format)}${failIf(checks)}${sink.put(`q(${v})`)}`
}

function emitNumber(def: ZodDef, v: string, sink: Sink, scope: EmitScope): string | undefined {
  // zod 4 numbers are finite; an integer format (`z.int()`) implies it.
  const format = def.format === undefined ? `!Number.isFinite(${v})` : numberFormatFailure(def.format, v)
  const checks = checksFailure(def, v, scope, numberFailure)
  if (format === undefined || checks === undefined) return undefined
  const finite = def.format === 'float32' || def.format === 'float64' ? failIf(`!Number.isFinite(${v})`) : ''
  return `${finite}${failIf(format)}${failIf(checks)}${sink.put(`'' + ${v}`)}`
}

const failIf = (condition: string) => (condition === '' ? '' : `if (${condition}) return F\n`)

const CHOICE_TYPES = new Set(['string', 'boolean'])

/**
 * Enums and literals: one Map lookup both tests membership (zod's own `values` Set, so the same
 * SameValueZero equality) and yields the value's JSON text, prepared once.
 */
function emitChoice(schema: Schema, v: string, sink: Sink, scope: EmitScope): string | undefined {
  const values = internals(schema).values
  if (!(values instanceof Set)) return undefined
  const texts = new Map<unknown, string>()
  for (const value of values) {
    // NaN and Infinity have no JSON form of their own: the app's encoder decides what they become.
    if (
      typeof value === 'number' ? !Number.isFinite(value) : value !== null && !CHOICE_TYPES.has(typeof value)
    ) {
      return undefined
    }
    texts.set(value, JSON.stringify(value))
  }
  const text = scope.local('t')
  // A few values: compared in turn (the values and their texts are arguments, not source), which
  // avoids hashing the string; === and the Set's SameValueZero agree once NaN is excluded.
  const lookup =
    texts.size <= 8
      ? [...texts].map(([value, json]) => `${v} === ${scope.arg(value)} ? ${scope.arg(json)} : `).join('') +
        'undefined'
      : `${scope.arg(texts)}.get(${v})`
  return `const ${text} = ${lookup}\nif (${text} === undefined) return F\n${sink.put(text)}`
}

function emitArray(def: ZodDef, v: string, sink: Sink, scope: EmitScope): string | undefined {
  const checks = checksFailure(def, v, scope, arrayFailure)
  if (def.element === undefined || checks === undefined) return undefined
  const [out, i, item] = [scope.local('a'), scope.local('i'), scope.local('e')]
  const element = emitNode(
    def.element,
    item,
    {
      put: (x) => `${out} += ${i} === 0 ? ${x} : ',' + ${x}`,
      absent: `${out} += ${i} === 0 ? 'null' : ',null'`,
    },
    scope,
  )
  if (element === undefined) return undefined
  return (
    `if (!Array.isArray(${v})) return F\n${failIf(checks)}let ${out} = '['\n` +
    `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nconst ${item} = ${v}[${i}]\n${element}\n}\n` +
    sink.put(`${out} + ']'`)
  )
}

/**
 * Wrappers. optional: undefined is left out, unless the inner schema substitutes a default (zod's
 * "defaulted" rung); z.exactOptional refuses a present undefined, which only zod can tell from an
 * absent key. default: zod returns the default unvalidated, read per value because a function
 * default is called each time. readonly and catch: a value the inner schema accepts comes out
 * unchanged (catch's fallback only follows a failure, which goes to zod anyway).
 */
function emitWrapper(
  schema: Schema,
  def: ZodDef,
  v: string,
  sink: Sink,
  scope: EmitScope,
): string | undefined {
  const inner = def.innerType
  const body = inner === undefined ? undefined : emitNode(inner, v, sink, scope)
  if (inner === undefined || body === undefined) return undefined
  switch (def.type) {
    case 'optional': {
      if (internals(inner).optin === 'defaulted') return body
      return internals(schema).traits?.has('$ZodExactOptional') === true
        ? `if (${v} === undefined) return F\n${body}`
        : ifElse(`${v} === undefined`, sink.absent, body)
    }
    case 'nullable':
      return ifElse(`${v} === null`, sink.put(`'null'`), body)
    case 'default': {
      const text = scope.local('t')
      const fallback = `const ${text} = dj(${scope.arg(def)}.defaultValue)\nif (${text} === F) return F\n${sink.put(text)}`
      return ifElse(`${v} === undefined`, fallback, body)
    }
    default:
      return body
  }
}

const ifElse = (condition: string, then: string, otherwise: string) =>
  `if (${condition}) {\n${then}\n} else {\n${otherwise}\n}`

/** Whether JSON.stringify may leave the value out (an optional key given undefined). */
function mayBeAbsent(schema: Schema): boolean {
  const def = zodDef(schema)
  if (def?.innerType === undefined) return false
  if (def.type === 'optional' && internals(def.innerType).optin !== 'defaulted') return true
  return ['optional', 'nullable', 'readonly', 'catch'].includes(def.type) && mayBeAbsent(def.innerType)
}

/**
 * One generated function per object schema (`function objectN(x)`), shared by every place the
 * schema appears and able to call itself, so a recursive schema (a getter in the shape) compiles.
 */
function objectFunction(def: ZodDef, scope: EmitScope): string | undefined {
  const known = scope.objects.get(def)
  if (known !== undefined) return known
  const catchall = zodDef(def.catchall)?.type
  if ((catchall !== undefined && catchall !== 'never') || zodChecks(def).length > 0) return undefined
  const shape = def.shape ?? {}
  const keys = Object.keys(shape)
  // zod skips a declared __proto__ and validates symbol keys JSON never shows: both left to zod.
  if (keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length > 0) return undefined
  const name = scope.local('object')
  scope.objects.set(def, name)
  const lines = [
    `function ${name}(x) {`,
    `if (typeof x !== 'object' || x === null || Array.isArray(x)) return F`,
  ]
  // zod's strict mode reports every `for...in` key outside the shape.
  if (catchall === 'never') lines.push(`for (const k in x) if (!${scope.arg(new Set(keys))}.has(k)) return F`)
  if (keys.length === 0) return declare(scope, name, [...lines, `return '{}'`, '}'])
  // A first key always written starts the text with its brace; otherwise the text starts as '{'.
  const opened = !mayBeAbsent(shape[keys[0]!]!)
  lines.push(opened ? 'let j' : `let j = '{'`)
  // Whether a key was written before this one decides its comma: known while every earlier key is
  // either always written or never was, checked at run time after an optional one.
  let written: 'none' | 'some' | 'maybe' = 'none'
  for (const key of keys) {
    const field = shape[key]!
    const v = scope.local('v')
    const first = JSON.stringify(`${JSON.stringify(key)}:`)
    const next = JSON.stringify(`,${JSON.stringify(key)}:`)
    const prefix =
      written === 'none' ? first : written === 'some' ? next : `(j.length === 1 ? ${first} : ${next})`
    const put =
      opened && written === 'none'
        ? (x: string) => `j = ${JSON.stringify(`{${JSON.stringify(key)}:`)} + ${x}`
        : (x: string) => `j += ${prefix} + ${x}`
    const body = emitNode(field, v, { put, absent: '' }, scope)
    if (body === undefined) return undefined
    lines.push(`const ${v} = x[${JSON.stringify(key)}]`, body)
    written = !mayBeAbsent(field) ? 'some' : written === 'none' ? 'maybe' : written
  }
  return declare(scope, name, [...lines, `return j + '}'`, '}'])
}

function declare(scope: EmitScope, name: string, lines: string[]): string {
  scope.declare(lines.join('\n'))
  return name
}

/**
 * The JSON text of a default value, or FAIL to let zod and the app's encoder produce it. Primitives
 * are written here; arrays and plain objects by `encode`, as the slow path would; anything that
 * JSON would drop or refuse (undefined, functions, bigint, NaN) goes to the slow path.
 */
function defaultJson(encode: (value: unknown) => string) {
  return (d: unknown): string | typeof FAIL => {
    if (typeof d === 'string') return quote(d)
    if (typeof d === 'number') return Number.isFinite(d) ? '' + d : FAIL
    if (typeof d === 'boolean') return d ? 'true' : 'false'
    if (d === null) return 'null'
    if (typeof d !== 'object') return FAIL
    const proto = Object.getPrototypeOf(d)
    if (!Array.isArray(d) && proto !== Object.prototype && proto !== null) return FAIL
    try {
      return encode(d)
    } catch {
      return FAIL
    }
  }
}

/**
 * Compiles the fast emitter for a zod schema made only of the common subset (objects, arrays,
 * strings, numbers, booleans, null, dates, enums, literals, optional/nullable/default/readonly/catch
 * and simple checks); undefined for anything else (refinements, transforms, unions, records,
 * `unknown`…), whose outputs only the real validator and the app's encoder can produce.
 *
 * The emitter is JavaScript generated once per schema (`new Function`), as Fastify compiles its
 * serializers and zod its object parsers: straight-line code that reads each declared key once,
 * checks it with `typeof` and the schema's bounds, and appends JSON text, with no closure call or
 * intermediate object per field. Schema-supplied values reach it only as arguments (see EmitScope).
 */
export function compileEmit(schema: Schema, encode: (value: unknown) => string): Emitter | undefined {
  const scope = new EmitScope()
  const body = emitNode(schema, 'value', { put: (x) => `return ${x}`, absent: 'return undefined' }, scope)
  if (body === undefined) return undefined
  const runtime = {
    F: FAIL,
    q: quote,
    cp: codePointLength,
    dj: defaultJson(encode),
    DJ: Date.prototype.toJSON,
  }
  try {
    return scope.compile<Emitter>(body, runtime)
  } catch {
    // Code generation disallowed (`--disallow-code-generation-from-strings`, a CSP): zod decides.
    return undefined
  }
}
