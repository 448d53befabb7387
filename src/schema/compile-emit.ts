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
 * Where a node's JSON goes. All of a value's text is appended to one string variable, `acc`, so
 * that nested objects and arrays add their pieces in place instead of building strings of their
 * own to be copied in again. `lead(text)` is the expression for whatever must come before the
 * value (a key, a comma) followed by the JSON text `text`, merged into one literal where both are
 * known; `put(expr)` the statement that writes the text `expr` evaluates to; `absent` the statement
 * for a value JSON.stringify leaves out (an object key is dropped, an array element becomes null).
 */
interface Sink {
  acc: string
  lead: (text: string) => string
  put: (expr: string) => string
  absent: string
  /** For an object's key: the expression telling whether the key is there (`in`, as zod asks). */
  present?: string
}

function sinkOf(acc: string, lead: (text: string) => string, absent: string): Sink {
  const put = (x: string) => (lead('') === '""' ? `${acc} += ${x}` : `${acc} += ${lead('')} + ${x}`)
  return { acc, lead, put, absent }
}

/** A JavaScript string literal for `text`: JSON.stringify's output is one. */
const literal = (text: string) => JSON.stringify(text)

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
        ? `if (typeof ${v} !== 'boolean') return F\n${sink.acc} += ${v} ? ${sink.lead('true')} : ${sink.lead('false')}`
        : undefined
    case 'null':
      return plain ? `if (${v} !== null) return F\n${sink.acc} += ${sink.lead('null')}` : undefined
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
    case 'object':
      return emitObject(def, v, sink, scope)
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
  const [i, item] = [scope.local('i'), scope.local('e')]
  const lead = (text: string) => `(${i} === 0 ? ${literal(text)} : ${literal(`,${text}`)})`
  const element = emitNode(def.element, item, sinkOf(sink.acc, lead, `${sink.acc} += ${lead('null')}`), scope)
  if (element === undefined) return undefined
  return (
    `if (!Array.isArray(${v})) return F\n${failIf(checks)}${sink.acc} += ${sink.lead('[')}\n` +
    `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nconst ${item} = ${v}[${i}]\n${element}\n}\n` +
    `${sink.acc} += ']'`
  )
}

/**
 * Wrappers. optional: undefined is left out, unless the inner schema substitutes a default (zod's
 * "defaulted" rung). default: zod returns the default unvalidated, read per value because a function
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
      // z.exactOptional lets a key be absent but not be undefined.
      const exact = internals(schema).traits?.has('$ZodExactOptional') === true
      const absent = !exact
        ? sink.absent
        : sink.present === undefined
          ? 'return F'
          : `if (${sink.present}) return F\n${sink.absent}`
      return ifElse(`${v} === undefined`, absent, body)
    }
    case 'nullable':
      return ifElse(`${v} === null`, `${sink.acc} += ${sink.lead('null')}`, body)
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
 * An object is written in place, in its parent's text. A definition met a second time (shared, or
 * recursive through a getter in the shape) gets one generated function (`objectN(x)`) instead,
 * able to call itself, so the source stays linear in the schema's size.
 */
function emitObject(def: ZodDef, v: string, sink: Sink, scope: EmitScope): string | undefined {
  if (!scope.objects.has(def) && !scope.inlined.has(def)) {
    scope.inlined.add(def)
    return emitFields(def, v, sink, scope)
  }
  const name = objectFunction(def, scope)
  if (name === undefined) return undefined
  const text = scope.local('t')
  return `const ${text} = ${name}(${v})\nif (${text} === F) return F\n${sink.put(text)}`
}

function objectFunction(def: ZodDef, scope: EmitScope): string | undefined {
  const known = scope.objects.get(def)
  if (known !== undefined) return known
  const name = scope.local('object')
  scope.objects.set(def, name)
  const body = emitFields(def, 'x', sinkOf('j', literal, ''), scope)
  if (body === undefined) return undefined
  scope.declare(`function ${name}(x) {\nlet j = ''\n${body}\nreturn j\n}`)
  return name
}

/** The statements that check the object in `x` and write its declared keys to the sink. */
function emitFields(def: ZodDef, x: string, sink: Sink, scope: EmitScope): string | undefined {
  const catchall = zodDef(def.catchall)?.type
  if ((catchall !== undefined && catchall !== 'never') || zodChecks(def).length > 0) return undefined
  const shape = def.shape ?? {}
  const keys = Object.keys(shape)
  // zod skips a declared __proto__ and validates symbol keys JSON never shows: both left to zod.
  if (keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length > 0) return undefined
  const lines = [`if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) return F`]
  // zod's strict mode reports every `for...in` key outside the shape.
  if (catchall === 'never')
    lines.push(`for (const k in ${x}) if (!${scope.arg(new Set(keys))}.has(k)) return F`)
  const { acc } = sink
  if (keys.length === 0) return [...lines, `${acc} += ${sink.lead('{}')}`].join('\n')
  // A first key always written carries the brace (and what leads the object); after an optional
  // first key, whether anything was written since the brace is read from the text's length.
  const opened = !mayBeAbsent(shape[keys[0]!]!)
  const start = scope.local('s')
  if (!opened) lines.push(`${acc} += ${sink.lead('{')}`, `const ${start} = ${acc}.length`)
  let written: 'none' | 'some' | 'maybe' = 'none'
  for (const key of keys) {
    const field = shape[key]!
    const v = scope.local('v')
    const name = `${JSON.stringify(key)}:`
    const lead =
      written === 'some'
        ? (text: string) => literal(`,${name}${text}`)
        : written === 'maybe'
          ? (text: string) =>
              `(${acc}.length === ${start} ? ${literal(name + text)} : ${literal(`,${name}${text}`)})`
          : opened
            ? (text: string) => sink.lead(`{${name}${text}`)
            : (text: string) => literal(name + text)
    const body = emitNode(field, v, { ...sinkOf(acc, lead, ''), present: `${literal(key)} in ${x}` }, scope)
    if (body === undefined) return undefined
    lines.push(`const ${v} = ${x}[${JSON.stringify(key)}]`, body)
    written = !mayBeAbsent(field) ? 'some' : written === 'none' ? 'maybe' : written
  }
  lines.push(`${acc} += '}'`)
  return lines.join('\n')
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
  const top = emitNode(schema, 'value', sinkOf('j', literal, 'return undefined'), scope)
  if (top === undefined) return undefined
  const body = `let j = ''\n${top}\nreturn j`
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
