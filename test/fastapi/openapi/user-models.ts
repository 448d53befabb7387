// The `POST /user/` app the "Extra Models" and "Response Model" tutorials share: one user model in,
// another out. FastAPI's documents for it are in fixtures/test_extra_models and
// fixtures/test_response_model.
import { z } from 'zod'
import type { App } from '../../../src/index.js'
import { fastapi } from '../fastapi-document.js'

/** A `POST /user/` app, `create_user`, taking one model and answering another. */
export function createUserApp(body: z.ZodType, response: z.ZodType): App {
  const app = fastapi()
  app.post('/user/', { body, response }, async function create_user({ body }) {
    return body as never
  })
  return app
}

const EMAIL_PATTERN = (z.toJSONSchema(z.email()) as { pattern: string }).pattern

/**
 * FastAPI's document with zod's e-mail pattern beside every `format: 'email'`: a deliberate
 * difference (docs/design.md). Pydantic's `EmailStr` documents the format alone; `z.email()`
 * accepts only what its pattern matches, a subset of RFC 5321, so Brisk documents the pattern.
 */
export function withZodEmailPattern(document: unknown): unknown {
  if (Array.isArray(document)) return document.map(withZodEmailPattern)
  if (typeof document !== 'object' || document === null) return document
  const copy = Object.fromEntries(
    Object.entries(document).map(([key, value]) => [key, withZodEmailPattern(value)]),
  )
  return copy.format === 'email' ? { ...copy, pattern: EMAIL_PATTERN } : copy
}
