import { defineConfig } from 'drizzle-kit'

// `npx drizzle-kit generate --config examples/shop/drizzle.config.ts` writes a migration for
// every change to db/schema.ts; the app applies them at startup (db/session.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './examples/shop/db/schema.ts',
  out: './examples/shop/db/migrations',
})
