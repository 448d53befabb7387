import { defineConfig } from 'drizzle-kit'

// `npx drizzle-kit generate --config examples/tasks/drizzle.config.ts` writes a migration for
// every change to db/schema.ts; the app applies them at startup (db/database.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './examples/tasks/db/schema.ts',
  out: './examples/tasks/db/migrations',
})
