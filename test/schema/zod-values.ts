// Zod schemas covering the fast paths' subset, and values shaped by a schema, shared by the tests
// of the generated serializer (compile-emit) and the generated body parser (compile-parse).
import fc from 'fast-check'
import { z } from 'zod'
import type { Schema } from '../../src/schema/standard.js'

export const Product = z.object({
  id: z.int(),
  name: z.string(),
  price: z.number(),
  in_stock: z.boolean(),
  tags: z.array(z.string()),
  category: z.enum(['books', 'electronics', 'garden', 'toys', 'food']),
})

interface TreeNode {
  label: string
  children: TreeNode[]
}
const Tree: z.ZodType<TreeNode> = z.object({
  label: z.string().max(3),
  get children() {
    return z.array(Tree).max(3)
  },
})

const Point = z.object({ x: z.number().optional(), y: z.number() })

/** Schemas the fast path must compile, each exercising a part of the subset. */
export const SUPPORTED: Record<string, Schema> = {
  product: z.array(Product),
  checked: z.object({
    id: z.int().gte(1).lt(1000),
    name: z.string().min(2).max(4),
    code: z
      .string()
      .length(2)
      .regex(/^[a-zé😀"]+$/gu),
    price: z.int().gt(0).lt(1e12).multipleOf(5),
    small: z.int32(),
    ratio: z.float32().optional(),
    tags: z.array(z.string().startsWith('a').endsWith('b')).min(1).max(2),
    mail: z.email().nullable(),
    grade: z.enum(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']),
    level: z.literal([0, -1, 2.5]),
  }),
  wrappers: z.object({
    note: z.string().nullable().optional(),
    kind: z.literal(['a', 1, true, null]).default('a'),
    count: z.int().default(3).optional(),
    flags: z.array(z.boolean()).default(() => [true]),
    meta: z.object({ a: z.number() }).default({ a: 1 }),
    frozen: z.object({ b: z.string() }).readonly(),
    safe: z.int().catch(0),
    when: z.date().optional(),
    nothing: z.null(),
    maybe: z.array(z.string().optional()),
  }),
  optionalFirst: z.object({
    a: z.int().optional(),
    b: z.string().optional(),
    c: z.boolean(),
    d: z.exactOptional(z.string()),
  }),
  strict: z.strictObject({ a: z.int(), b: z.object({ c: z.string() }).optional() }),
  nested: z.array(z.array(z.number().nullable().optional()).nullable()),
  numbers: z.array(z.array(z.number())),
  scalar: z.string().nullable(),
  shared: z.object({ a: Point, b: Point.optional(), list: z.array(Point), empty: z.object({}) }),
  tree: Tree,
}

/** Schemas outside the subset: the serializer must leave them wholly to zod. */
export const UNSUPPORTED: Record<string, Schema> = {
  refine: z.object({ a: z.int().refine((n) => n > 0) }),
  transform: z.string().transform((s) => s.length),
  union: z.union([z.int(), z.string()]),
  record: z.record(z.string(), z.int()),
  loose: z.looseObject({ a: z.int() }),
  tuple: z.tuple([z.int()]),
  unknown: z.object({ a: z.unknown() }),
  url: z.url(),
  trim: z.string().trim(),
  custom: z.stringFormat('email', (s) => s === 'x'),
  bigint: z.bigint(),
  coerce: z.coerce.number(),
  nan: z.literal([Number.NaN, 1]),
}

// Strings that need escaping, or look as if they do: quotes, backslashes, controls, U+2028,
// surrogate pairs and lone halves, and letters outside ASCII.
export const text = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({
    unit: fc.constantFrom('a', 'b', '"', '\\', '\n', '\u0000', '\u2028', 'é', '\ud83d', '\ude00', '😀'),
    maxLength: 6,
  }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.constantFrom('ab', 'a"b', 'ab\\', 'x@y.io', 'books', '😀😀', 'é', 'é😀', 'a😀b', 'z"'),
)

export const junk = fc.oneof(
  fc.constantFrom(undefined, null, Number.NaN, -0, 0, 1.5, Infinity, -Infinity, 2 ** 53, 'x', true, [], {}),
  fc.constantFrom(new Date(Number.NaN), new Date(0)),
  text,
  fc.anything({ maxDepth: 2 }),
)

export const accepts = (schema: Schema, value: unknown) =>
  (schema['~standard'].validate(value) as { issues?: unknown }).issues === undefined

/** Values shaped by the schema, most valid, some slightly wrong at any depth. */
export function valueFor(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const valid = validFor(schema, depth)
  return fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: junk, weight: 1 })
}

function validFor(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  const def = (schema as unknown as { _zod: { def: Record<string, any>; values?: Set<unknown> } })._zod.def
  const values = (schema as unknown as { _zod: { values?: Set<unknown> } })._zod.values
  switch (def.type) {
    // Leaves are filtered through the schema itself, so that objects of several checked fields
    // still come out valid often enough for the generated path to answer.
    case 'string':
      return text.filter((v) => accepts(schema, v))
    case 'number':
      return fc
        .oneof(fc.integer({ min: -5, max: 1005 }), fc.double(), fc.constantFrom(-0, 5, 10, 3.4e38, 1e39))
        .filter((v) => accepts(schema, v))
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'date':
      return fc.date()
    case 'enum':
    case 'literal':
      return fc.constantFrom(...values!)
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(valueFor(def.element, depth + 1), { maxLength: 3 })
    case 'object': {
      const shape = Object.fromEntries(
        Object.keys(def.shape).map((k) => [k, valueFor(def.shape[k], depth + 1)]),
      )
      const extra = fc.dictionary(fc.constantFrom('extra', 'id', 'toString', '__proto__', 'x"y'), junk, {
        maxKeys: 2,
      })
      return fc
        .tuple(fc.record(shape, { requiredKeys: [] }), fc.record(shape), extra, fc.nat(4))
        .map(([some, all, more, pick]) => ({ ...more, ...(pick === 0 ? some : all) }))
    }
    case 'catch':
    case 'readonly':
      return validFor(def.innerType, depth)
    case 'optional':
    case 'default':
      return fc.oneof(fc.constant(undefined), validFor(def.innerType, depth))
    case 'nullable':
      return fc.oneof(fc.constant(null), validFor(def.innerType, depth))
    default:
      return junk
  }
}
