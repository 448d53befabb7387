// Breaking a valid value the way clients get it wrong: a required field left out, a wrong type,
// a number out of bounds, a string too short, too long or badly formatted, a value outside an
// enum, a list too long. The result is checked with Ajv by the caller: only what the document
// itself rejects counts as invalid.
import type { JsonSchema } from './schema-validator.js'
import { type GenerateContext, numericBounds } from './valid-values.js'

/** One broken value and how it was broken (printed with a failing request). */
export interface Mutation {
  value: unknown
  /** e.g. `missing body.customer.email`, `out of bounds query.limit`. */
  how: string
}

/** `value` (valid for `schema`) broken at one random place; undefined if nothing can be broken. */
export function mutate(
  schema: JsonSchema,
  value: unknown,
  context: GenerateContext,
  at: string,
): Mutation | undefined {
  const node = context.schemas.resolve(schema)
  const { random } = context
  if (node.type === 'object' && isObject(value) && random.chance(0.7)) {
    const properties = (node.properties ?? {}) as Record<string, JsonSchema>
    const required = ((node.required ?? []) as string[]).filter((name) => name in value)
    const present = Object.keys(value).filter((name) => name in properties)
    if (required.length > 0 && random.chance(0.35)) {
      const name = random.pick(required)
      const { [name]: _gone, ...rest } = value
      return { value: rest, how: `missing ${at}.${name}` }
    }
    if (present.length > 0) {
      const name = random.pick(present)
      const inner = mutate(properties[name] as JsonSchema, value[name], context, `${at}.${name}`)
      if (inner !== undefined) return { value: { ...value, [name]: inner.value }, how: inner.how }
    }
  }
  if (node.type === 'array' && Array.isArray(value) && value.length > 0 && random.chance(0.5)) {
    const index = random.int(0, value.length - 1)
    const items = (node.items ?? {}) as JsonSchema
    const inner = mutate(items, value[index], context, `${at}[${index}]`)
    if (inner !== undefined) return { value: value.with(index, inner.value), how: inner.how }
  }
  const candidates = brokenValues(node, value, context)
  if (candidates.length === 0) return undefined
  const [how, broken] = random.pick(candidates)
  return { value: broken, how: `${how} ${at}` }
}

/** Replacements for a whole value that break one of `node`'s own constraints. */
function brokenValues(node: JsonSchema, value: unknown, context: GenerateContext): [string, unknown][] {
  const out: [string, unknown][] = []
  const types = Array.isArray(node.type) ? node.type : [node.type]
  if (Array.isArray(node.enum)) out.push(['not in enum', 'not-a-member'])
  if ('const' in node) out.push(['not the literal', 'not-the-literal'])
  if (types.includes('string')) {
    out.push(['wrong type', 12345])
    if (typeof node.minLength === 'number' && node.minLength > 0)
      out.push(['too short', 'a'.repeat(node.minLength - 1)])
    if (typeof node.maxLength === 'number') out.push(['too long', 'z'.repeat(node.maxLength + 1)])
    if (typeof node.format === 'string' || typeof node.pattern === 'string')
      out.push(['bad format', 'not-valid!'])
  }
  if (types.includes('integer') || types.includes('number')) {
    out.push(['wrong type', 'abc'])
    if (types.includes('integer')) out.push(['not an integer', 1.5])
    const [low, high] = numericBounds(node, 0)
    if ('minimum' in node || 'exclusiveMinimum' in node) out.push(['below the minimum', low - 1])
    if ('maximum' in node || 'exclusiveMaximum' in node) out.push(['above the maximum', high + 1])
  }
  if (types.includes('boolean')) out.push(['wrong type', 'maybe'])
  if (types.includes('array')) {
    out.push(['wrong type', { not: 'a list' }])
    if (typeof node.maxItems === 'number' && Array.isArray(value) && value.length > 0) {
      out.push(['too many items', Array.from({ length: node.maxItems + 1 }, () => value[0])])
    }
    if (typeof node.minItems === 'number' && node.minItems > 0) out.push(['too few items', []])
  }
  if (types.includes('object')) out.push(['wrong type', ['not', 'an', 'object']])
  if (node.anyOf !== undefined || node.oneOf !== undefined) {
    out.push(['no branch matches', { matches: 'no branch' }])
    out.push(['no branch matches', 'no-branch'])
  }
  if (!types.includes('null') && node.type !== undefined && !context.avoidNull) out.push(['null', null])
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
