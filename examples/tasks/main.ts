import { createApp } from './app.js'

const app = createApp()
await app.listen({ port: Number(process.env.PORT ?? 8000), host: process.env.HOST ?? '127.0.0.1' })
