import { app } from './app.js'

const port = Number(process.env.PORT ?? 8000)
const server = await app.listen({ port, host: process.env.HOST ?? '127.0.0.1' })
console.log(`Brisk is serving ${app.title} on ${server.url} (docs: ${server.url}/docs)`)
