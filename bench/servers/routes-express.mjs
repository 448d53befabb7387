// S9 (route scaling), Express 5: ROUTES routes GET /api/v1/resource{i}/:id, `id` checked with
// zod (invalid → 422). Express matches a request against its routes one by one.
import express from 'express'
import { z } from 'zod'
import { now, ROUTES, reportStartup } from './routes-common.mjs'

const imported = now()
const app = express()
app.disable('x-powered-by')
app.disable('etag')
for (let i = 0; i < ROUTES; i++) {
  const Params = z.object({ id: z.coerce.number().int() })
  app.get(`/api/v1/resource${i}/:id`, (req, res) => {
    const params = Params.safeParse(req.params)
    if (!params.success) return res.status(422).json({ detail: params.error.issues })
    res.json({ resource: i, id: params.data.id })
  })
}
const registered = now()
app.listen(Number(process.env.PORT), '127.0.0.1', () =>
  reportStartup({ imported, registered, listening: now() }),
)
