import { z } from 'zod'
import { Router } from '../../../src/index.js'
import { getReports, requireRole } from '../dependencies.js'
import { Message } from '../models/common.js'
import { Report, ReportRequest } from '../models/reports.js'

// Admins only: sales figures are the staff's.
export const reportsRouter = new Router({
  prefix: '/reports',
  tags: ['reports'],
  dependencies: [requireRole('admin')],
})

reportsRouter.post(
  '',
  {
    body: ReportRequest,
    deps: { reports: getReports },
    response: z.object({ id: z.uuid(), status: z.literal('pending') }).meta({ id: 'ReportQueued' }),
    status: 202,
    summary: 'Queue a sales report',
    description: 'Answers at once with the job id; `GET /reports/{id}` shows its progress and result.',
  },
  async function requestReport({ body, reports }) {
    return { id: await reports.request(body), status: 'pending' as const }
  },
)

reportsRouter.get(
  '/{report_id}',
  {
    path: { report_id: z.uuid() },
    deps: { reports: getReports },
    response: Report,
    responses: { 404: { model: Message, description: 'No such report' } },
    summary: 'A sales report: pending, running, succeeded (with the result) or failed',
  },
  function readReport({ path, reports }) {
    return reports.read(path.report_id)
  },
)
