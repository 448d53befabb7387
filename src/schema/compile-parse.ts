import { codePointLength, EmitScope, FAIL } from './emit-scope.js'
import {
  arrayFailure,
  checksFailure,
  numberFailure,
  numberFormatFailure,
  stringFailure,
} from './fast-checks.js'
import type { Schema } from './standard.js'
import { type ZodCheckDef, type ZodDef, zodChecks, zodDef } from './zod-def.js'

/** Checks a parsed JSON value and returns zod's output for it (a new value), or FAIL. */
export type Parser = (value: unknown) => unknown

interface ZodInternals {
  optin?: 'optional' | 'defaulted'
  optout?: 'optional'
  values?: Set<unknown>
}

const internals = (schema: Schema) => (schema as { _zod?: ZodInternals })._zod ?? {}

const failIf = (condition: string) => (condition === '' ? '' : `if (${condition}) return F\n`)

/**
 * Statements that check the value in variable `v` and assign zod's output for it to the variable
 * `out`, or `return F`. Schemas outside the subset are handed to zod for that value alone
 * (`delegate`), so one refinement deep inside a body costs only its own validation.
 */
function parseNode(schema: Schema, v: string, out: string, scope: EmitScope): string {
  const def = zodDef(schema)
  if (def === undefined || def.coerce === true) return delegate(schema, v, out, scope)
  const plain = zodChecks(def).length === 0
  switch (def.type) {
    case 'string': {
      const format = def.format === undefined ? '' : stringFailure(def as unknown as ZodCheckDef, v, scope)
      const checks = checksFailure(def, v, scope, stringFailure)
      if (format === undefined || checks === undefined) break
      return `if (typeof ${v} !== 'string') return F\n${failIf(format)}${failIf(checks)}${out} = ${v}`
    }
    case 'number': {
      // zod 4 numbers are finite; an integer format (`z.int()`) implies it.
      const format = def.format === undefined ? `!Number.isFinite(${v})` : numberFormatFailure(def.format, v)
      const checks = checksFailure(def, v, scope, numberFailure)
      if (format === undefined || checks === undefined) break
      const finite =
        def.format === 'float32' || def.format === 'float64' ? failIf(`!Number.isFinite(${v})`) : ''
      return `if (typeof ${v} !== 'number') return F\n${finite}${failIf(format)}${failIf(checks)}${out} = ${v}`
    }
    case 'boolean':
      if (!plain) break
      return `if (typeof ${v} !== 'boolean') return F\n${out} = ${v}`
    case 'null':
      if (!plain) break
      return `if (${v} !== null) return F\n${out} = null`
    case 'enum':
    case 'literal': {
      // zod's own Set of accepted values, so the same SameValueZero membership.
      const values = internals(schema).values
      if (!plain || !(values instanceof Set)) break
      return `if (!${scope.arg(values)}.has(${v})) return F\n${out} = ${v}`
    }
    case 'array':
      return parseArray(schema, def, v, out, scope)
    case 'object':
      return parseObject(schema, def, v, out, scope)
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      if (!plain || def.innerType === undefined) break
      return parseWrapper(schema, def, def.innerType, v, out, scope)
  }
  return delegate(schema, v, out, scope)
}

/** zod itself validates this value: its output, or F when it reports issues (or is async). */
function delegate(schema: Schema, v: string, out: string, scope: EmitScope): string {
  const r = scope.local('r')
  return (
    `const ${r} = ${scope.arg(schema)}['~standard'].validate(${v})\n` +
    `if (${r} instanceof Promise || ${r}.issues !== undefined) return F\n${out} = ${r}.value`
  )
}

function parseArray(schema: Schema, def: ZodDef, v: string, out: string, scope: EmitScope): string {
  const checks = checksFailure(def, v, scope, arrayFailure)
  if (def.element === undefined || checks === undefined) return delegate(schema, v, out, scope)
  const [a, i, e] = [scope.local('a'), scope.local('i'), scope.local('e')]
  const element = parseNode(def.element, `${v}[${i}]`, e, scope)
  return (
    `if (!Array.isArray(${v})) return F\n${failIf(checks)}const ${a} = new Array(${v}.length)\n` +
    `for (let ${i} = 0; ${i} < ${v}.length; ${i}++) {\nlet ${e}\n${element}\n${a}[${i}] = ${e}\n}\n${out} = ${a}`
  )
}

/**
 * Wrappers, as zod runs them: nullable passes null; optional passes undefined; default gives
 * `defaultValue` (read per value: zod calls a function default, or copies a default object, each
 * time) unvalidated, for undefined in or out; readonly freezes the output.
 */
function parseWrapper(
  schema: Schema,
  def: ZodDef,
  inner: Schema,
  v: string,
  out: string,
  scope: EmitScope,
): string {
  const body = parseNode(inner, v, out, scope)
  switch (def.type) {
    case 'nullable':
      return `if (${v} === null) ${out} = null\nelse {\n${body}\n}`
    case 'optional':
      // z.exactOptional lets a key be absent but a value never be undefined: zod runs the inner schema.
      if ((schema as { _zod?: { traits?: Set<string> } })._zod?.traits?.has('$ZodExactOptional') === true)
        return body
      // An optional default is rare and subtle (zod's handleOptionalResult): zod decides.
      if (internals(inner).optin === 'defaulted') return delegate(schema, v, out, scope)
      return `if (${v} === undefined) ${out} = undefined\nelse {\n${body}\n}`
    case 'default': {
      const d = scope.arg(def)
      return `if (${v} === undefined) ${out} = ${d}.defaultValue\nelse {\n${body}\nif (${out} === undefined) ${out} = ${d}.defaultValue\n}`
    }
    default:
      return `${body}\n${out} = Object.freeze(${out})`
  }
}

/**
 * An object in zod's strip mode (no catchall, no object-level checks): a new object with the
 * declared keys in declaration order, each set as zod's `handlePropertyResult` decides from the
 * field's optionality and whether the key is `in` the input. A definition met a second time
 * (shared, or recursive through a getter) gets one generated function, able to call itself.
 */
function parseObject(schema: Schema, def: ZodDef, v: string, out: string, scope: EmitScope): string {
  if (def.catchall !== undefined || zodChecks(def).length > 0) return delegate(schema, v, out, scope)
  const shape = def.shape ?? {}
  const keys = Object.keys(shape)
  // zod skips a declared __proto__ and validates symbol keys JSON never shows: both left to zod.
  if (keys.includes('__proto__') || Object.getOwnPropertySymbols(shape).length > 0) {
    return delegate(schema, v, out, scope)
  }
  if (!scope.objects.has(def) && !scope.inlined.has(def)) {
    scope.inlined.add(def)
    return parseFields(shape, keys, v, out, scope)
  }
  let name = scope.objects.get(def)
  if (name === undefined) {
    name = scope.local('object')
    scope.objects.set(def, name)
    scope.declare(`function ${name}(x) {\nlet o\n${parseFields(shape, keys, 'x', 'o', scope)}\nreturn o\n}`)
  }
  return `${out} = ${name}(${v})\nif (${out} === F) return F`
}

function parseFields(
  shape: Record<string, Schema>,
  keys: string[],
  x: string,
  out: string,
  scope: EmitScope,
): string {
  const o = scope.local('o')
  const lines = [
    `if (typeof ${x} !== 'object' || ${x} === null || Array.isArray(${x})) return F`,
    `const ${o} = {}`,
  ]
  for (const key of keys) {
    const field = shape[key]!
    const k = JSON.stringify(key)
    const [v, r] = [scope.local('v'), scope.local('r')]
    const { optin, optout } = internals(field)
    const present = `${k} in ${x}`
    lines.push(`const ${v} = ${x}[${k}]`)
    // zod: an absent key of an optional field contributes nothing, whatever the field makes of undefined.
    const skipAbsent = optin === 'optional' && optout === 'optional'
    if (skipAbsent) lines.push(`if (${v} !== undefined || ${present}) {`)
    // zod: an absent key of a required field is an issue even when the field accepts undefined.
    else if (optin === undefined) lines.push(`if (!(${present})) return F`)
    lines.push(`let ${r}`, parseNode(field, v, r, scope))
    // zod keeps an undefined output for a present key, and for an absent one only where a default
    // rung without optional output stands (`handlePropertyResult`).
    const keepUndefined = optin === 'defaulted' && optout !== 'optional' ? 'true' : present
    lines.push(`if (${r} !== undefined) ${o}[${k}] = ${r}\nelse if (${keepUndefined}) ${o}[${k}] = undefined`)
    if (skipAbsent) lines.push('}')
  }
  lines.push(`${out} = ${o}`)
  return lines.join('\n')
}

/**
 * Compiles a fast parser for a zod object or array schema, for values made by `JSON.parse`: plain
 * objects, arrays and scalars. The generated JavaScript (`new Function`, once per schema, as zod
 * compiles its own object parsers and Fastify its validators) checks each declared key with
 * `typeof`, the schema's bounds and formats, and builds zod's output in place, with no closure
 * call, issue list or result object per field; parts outside the subset are validated by zod
 * itself. A value the parser refuses (F) is then validated by zod in full, so errors, lax coercion
 * and every output the parser does not produce stay zod's own. Undefined for other schemas.
 */
export function compileParse(schema: Schema): Parser | undefined {
  const type = zodDef(schema)?.type
  if (type !== 'object' && type !== 'array') return undefined
  const scope = new EmitScope()
  const body = `let out\n${parseNode(schema, 'value', 'out', scope)}\nreturn out`
  try {
    return scope.compile<Parser>(body, { F: FAIL, cp: codePointLength })
  } catch {
    // Code generation disallowed (`--disallow-code-generation-from-strings`, a CSP): zod decides.
    return undefined
  }
}
