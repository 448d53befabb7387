import { Router } from '../../../src/index.js'
import { currentUser, getDb, requireRole } from '../dependencies.js'
import { Id, Message, pageQuery } from '../models/common.js'
import { RoleUpdate, User, UserCreate, UserPage } from '../models/users.js'
import { createUser, listUsers, setRole, toUser } from '../services/users.js'

export const usersRouter = new Router({ prefix: '/users', tags: ['users'] })

usersRouter.post(
  '',
  {
    body: UserCreate,
    deps: { db: getDb },
    response: User,
    status: 201,
    responses: { 409: { model: Message, description: 'The email is taken' } },
    summary: 'Sign up as a customer',
  },
  async function signUp({ body, db }) {
    return toUser(await createUser(db, body))
  },
)

usersRouter.get('/me', { deps: { user: currentUser }, response: User }, function readMe({ user }) {
  return toUser(user)
})

usersRouter.get(
  '',
  {
    query: pageQuery,
    deps: { db: getDb, admin: requireRole('admin') },
    response: UserPage,
    responses: { 403: { model: Message, description: 'Not an admin' } },
  },
  async function listAllUsers({ query, db }) {
    const { rows, total } = await listUsers(db, query)
    return { items: rows.map(toUser), total, page: query.page, limit: query.limit }
  },
)

usersRouter.patch(
  '/{user_id}',
  {
    path: { user_id: Id },
    body: RoleUpdate,
    deps: { db: getDb, admin: requireRole('admin') },
    response: User,
    responses: {
      403: { model: Message, description: 'Not an admin' },
      404: { model: Message, description: 'No such user' },
    },
    summary: "Change a user's role",
  },
  async function changeRole({ path, body, db }) {
    return toUser(await setRole(db, path.user_id, body.role))
  },
)
