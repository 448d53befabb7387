import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm'
import { categories, products } from '../db/schema.js'
import type { Db } from '../db/session.js'
import { ConflictError, isForeignKeyViolation, isUniqueViolation, NotFoundError } from './errors.js'

export type ProductRow = typeof products.$inferSelect
type NewProduct = Pick<ProductRow, 'slug' | 'name' | 'description' | 'price' | 'categoryId' | 'stock'>

export function toProduct(row: ProductRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    price: row.price,
    category_id: row.categoryId,
    stock: row.stock,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

const notFound = (id: number) => new NotFoundError(`Product ${id} not found`)

/** Runs a write, answering a taken slug or an unknown category with a 409 rather than a 500. */
async function guardWrite<T>(product: Partial<NewProduct>, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`A product with the slug "${product.slug}" already exists`)
    if (isForeignKeyViolation(error)) throw new ConflictError(`Category ${product.categoryId} does not exist`)
    throw error
  }
}

export interface ProductFilters {
  page: number
  limit: number
  /** A category's slug. */
  category?: string | undefined
  /** Words in the name or description. */
  q?: string | undefined
}

export async function listProducts(db: Db, filters: ProductFilters) {
  const conditions: (SQL | undefined)[] = []
  if (filters.category !== undefined) conditions.push(eq(categories.slug, filters.category))
  if (filters.q !== undefined && filters.q !== '') {
    // The words are data, not a pattern: % and _ in them match themselves.
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(or(ilike(products.name, pattern), ilike(products.description, pattern)))
  }
  const where = and(...conditions)
  const [rows, [total]] = await Promise.all([
    db
      .select({ product: products })
      .from(products)
      .innerJoin(categories, eq(products.categoryId, categories.id))
      .where(where)
      .orderBy(asc(products.name), asc(products.id))
      .limit(filters.limit)
      .offset((filters.page - 1) * filters.limit),
    db
      .select({ value: count() })
      .from(products)
      .innerJoin(categories, eq(products.categoryId, categories.id))
      .where(where),
  ])
  return { rows: rows.map((row) => row.product), total: total?.value ?? 0 }
}

export async function getProduct(db: Db, id: number): Promise<ProductRow> {
  const [row] = await db.select().from(products).where(eq(products.id, id))
  if (row === undefined) throw notFound(id)
  return row
}

export function createProduct(db: Db, product: NewProduct): Promise<ProductRow> {
  return guardWrite(product, async () => (await db.insert(products).values(product).returning())[0]!)
}

export async function updateProduct(db: Db, id: number, changes: Partial<NewProduct>): Promise<ProductRow> {
  const [row] = await guardWrite(changes, () =>
    db
      .update(products)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(products.id, id))
      .returning(),
  )
  if (row === undefined) throw notFound(id)
  return row
}

export async function deleteProduct(db: Db, id: number): Promise<void> {
  try {
    const deleted = await db.delete(products).where(eq(products.id, id)).returning({ id: products.id })
    if (deleted.length === 0) throw notFound(id)
  } catch (error) {
    // Orders keep their lines; a product that was sold stays (set its stock to 0 instead).
    if (isForeignKeyViolation(error))
      throw new ConflictError(`Product ${id} has been ordered; set its stock to 0 instead`)
    throw error
  }
}
