import { createApp } from './app.js'

// `npx tsx examples/shop/main.ts`: the shop listening on its own. `npm start` serves it with
// `brisk run examples/shop/server.ts` instead (graceful stop, workers, an access log of its own).
await createApp().listen({ port: Number(process.env.PORT ?? 8000), host: process.env.HOST ?? '127.0.0.1' })
