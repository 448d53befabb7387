import { asc, count, eq } from 'drizzle-orm'
import { hashPassword, verifyPassword } from '../../../src/security/index.js'
import { users } from '../db/schema.js'
import type { Db } from '../db/session.js'
import { ConflictError, NotFoundError } from './errors.js'

export type UserRow = typeof users.$inferSelect
export type Role = UserRow['role']

/** A user as the API shows them: never the password hash. */
export function toUser(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    created_at: row.createdAt.toISOString(),
  }
}

export interface NewUser {
  email: string
  name: string
  password: string
  role?: Role
}

/** Emails compare without case: `Ada@Example.com` is `ada@example.com`. */
const normalizeEmail = (email: string) => email.toLowerCase()

export async function createUser(db: Db, user: NewUser): Promise<UserRow> {
  const passwordHash = await hashPassword(user.password)
  const [row] = await db
    .insert(users)
    .values({
      email: normalizeEmail(user.email),
      name: user.name,
      passwordHash,
      role: user.role ?? 'customer',
    })
    .onConflictDoNothing({ target: users.email })
    .returning()
  if (row === undefined) throw new ConflictError('An account with this email already exists')
  return row
}

/** The user with this email and password, or `undefined`; both cases take the same time. */
export async function authenticate(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
  // Verified even for an unknown email, so that a wrong email and a wrong password cost the same.
  const valid = await verifyPassword(password, user?.passwordHash)
  return valid ? user : undefined
}

export async function findUser(db: Db, id: number): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id))
  return user
}

export async function listUsers(db: Db, page: { page: number; limit: number }) {
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .orderBy(asc(users.id))
      .limit(page.limit)
      .offset((page.page - 1) * page.limit),
    db.select({ value: count() }).from(users),
  ])
  return { rows, total: total?.value ?? 0 }
}

export async function setRole(db: Db, id: number, role: Role): Promise<UserRow> {
  const [row] = await db.update(users).set({ role }).where(eq(users.id, id)).returning()
  if (row === undefined) throw new NotFoundError(`User ${id} not found`)
  return row
}
