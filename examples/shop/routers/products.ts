import { z } from 'zod'
import { Router } from '../../../src/index.js'
import { getDb, requireRole } from '../dependencies.js'
import { Id, Message, pageQuery, Slug } from '../models/common.js'
import { Product, ProductCreate, ProductPage, ProductUpdate } from '../models/products.js'
import {
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  toProduct,
  updateProduct,
} from '../services/products.js'

// Anyone may browse; only an admin changes the catalogue.
export const productsRouter = new Router({
  prefix: '/products',
  tags: ['products'],
  responses: { 404: { model: Message, description: 'No such product' } },
})

const productPath = { product_id: Id }
const adminOnly = {
  403: { model: Message, description: 'Not an admin' },
  409: {
    model: Message,
    description: 'The slug is taken, the category does not exist, or the product was ordered',
  },
}

productsRouter.get(
  '',
  {
    query: {
      ...pageQuery,
      category: Slug.optional().describe("A category's slug"),
      q: z.string().max(100).optional().describe('Words in the name or description'),
    },
    deps: { db: getDb },
    response: ProductPage,
  },
  async function listCatalogue({ query, db }) {
    const { rows, total } = await listProducts(db, query)
    return { items: rows.map(toProduct), total, page: query.page, limit: query.limit }
  },
)

productsRouter.get(
  '/{product_id}',
  { path: productPath, deps: { db: getDb }, response: Product },
  async function readProduct({ path, db }) {
    return toProduct(await getProduct(db, path.product_id))
  },
)

productsRouter.post(
  '',
  {
    body: ProductCreate,
    deps: { db: getDb, admin: requireRole('admin') },
    response: Product,
    status: 201,
    responses: adminOnly,
  },
  async function addProduct({ body, db }) {
    const { category_id: categoryId, ...product } = body
    return toProduct(await createProduct(db, { ...product, categoryId }))
  },
)

productsRouter.patch(
  '/{product_id}',
  {
    path: productPath,
    body: ProductUpdate,
    deps: { db: getDb, admin: requireRole('admin') },
    response: Product,
    responses: adminOnly,
  },
  async function changeProduct({ path, sentBody, db }) {
    const { category_id: categoryId, ...changes } = sentBody ?? {}
    return toProduct(
      await updateProduct(db, path.product_id, {
        ...changes,
        ...(categoryId !== undefined && { categoryId }),
      }),
    )
  },
)

productsRouter.delete(
  '/{product_id}',
  { path: productPath, deps: { db: getDb, admin: requireRole('admin') }, status: 204, responses: adminOnly },
  async function removeProduct({ path, db }) {
    await deleteProduct(db, path.product_id)
  },
)
