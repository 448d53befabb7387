import { z } from 'zod'

/** The API's request and response models; each `id` names its schema in the OpenAPI document. */

export const TaskStatus = z.enum(['todo', 'in_progress', 'done']).meta({ id: 'TaskStatus' })
export const TaskPriority = z.enum(['low', 'medium', 'high']).meta({ id: 'TaskPriority' })

export const UserCreate = z
  .object({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(100),
    password: z.string().min(8).max(128),
  })
  .meta({
    id: 'UserCreate',
    examples: [{ email: 'ada@example.com', name: 'Ada', password: 'correct horse' }],
  })

export const User = z
  .object({ id: z.int(), email: z.string(), name: z.string(), created_at: z.iso.datetime() })
  .meta({ id: 'User' })

export const Token = z
  .object({ access_token: z.string(), token_type: z.literal('bearer') })
  .meta({ id: 'Token' })

const title = z.string().trim().min(1).max(200)
const description = z.string().max(5000)
const dueDate = z.iso.date().nullable()

export const TaskCreate = z
  .object({
    title,
    description: description.default(''),
    status: TaskStatus.default('todo'),
    priority: TaskPriority.default('medium'),
    due_date: dueDate.default(null),
  })
  .meta({
    id: 'TaskCreate',
    examples: [{ title: 'Write the release notes', priority: 'high', due_date: '2026-12-24' }],
  })

/** Every field optional: a PATCH changes only what it sends. */
export const TaskUpdate = z
  .object({ title, description, status: TaskStatus, priority: TaskPriority, due_date: dueDate })
  .partial()
  .meta({ id: 'TaskUpdate', examples: [{ status: 'done' }] })

export const Task = z
  .object({
    id: z.int(),
    title: z.string(),
    description: z.string(),
    status: TaskStatus,
    priority: TaskPriority,
    due_date: z.iso.date().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Task' })

export const TaskPage = z
  .object({ items: z.array(Task), total: z.int(), page: z.int(), limit: z.int() })
  .meta({ id: 'TaskPage' })

export const Message = z.object({ detail: z.string() }).meta({ id: 'Message' })
