import { combineChecks, lengthTest, numberTest, stringTest, type Test } from './fast-checks.js'
import type { Schema } from './standard.js'
import { isZodInteger, type ZodCheckDef, type ZodDef, zodChecks, zodDef, zodEnumValues } from './zod-def.js'

/** Returned by an emitter when the value does not pass: the caller then asks the real validator. */
export const FAIL: unique symbol = Symbol('brisk.schema.fail')

/**
 * Checks one value and returns the JSON text of zod's output for it (declared keys only, defaults
 * filled in), undefined where JSON.stringify would leave the value out, or FAIL. Built once per
 * response schema from plain closures (no code strings), and writing JSON directly instead of
 * building an object for JSON.stringify to walk again.
 */
export type Emitter = (value: unknown) => string | undefined | typeof FAIL

/**
 * JSON text of a string. Most response strings need no escaping; scanning for the characters
 * JSON.stringify would escape (quote, backslash, controls, lone surrogates) avoids calling it.
 */
export function quote(s: string): string {
  if (s.length > 64) return JSON.stringify(s)
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 32 || c === 34 || c === 92 || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s)
  }
  return `"${s}"`
}

function scalar(
  def: ZodDef,
  typeTest: Test,
  toTest: (c: ZodCheckDef) => Test | undefined,
  write: (v: any) => string,
) {
  const checks = combineChecks(def, toTest)
  if (checks === undefined) return undefined
  if (checks === null) return (v: unknown) => (typeTest(v) ? write(v) : FAIL)
  return (v: unknown) => (typeTest(v) && checks(v) ? write(v) : FAIL)
}

const isString: Test = (v) => typeof v === 'string'
const isBoolean: Test = (v) => typeof v === 'boolean'
const isDate: Test = (v) => v instanceof Date && !Number.isNaN(v.getTime())
const writeNumber = (v: number) => String(v)
const writeBoolean = (v: boolean) => (v ? 'true' : 'false')
const writeDate = (v: Date) => `"${v.toISOString()}"`
const noChecks = () => undefined

function emitNumber(def: ZodDef): Emitter | undefined {
  if (def.format !== undefined && def.format !== 'safeint') return undefined
  return scalar(def, isZodInteger(def) ? Number.isSafeInteger : Number.isFinite, numberTest, writeNumber)
}

/** Enum and literal values, with their JSON text prepared once. */
function emitChoice(values: unknown[]): Emitter | undefined {
  if (!values.every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))) return undefined
  const texts = new Map(values.map((v) => [v, JSON.stringify(v)]))
  return (v) => texts.get(v) ?? FAIL
}

function emitArray(def: ZodDef): Emitter | undefined {
  const item = def.element === undefined ? undefined : compileEmit(def.element)
  const checks = combineChecks(def, lengthTest)
  if (item === undefined || checks === undefined) return undefined
  return (v) => {
    if (!Array.isArray(v) || (checks !== null && !checks(v))) return FAIL
    if (v.length === 0) return '[]'
    let out = '['
    for (let i = 0; i < v.length; i++) {
      const text = item(v[i])
      if (text === FAIL) return FAIL
      // JSON.stringify writes an undefined array element as null.
      out += i === 0 ? (text ?? 'null') : `,${text ?? 'null'}`
    }
    return `${out}]`
  }
}

function emitObject(def: ZodDef): Emitter | undefined {
  const catchall = zodDef(def.catchall)?.type
  if ((catchall !== undefined && catchall !== 'never') || zodChecks(def).length > 0) return undefined
  const keys = Object.keys(def.shape ?? {})
  const emitters: Emitter[] = []
  for (const key of keys) {
    const emitter = compileEmit(def.shape![key]!)
    if (emitter === undefined) return undefined
    emitters.push(emitter)
  }
  const prefixes = keys.map((key) => `${JSON.stringify(key)}:`)
  const known = new Set(keys)
  const strict = catchall === 'never'
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL
    const input = v as Record<string, unknown>
    if (strict) for (const key in input) if (!known.has(key)) return FAIL
    let out = '{'
    for (let i = 0; i < keys.length; i++) {
      const text = emitters[i]!(input[keys[i]!])
      if (text === FAIL) return FAIL
      if (text === undefined) continue
      out += out.length === 1 ? prefixes[i] + text : `,${prefixes[i]}${text}`
    }
    return `${out}}`
  }
}

function emitWrapper(def: ZodDef): Emitter | undefined {
  const inner = def.innerType === undefined ? undefined : compileEmit(def.innerType)
  if (inner === undefined) return undefined
  if (def.type === 'optional') return (v) => (v === undefined ? undefined : inner(v))
  if (def.type === 'nullable') return (v) => (v === null ? 'null' : inner(v))
  // zod returns the default unvalidated (unlike `prefault`); the getter hands out a fresh copy.
  if (def.type === 'default') return (v) => (v === undefined ? JSON.stringify(def.defaultValue) : inner(v))
  return undefined
}

/**
 * Compiles the fast emitter for a zod schema made only of the common subset (objects, arrays,
 * strings, numbers, booleans, null, dates, enums, literals, optional/nullable/default and simple
 * bound checks); undefined for anything else (refinements, transforms, unions, records, `unknown`…),
 * whose outputs only the real validator and the app's encoder can produce.
 */
export function compileEmit(schema: Schema): Emitter | undefined {
  const def = zodDef(schema)
  if (def === undefined || def.coerce === true) return undefined
  switch (def.type) {
    case 'string':
      return def.format === undefined ? scalar(def, isString, stringTest, quote) : undefined
    case 'number':
      return emitNumber(def)
    case 'boolean':
      return scalar(def, isBoolean, noChecks, writeBoolean)
    case 'null':
      return (v) => (v === null ? 'null' : FAIL)
    case 'date':
      return scalar(def, isDate, noChecks, writeDate)
    case 'enum':
      return emitChoice(zodEnumValues(def))
    case 'literal':
      return emitChoice(def.values ?? [])
    case 'array':
      return emitArray(def)
    case 'object':
      return emitObject(def)
    case 'optional':
    case 'nullable':
    case 'default':
      return emitWrapper(def)
    default:
      return undefined
  }
}
