// bench/shop.mjs: Fastify serving the shop's two catalogue routes with the very same Drizzle
// queries (examples/shop/services/products.ts) on the same PostgreSQL, behind the plugins that
// match the shop's middleware: @fastify/cors, @fastify/compress and a request id echoed as
// X-Request-ID. Parameters and responses are JSON Schema (Fastify's validator and
// fast-json-stringify), as a Fastify app would write them.
import { randomUUID } from 'node:crypto'
import compress from '@fastify/compress'
import cors from '@fastify/cors'
import { drizzle } from 'drizzle-orm/node-postgres'
import Fastify from 'fastify'
import pg from 'pg'
import * as schema from '../../examples/shop/db/schema.ts'
import { NotFoundError } from '../../examples/shop/services/errors.ts'
import { getProduct, listProducts, toProduct } from '../../examples/shop/services/products.ts'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
const db = drizzle({ client: pool, schema })

const app = Fastify({ logger: false, genReqId: () => randomUUID() })
await app.register(cors, { origin: ['http://localhost:3000', 'http://localhost:5173'] })
await app.register(compress)
app.addHook('onSend', async (request, reply) => {
  reply.header('x-request-id', request.id)
})
app.setErrorHandler((error, _request, reply) => {
  if (error instanceof NotFoundError) return reply.code(404).send({ detail: error.message })
  return reply.send(error)
})

const product = {
  type: 'object',
  required: [
    'id',
    'slug',
    'name',
    'description',
    'price',
    'category_id',
    'stock',
    'created_at',
    'updated_at',
  ],
  properties: {
    id: { type: 'integer' },
    slug: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    price: { type: 'string', pattern: '^\\d+\\.\\d{2}$' },
    category_id: { type: 'integer' },
    stock: { type: 'integer' },
    created_at: { type: 'string' },
    updated_at: { type: 'string' },
  },
}

app.get(
  '/products/:product_id',
  {
    schema: {
      params: {
        type: 'object',
        properties: { product_id: { type: 'integer', minimum: 1, maximum: 2147483647 } },
        required: ['product_id'],
      },
      response: { 200: product },
    },
  },
  async (request) => toProduct(await getProduct(db, request.params.product_id)),
)

app.get(
  '/products',
  {
    schema: {
      querystring: {
        type: 'object',
        properties: {
          page: { type: 'integer', minimum: 1, default: 1 },
          limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
          category: { type: 'string', maxLength: 100 },
          q: { type: 'string', maxLength: 100 },
        },
      },
      response: {
        200: {
          type: 'object',
          required: ['items', 'total', 'page', 'limit'],
          properties: {
            items: { type: 'array', items: product },
            total: { type: 'integer' },
            page: { type: 'integer' },
            limit: { type: 'integer' },
          },
        },
      },
    },
  },
  async (request) => {
    const { rows, total } = await listProducts(db, request.query)
    return { items: rows.map(toProduct), total, page: request.query.page, limit: request.query.limit }
  },
)

const close = async () => {
  await app.close()
  await pool.end()
  process.exit(0)
}
process.on('SIGTERM', close)
process.on('SIGINT', close)
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' })
