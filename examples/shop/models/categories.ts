import { z } from 'zod'
import { Slug } from './common.js'

const name = z.string().trim().min(1).max(100)
const description = z.string().max(2000)

export const CategoryCreate = z.object({ slug: Slug, name, description: description.default('') }).meta({
  id: 'CategoryCreate',
  examples: [{ slug: 'kitchen', name: 'Kitchen', description: 'Cups, pots and pans' }],
})

/** Every field optional: a PATCH changes only what it sends. */
export const CategoryUpdate = z
  .object({ slug: Slug, name, description })
  .partial()
  .meta({ id: 'CategoryUpdate', examples: [{ name: 'Kitchen & dining' }] })

export const Category = z
  .object({ id: z.int(), slug: z.string(), name: z.string(), description: z.string() })
  .meta({
    id: 'Category',
    examples: [{ id: 1, slug: 'kitchen', name: 'Kitchen', description: 'Cups, pots and pans' }],
  })
