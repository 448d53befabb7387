// FastAPI's user models shared by the "Extra Models" and "Response Model" tutorials: a `POST /user/`
// app taking one model and answering another, and the document FastAPI writes for it.
import type { z } from 'zod'
import type { App } from '../../../src/index.js'
import { fastapi, invalid, ok, ref, validationSchemas } from '../fastapi-document.js'

const userProperties = {
  username: { title: 'Username', type: 'string' },
  email: { title: 'Email', type: 'string', format: 'email' },
  full_name: { title: 'Full Name', anyOf: [{ type: 'string' }, { type: 'null' }] },
}
export const userOutSchema = (title: string) => ({
  title,
  required: ['username', 'email'],
  type: 'object',
  properties: userProperties,
})
export const userInSchema = (required: string[]) => ({
  title: 'UserIn',
  required,
  type: 'object',
  properties: { ...userProperties, password: { title: 'Password', type: 'string' } },
})

/** A `POST /user/` app, `create_user`, taking one model and answering another. */
export function createUserApp(body: z.ZodType, response: z.ZodType): App {
  const app = fastapi()
  app.post('/user/', { body, response }, async function create_user({ body }) {
    return body as never
  })
  return app
}

export const createUserDocument = (input: string, output: string, schemas: object) => ({
  openapi: '3.1.0',
  info: { title: 'FastAPI', version: '0.1.0' },
  paths: {
    '/user/': {
      post: {
        responses: { '200': ok(ref(output)), '422': invalid },
        summary: 'Create User',
        operationId: 'create_user_user__post',
        requestBody: { content: { 'application/json': { schema: ref(input) } }, required: true },
      },
    },
  },
  components: { schemas: { ...validationSchemas, ...schemas } },
})
