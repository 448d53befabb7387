import { z } from 'zod'
import { Router } from '../../../src/index.js'
import { getDb, requireRole } from '../dependencies.js'
import { Message } from '../models/common.js'
import { Email } from '../models/orders.js'
import { listOutbox, toEmail } from '../services/outbox.js'

// The emails waiting for a mail relay, for the staff to check (and the tests to read).
export const outboxRouter = new Router({ prefix: '/outbox', tags: ['outbox'] })

outboxRouter.get(
  '',
  {
    query: { limit: z.int().min(1).max(100).default(20) },
    deps: { db: getDb, admin: requireRole('admin') },
    response: z.array(Email),
    responses: { 403: { model: Message, description: 'Not an admin' } },
    summary: 'The newest emails in the outbox',
  },
  async function readOutbox({ query, db }) {
    return (await listOutbox(db, query.limit)).map(toEmail)
  },
)
