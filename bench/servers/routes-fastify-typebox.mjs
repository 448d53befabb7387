// S9 (route scaling), Fastify + TypeBox: ROUTES routes GET /api/v1/resource{i}/:id, `id` a
// `Type.Integer()` path parameter (Ajv coerces the string). No response schema. Each route
// declares its own schema, as separate routes in an app would.
import { Type } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { now, ROUTES, reportStartup } from './routes-common.mjs'

const imported = now()
const app = Fastify({ logger: false }).withTypeProvider()
for (let i = 0; i < ROUTES; i++) {
  app.get(
    `/api/v1/resource${i}/:id`,
    { schema: { params: Type.Object({ id: Type.Integer() }) } },
    async (request) => ({ resource: i, id: request.params.id }),
  )
}
const registered = now()
// listen() runs Fastify's ready(): plugins, then every route's validator compiled by Ajv.
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
reportStartup({ imported, registered, listening: now() })
