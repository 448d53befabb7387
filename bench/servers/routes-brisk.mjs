// S9 (route scaling), Brisk: ROUTES routes GET /api/v1/resource{i}/{id}, `id` a zod integer.
// Each route declares its own schema, as separate routes in an app would.
import { z } from 'zod'
import { App } from '../../dist/index.js'
import { now, ROUTES, reportStartup } from './routes-common.mjs'

const imported = now()
const app = new App()
for (let i = 0; i < ROUTES; i++) {
  app.get(`/api/v1/resource${i}/{id}`, { path: { id: z.int() } }, ({ path }) => ({
    resource: i,
    id: path.id,
  }))
}
const registered = now()
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
reportStartup({ imported, registered, listening: now() })
