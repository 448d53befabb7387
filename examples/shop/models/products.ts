import { z } from 'zod'
import { Id, pageOf, Slug } from './common.js'

/**
 * A price in the API is a decimal string, `"19.99"`, as PostgreSQL's `numeric(10, 2)` stores it:
 * a JSON number would pass through a float (0.1 + 0.2 = 0.30000000000000004), and money must
 * not. Up to 8 digits before the point and 2 after.
 */
export const Price = z
  .string()
  .regex(/^\d{1,8}(\.\d{1,2})?$/, 'A decimal amount such as "19.99"')
  .meta({ id: 'Price', examples: ['19.99'] })

const name = z.string().trim().min(1).max(200)
const description = z.string().max(5000)
const stock = z.int().min(0).max(1_000_000)

export const ProductCreate = z
  .object({
    slug: Slug,
    name,
    description: description.default(''),
    price: Price,
    category_id: Id,
    stock,
  })
  .meta({
    id: 'ProductCreate',
    examples: [
      {
        slug: 'espresso-cup',
        name: 'Espresso cup',
        description: 'Porcelain, 80 ml',
        price: '9.50',
        category_id: 1,
        stock: 40,
      },
    ],
  })

/** Every field optional: a PATCH changes only what it sends. */
export const ProductUpdate = z
  .object({ slug: Slug, name, description, price: Price, category_id: Id, stock })
  .partial()
  .meta({ id: 'ProductUpdate', examples: [{ price: '8.90', stock: 35 }] })

export const Product = z
  .object({
    id: z.int(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    price: Price,
    category_id: z.int(),
    stock: z.int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({
    id: 'Product',
    examples: [
      {
        id: 1,
        slug: 'espresso-cup',
        name: 'Espresso cup',
        description: 'Porcelain, 80 ml',
        price: '9.50',
        category_id: 1,
        stock: 40,
        created_at: '2026-12-01T09:00:00.000Z',
        updated_at: '2026-12-01T09:00:00.000Z',
      },
    ],
  })

export const ProductPage = pageOf(Product, 'ProductPage')
