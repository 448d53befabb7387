import { app } from './app.js'

// listen() logs where it serves and where the docs are, and ends the process with one line if the
// port is taken.
await app.listen({ port: Number(process.env.PORT ?? 8000), host: process.env.HOST ?? '127.0.0.1' })
