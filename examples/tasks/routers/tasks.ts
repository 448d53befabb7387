import { and, asc, count, desc, eq, ilike, lte, or, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { HTTPException, Router } from '../../../src/index.js'
import { tasks } from '../db/schema.js'
import { currentUser, getDb } from '../dependencies.js'
import { Message, Task, TaskCreate, TaskPage, TaskPriority, TaskStatus, TaskUpdate } from '../models.js'

// Every route needs a signed-in user; each sees and changes only their own tasks.
export const tasksRouter = new Router({
  prefix: '/tasks',
  tags: ['tasks'],
  responses: { 404: { model: Message, description: 'No such task of yours' } },
})

type TaskRow = typeof tasks.$inferSelect

function toTask(row: TaskRow) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    due_date: row.dueDate,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

const taskPath = { task_id: z.int().positive() }
const notFound = () => new HTTPException(404, 'Task not found')

tasksRouter.post(
  '',
  { body: TaskCreate, deps: { db: getDb, user: currentUser }, response: Task, status: 201 },
  async function createTask({ body, db, user }) {
    const [row] = await db
      .insert(tasks)
      .values({
        ownerId: user.id,
        title: body.title,
        description: body.description,
        status: body.status,
        priority: body.priority,
        dueDate: body.due_date,
      })
      .returning()
    return toTask(row!)
  },
)

const SORTS = {
  created: desc(tasks.createdAt),
  due: asc(tasks.dueDate),
  priority: desc(tasks.priority),
} as const

tasksRouter.get(
  '',
  {
    query: {
      status: TaskStatus.optional(),
      priority: TaskPriority.optional(),
      due_before: z.iso.date().optional().describe('Tasks due on or before this day'),
      q: z.string().max(100).optional().describe('Words in the title or description'),
      sort: z.enum(['created', 'due', 'priority']).default('created'),
      page: z.int().min(1).default(1),
      limit: z.int().min(1).max(100).default(20),
    },
    deps: { db: getDb, user: currentUser },
    response: TaskPage,
  },
  async function listTasks({ query, db, user }) {
    const filters: (SQL | undefined)[] = [eq(tasks.ownerId, user.id)]
    if (query.status !== undefined) filters.push(eq(tasks.status, query.status))
    if (query.priority !== undefined) filters.push(eq(tasks.priority, query.priority))
    if (query.due_before !== undefined) filters.push(lte(tasks.dueDate, query.due_before))
    if (query.q !== undefined && query.q !== '') {
      // The words are data, not a pattern: % and _ in them match themselves.
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      filters.push(or(ilike(tasks.title, pattern), ilike(tasks.description, pattern)))
    }
    const where = and(...filters)
    const [rows, [total]] = await Promise.all([
      db
        .select()
        .from(tasks)
        .where(where)
        .orderBy(SORTS[query.sort], asc(tasks.id))
        .limit(query.limit)
        .offset((query.page - 1) * query.limit),
      db.select({ value: count() }).from(tasks).where(where),
    ])
    return { items: rows.map(toTask), total: total?.value ?? 0, page: query.page, limit: query.limit }
  },
)

tasksRouter.get(
  '/{task_id}',
  { path: taskPath, deps: { db: getDb, user: currentUser }, response: Task },
  async function readTask({ path, db, user }) {
    const [row] = await db
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, path.task_id), eq(tasks.ownerId, user.id)))
    if (row === undefined) throw notFound()
    return toTask(row)
  },
)

tasksRouter.patch(
  '/{task_id}',
  { path: taskPath, body: TaskUpdate, deps: { db: getDb, user: currentUser }, response: Task },
  async function updateTask({ path, sentBody, db, user }) {
    const changes = sentBody ?? {}
    const [row] = await db
      .update(tasks)
      .set({
        ...(changes.title !== undefined && { title: changes.title }),
        ...(changes.description !== undefined && { description: changes.description }),
        ...(changes.status !== undefined && { status: changes.status }),
        ...(changes.priority !== undefined && { priority: changes.priority }),
        ...(changes.due_date !== undefined && { dueDate: changes.due_date }),
        updatedAt: new Date(),
      })
      .where(and(eq(tasks.id, path.task_id), eq(tasks.ownerId, user.id)))
      .returning()
    if (row === undefined) throw notFound()
    return toTask(row)
  },
)

tasksRouter.delete(
  '/{task_id}',
  { path: taskPath, deps: { db: getDb, user: currentUser }, status: 204 },
  async function deleteTask({ path, db, user }) {
    const deleted = await db
      .delete(tasks)
      .where(and(eq(tasks.id, path.task_id), eq(tasks.ownerId, user.id)))
      .returning({ id: tasks.id })
    if (deleted.length === 0) throw notFound()
  },
)
