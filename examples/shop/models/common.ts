import { z } from 'zod'

/** The body of every error the shop answers itself: `{"detail": "Order 7 not found"}`. */
export const Message = z.object({ detail: z.string() }).meta({ id: 'Message' })

/** The query of a paged list: `?page=2&limit=20`. */
export const pageQuery = {
  page: z.int().min(1).default(1).describe('The page, from 1'),
  limit: z.int().min(1).max(100).default(20).describe('Items per page'),
}

/** A page of `item`s with the total count of the list, for pagers. */
export function pageOf<Item extends z.ZodType>(item: Item, id: string) {
  return z.object({ items: z.array(item), total: z.int(), page: z.int(), limit: z.int() }).meta({ id })
}

/** A URL-safe name: lowercase letters and digits in words joined by single hyphens. */
export const Slug = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lowercase letters and digits, words joined by hyphens')
  .meta({ examples: ['espresso-cup'] })

/**
 * A row id the client sends: a PostgreSQL `integer`, so a larger number is a 422 here rather
 * than an "out of range" error (a 500) from the database.
 */
export const Id = z.int().min(1).max(2_147_483_647)
