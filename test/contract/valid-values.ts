// Values a JSON Schema accepts, drawn from a seeded PRNG: the "valid" half of the contract test's
// requests. Each value is checked with Ajv afterwards, so a slip here shows as a generator error,
// never as a false alarm about the server.
import fc from 'fast-check'
import type { JsonSchema, SchemaValidator } from './schema-validator.js'
import type { SeededRandom } from './seeded-random.js'

/** What generation needs besides the schema. */
export interface GenerateContext {
  random: SeededRandom
  schemas: SchemaValidator
  /**
   * Keep strings to characters any header, cookie or URL carries unescaped, and non-empty: an
   * empty parameter or form field reads as a missing one (FastAPI's `_get_multidict_value`).
   */
  plain?: boolean
  /** Leave out `null` where a schema allows something else (parameters cannot carry null). */
  avoidNull?: boolean
}

const MAX_DEPTH = 6

/** A value `schema` accepts. */
export function validValue(schema: JsonSchema, context: GenerateContext, depth = 0): unknown {
  const { random } = context
  const node = context.schemas.resolve(schema)
  if ('const' in node) return node.const
  if (Array.isArray(node.enum)) return random.pick(nonNull(node.enum, context))
  const branches = (node.oneOf ?? node.anyOf) as JsonSchema[] | undefined
  if (branches !== undefined) {
    const { oneOf: _o, anyOf: _a, ...rest } = node
    const usable = context.avoidNull
      ? branches.filter((b) => context.schemas.resolve(b).type !== 'null')
      : branches
    return validValue({ ...rest, ...random.pick(usable) }, context, depth + 1)
  }
  if (Array.isArray(node.allOf) && node.allOf.length === 1) {
    const { allOf, ...rest } = node
    return validValue({ ...rest, ...(allOf[0] as JsonSchema) }, context, depth + 1)
  }
  const type = Array.isArray(node.type) ? random.pick(nonNull(node.type, context)) : node.type
  switch (type) {
    case 'null':
      return null
    case 'boolean':
      return random.chance(0.5)
    case 'integer':
      return integerIn(node, context)
    case 'number':
      return numberIn(node, context)
    case 'string':
      return stringFor(node, context)
    case 'array':
      return arrayFor(node, context, depth)
    case 'object':
      return objectFor(node, context, depth)
    default:
      // `{}` (any value): a scalar keeps the request simple.
      return random.pick(['anything', 42, true])
  }
}

function nonNull<T>(items: readonly T[], context: GenerateContext): T[] {
  const kept = items.filter((item) => item !== null && item !== 'null')
  return context.avoidNull && kept.length > 0 ? kept : [...items]
}

/** The inclusive bounds of a numeric schema, exclusive bounds moved inwards by `step`. */
export function numericBounds(node: JsonSchema, step: number): [number, number] {
  let low = typeof node.minimum === 'number' ? node.minimum : -1000
  let high = typeof node.maximum === 'number' ? node.maximum : 1000
  if (typeof node.exclusiveMinimum === 'number') low = Math.max(low, node.exclusiveMinimum + step)
  if (typeof node.exclusiveMaximum === 'number') high = Math.min(high, node.exclusiveMaximum - step)
  if (high - low > 2000) high = low + 2000
  return [low, high]
}

function integerIn(node: JsonSchema, { random }: GenerateContext): number {
  const [low, high] = numericBounds(node, 1)
  return random.int(Math.ceil(low), Math.floor(high))
}

function numberIn(node: JsonSchema, { random }: GenerateContext): number {
  const [low, high] = numericBounds(node, 0.01)
  if (typeof node.multipleOf === 'number') {
    const step = node.multipleOf
    return random.int(Math.ceil(low / step), Math.floor(high / step)) * step
  }
  return Math.round((low + random.next() * (high - low)) * 100) / 100
}

function stringFor(node: JsonSchema, context: GenerateContext): string {
  const { random } = context
  const min = Math.max(typeof node.minLength === 'number' ? node.minLength : 0, context.plain ? 1 : 0)
  const max = typeof node.maxLength === 'number' ? node.maxLength : Number.POSITIVE_INFINITY
  const candidate = typeof node.format === 'string' ? formatted(node.format, random) : undefined
  const pattern = typeof node.pattern === 'string' ? new RegExp(node.pattern, 'u') : undefined
  const fits = (s: string) => s.length >= min && s.length <= max && (pattern === undefined || pattern.test(s))
  if (candidate !== undefined && fits(candidate)) return candidate
  if (pattern !== undefined) {
    const samples = fc.sample(fc.stringMatching(pattern, { size: 'small' }), {
      seed: random.int(0, 2 ** 31 - 1),
      numRuns: 50,
    })
    const found = samples.find((s) => fits(s) && (!context.plain || /^[\x21-\x7e]*$/.test(s)))
    if (found !== undefined) return found
  }
  return random.string(random.int(min, Math.min(max, min + 12)))
}

/** A value of a JSON Schema format, or undefined for formats this generator does not know. */
function formatted(format: string, random: SeededRandom): string | undefined {
  const two = (n: number) => String(n).padStart(2, '0')
  const date = () => `20${two(random.int(0, 39))}-${two(random.int(1, 12))}-${two(random.int(1, 28))}`
  const time = () => `${two(random.int(0, 23))}:${two(random.int(0, 59))}:${two(random.int(0, 59))}`
  const hex = (n: number) => random.string(n, '0123456789abcdef')
  switch (format) {
    case 'date':
      return date()
    case 'date-time':
      return `${date()}T${time()}${random.pick(['Z', '+02:00', '-05:30', '.123Z'])}`
    case 'time':
      return time()
    case 'uuid':
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${random.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`
    case 'email':
      return `${random.string(6, 'abcdefghij')}@example.com`
    case 'uri':
      return `https://example.com/${random.string(5)}`
    default:
      return undefined
  }
}

function arrayFor(node: JsonSchema, context: GenerateContext, depth: number): unknown[] {
  const min = typeof node.minItems === 'number' ? node.minItems : 0
  const max = typeof node.maxItems === 'number' ? node.maxItems : min + 3
  const length = depth >= MAX_DEPTH ? min : context.random.int(min, Math.min(max, min + 3))
  const prefix = (node.prefixItems ?? []) as JsonSchema[]
  const items = (node.items ?? {}) as JsonSchema
  const out: unknown[] = []
  for (let i = 0; i < Math.max(length, prefix.length); i++) {
    const value = validValue(prefix[i] ?? items, context, depth + 1)
    // Unique items: a repeat is dropped rather than retried (the minimum is kept small anyway).
    if (node.uniqueItems && out.some((seen) => JSON.stringify(seen) === JSON.stringify(value))) continue
    out.push(value)
  }
  return out
}

function objectFor(node: JsonSchema, context: GenerateContext, depth: number): Record<string, unknown> {
  const properties = (node.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((node.required ?? []) as string[])
  const out: Record<string, unknown> = {}
  for (const [name, property] of Object.entries(properties)) {
    if (!required.has(name) && (depth >= MAX_DEPTH || context.random.chance(0.4))) continue
    out[name] = validValue(property, context, depth + 1)
  }
  return out
}
