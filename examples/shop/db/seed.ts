import { count } from 'drizzle-orm'
import { hashPassword } from '../../../src/security/index.js'
import { categories, products, users } from './schema.js'
import type { Db } from './session.js'

/** The demo accounts of a new shop; printed at startup. Change or delete them in production. */
export const DEMO_USERS = {
  admin: { email: 'admin@shop.example', password: 'admin-password', name: 'Shop Admin', role: 'admin' },
  customer: {
    email: 'customer@shop.example',
    password: 'customer-password',
    name: 'Casey Customer',
    role: 'customer',
  },
} as const

const DEMO_CATEGORIES = [
  { slug: 'coffee', name: 'Coffee', description: 'Beans from small roasters' },
  { slug: 'kitchen', name: 'Kitchen', description: 'Cups, pots and grinders' },
  { slug: 'books', name: 'Books', description: 'On coffee and its history' },
]

const DEMO_PRODUCTS = [
  {
    slug: 'ethiopia-yirgacheffe',
    name: 'Ethiopia Yirgacheffe, 250 g',
    price: '12.50',
    category: 'coffee',
    stock: 30,
  },
  {
    slug: 'colombia-huila',
    description: 'Caramel and red apple',
    name: 'Colombia Huila, 250 g',
    price: '11.90',
    category: 'coffee',
    stock: 25,
  },
  {
    slug: 'espresso-cup',
    description: 'Porcelain, 80 ml',
    name: 'Espresso cup',
    price: '9.50',
    category: 'kitchen',
    stock: 40,
  },
  {
    slug: 'hand-grinder',
    description: 'Steel burrs, 40 settings',
    name: 'Hand grinder',
    price: '64.00',
    category: 'kitchen',
    stock: 5,
  },
  {
    slug: 'the-coffee-atlas',
    description: 'The last copy of the signed edition',
    name: 'The Coffee Atlas',
    price: '29.99',
    category: 'books',
    stock: 1,
  },
]

/**
 * Fills a new database with the demo users, categories and products, once: a database that has
 * any user is left alone, so restarting the app (or pointing it at a real shop) changes nothing.
 * Returns whether it seeded.
 */
export async function seedDemoData(db: Db): Promise<boolean> {
  const [existing] = await db.select({ value: count() }).from(users)
  if ((existing?.value ?? 0) > 0) return false
  const accounts = await Promise.all(
    Object.values(DEMO_USERS).map(async ({ password, ...user }) => ({
      ...user,
      passwordHash: await hashPassword(password),
    })),
  )
  await db.transaction(async (tx) => {
    await tx.insert(users).values(accounts)
    const made = await tx.insert(categories).values(DEMO_CATEGORIES).returning()
    const idOf = new Map(made.map((category) => [category.slug, category.id]))
    await tx
      .insert(products)
      .values(
        DEMO_PRODUCTS.map(({ category, ...product }) => ({ ...product, categoryId: idOf.get(category)! })),
      )
  })
  return true
}

/** The lines the shop prints at startup, so a newcomer can log in from the docs at once. */
export function demoAccountLines(): string[] {
  return [
    'Demo accounts:',
    ...Object.values(DEMO_USERS).map((user) => `  ${user.role}: ${user.email} / ${user.password}`),
  ]
}
