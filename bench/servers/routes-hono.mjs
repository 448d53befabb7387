// S9 (route scaling), Hono + @hono/zod-openapi: ROUTES routes GET /api/v1/resource{i}/{id},
// `id` a `z.coerce.number().int()` path parameter. Hono's default SmartRouter picks and builds
// its router on the first request, which run.mjs's first request (the readiness probe) pays.
import { serve } from '@hono/node-server'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { now, ROUTES, reportStartup } from './routes-common.mjs'

const imported = now()
const app = new OpenAPIHono()
for (let i = 0; i < ROUTES; i++) {
  app.openapi(
    createRoute({
      method: 'get',
      path: `/api/v1/resource${i}/{id}`,
      request: { params: z.object({ id: z.coerce.number().int() }) },
      responses: {
        200: {
          description: `Resource ${i}`,
          content: { 'application/json': { schema: z.object({ resource: z.int(), id: z.int() }) } },
        },
      },
    }),
    (c) => c.json({ resource: i, id: c.req.valid('param').id }, 200),
  )
}
const registered = now()
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, () =>
  reportStartup({ imported, registered, listening: now() }),
)
