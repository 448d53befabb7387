import { createApp } from './app.js'
import { DEMO_USERS } from './db/seed.js'
import { loadSettings } from './settings.js'

const settings = loadSettings()
const app = createApp(settings)
const port = Number(process.env.PORT ?? 8000)
const host = process.env.HOST ?? '127.0.0.1'
await app.listen({ port, host })
if (settings.seedDemoData) {
  // Made on the first start only, in an empty database.
  console.log('Demo accounts:')
  for (const user of Object.values(DEMO_USERS))
    console.log(`  ${user.role}: ${user.email} / ${user.password}`)
}
