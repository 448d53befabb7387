import { z } from 'zod'
import { pageOf } from './common.js'

export const Role = z.enum(['admin', 'customer']).meta({ id: 'Role' })

/** Signing up makes a customer; only an admin makes another admin (`PATCH /users/{id}`). */
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

export const RoleUpdate = z.object({ role: Role }).meta({ id: 'RoleUpdate', examples: [{ role: 'admin' }] })

export const User = z
  .object({ id: z.int(), email: z.string(), name: z.string(), role: Role, created_at: z.iso.datetime() })
  .meta({
    id: 'User',
    examples: [
      {
        id: 2,
        email: 'ada@example.com',
        name: 'Ada',
        role: 'customer',
        created_at: '2026-12-01T09:00:00.000Z',
      },
    ],
  })

export const UserPage = pageOf(User, 'UserPage')

export const Token = z
  .object({ access_token: z.string(), token_type: z.literal('bearer') })
  .meta({ id: 'Token', examples: [{ access_token: 'eyJhbGciOiJIUzI1NiJ9…', token_type: 'bearer' }] })
