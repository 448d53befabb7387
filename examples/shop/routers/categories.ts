import { z } from 'zod'
import { Router } from '../../../src/index.js'
import { getDb, requireRole } from '../dependencies.js'
import { Category, CategoryCreate, CategoryUpdate } from '../models/categories.js'
import { Id, Message } from '../models/common.js'
import {
  type CategoryRow,
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  updateCategory,
} from '../services/categories.js'

// Anyone may browse; only an admin changes the catalogue.
export const categoriesRouter = new Router({
  prefix: '/categories',
  tags: ['categories'],
  responses: { 404: { model: Message, description: 'No such category' } },
})

const categoryPath = { category_id: Id }
const adminOnly = {
  403: { model: Message, description: 'Not an admin' },
  409: { model: Message, description: 'The slug is taken, or the category still has products' },
}
const toCategory = ({ id, slug, name, description }: CategoryRow) => ({ id, slug, name, description })

categoriesRouter.get(
  '',
  { deps: { db: getDb }, response: z.array(Category) },
  async function listAllCategories({ db }) {
    return (await listCategories(db)).map(toCategory)
  },
)

categoriesRouter.get(
  '/{category_id}',
  { path: categoryPath, deps: { db: getDb }, response: Category },
  async function readCategory({ path, db }) {
    return toCategory(await getCategory(db, path.category_id))
  },
)

categoriesRouter.post(
  '',
  {
    body: CategoryCreate,
    deps: { db: getDb, admin: requireRole('admin') },
    response: Category,
    status: 201,
    responses: adminOnly,
  },
  async function addCategory({ body, db }) {
    return toCategory(await createCategory(db, body))
  },
)

categoriesRouter.patch(
  '/{category_id}',
  {
    path: categoryPath,
    body: CategoryUpdate,
    deps: { db: getDb, admin: requireRole('admin') },
    response: Category,
    responses: adminOnly,
  },
  async function changeCategory({ path, sentBody, db }) {
    return toCategory(await updateCategory(db, path.category_id, sentBody ?? {}))
  },
)

categoriesRouter.delete(
  '/{category_id}',
  { path: categoryPath, deps: { db: getDb, admin: requireRole('admin') }, status: 204, responses: adminOnly },
  async function removeCategory({ path, db }) {
    await deleteCategory(db, path.category_id)
  },
)
