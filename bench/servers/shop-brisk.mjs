// bench/shop.mjs: the shop example itself (examples/shop, its whole stack: request ids, CORS,
// compression, the access log at level silent, Drizzle on PostgreSQL), run with tsx.
import { createApp } from '../../examples/shop/app.ts'
import { loadSettings } from '../../examples/shop/settings.ts'

const settings = { ...loadSettings(), logLevel: 'silent', seedDemoData: false, runJobs: false }
await createApp(settings).listen({ port: Number(process.env.PORT), host: '127.0.0.1', handleSignals: true })
