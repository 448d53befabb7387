import { asc, eq } from 'drizzle-orm'
import { categories } from '../db/schema.js'
import type { Db } from '../db/session.js'
import { ConflictError, isForeignKeyViolation, isUniqueViolation, NotFoundError } from './errors.js'

export type CategoryRow = typeof categories.$inferSelect
type CategoryChanges = Partial<Omit<CategoryRow, 'id'>>

const notFound = (id: number) => new NotFoundError(`Category ${id} not found`)

/** Runs a write, answering a taken slug with a 409 rather than a 500. */
async function guardSlug<T>(slug: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A category with the slug "${slug}" already exists`)
    throw error
  }
}

export function listCategories(db: Db): Promise<CategoryRow[]> {
  return db.select().from(categories).orderBy(asc(categories.name), asc(categories.id))
}

export async function getCategory(db: Db, id: number): Promise<CategoryRow> {
  const [row] = await db.select().from(categories).where(eq(categories.id, id))
  if (row === undefined) throw notFound(id)
  return row
}

export function createCategory(db: Db, category: Omit<CategoryRow, 'id'>): Promise<CategoryRow> {
  return guardSlug(category.slug, async () => (await db.insert(categories).values(category).returning())[0]!)
}

export async function updateCategory(db: Db, id: number, changes: CategoryChanges): Promise<CategoryRow> {
  // An empty PATCH changes nothing, and Drizzle refuses an UPDATE without a SET.
  if (Object.keys(changes).length === 0) return getCategory(db, id)
  const [row] = await guardSlug(changes.slug, () =>
    db.update(categories).set(changes).where(eq(categories.id, id)).returning(),
  )
  if (row === undefined) throw notFound(id)
  return row
}

export async function deleteCategory(db: Db, id: number): Promise<void> {
  try {
    const deleted = await db.delete(categories).where(eq(categories.id, id)).returning({ id: categories.id })
    if (deleted.length === 0) throw notFound(id)
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new ConflictError(`Category ${id} still has products`)
    throw error
  }
}
