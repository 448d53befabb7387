import { z } from 'zod'
import { HTTPException, Router } from '../../../src/index.js'
import { getDatabaseProbe } from '../dependencies.js'
import { Message } from '../models/common.js'

// For the orchestrator: `/health` says the process answers (restart it if not), `/ready` that it
// can serve, its database included (send it no traffic if not).
export const healthRouter = new Router({ tags: ['health'] })

const Status = z.object({ status: z.string() }).meta({ id: 'Status' })

healthRouter.get('/health', { response: Status, summary: 'Liveness' }, function health() {
  return { status: 'ok' }
})

healthRouter.get(
  '/ready',
  {
    deps: { probe: getDatabaseProbe },
    response: Status,
    responses: { 503: { model: Message, description: 'The database does not answer' } },
    summary: 'Readiness: the database answers',
  },
  async function ready({ probe }) {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), probe.timeoutMs)
    })
    try {
      await Promise.race([probe.ping(), timeout])
    } catch {
      throw new HTTPException(503, 'The database does not answer')
    } finally {
      clearTimeout(timer)
    }
    return { status: 'ready' }
  },
)
