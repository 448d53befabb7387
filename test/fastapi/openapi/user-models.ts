// The `POST /user/` app the "Extra Models" and "Response Model" tutorials share: one user model in,
// another out. FastAPI's documents for it are in fixtures/test_extra_models and
// fixtures/test_response_model.
import type { z } from 'zod'
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
