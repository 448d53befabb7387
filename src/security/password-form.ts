import { z } from 'zod'
import { type Dependency, depends } from '../di/dependency.js'

/** What `OAuth2PasswordRequestForm` gives: the form's fields, with `scope` split into `scopes`. */
export interface OAuth2PasswordRequest {
  readonly grant_type: string | null
  readonly username: string
  readonly password: string
  /** The `scope` field split on whitespace: `"me items"` → `["me", "items"]`. */
  readonly scopes: string[]
  readonly client_id: string | null
  readonly client_secret: string | null
}

// The field names are OAuth2's (RFC 6749 §4.3.2), so they stay snake_case, as in FastAPI.
const commonFields = {
  username: z.string(),
  password: z.string().meta({ format: 'password' }),
  scope: z.string().default(''),
  client_id: z.string().nullable().default(null),
  client_secret: z.string().nullable().default(null).meta({ format: 'password' }),
}

function toRequest(form: {
  grant_type?: string | null
  username: string
  password: string
  scope: string
  client_id: string | null
  client_secret: string | null
}): OAuth2PasswordRequest {
  return {
    grant_type: form.grant_type ?? null,
    username: form.username,
    password: form.password,
    scopes: form.scope.split(/\s+/).filter((scope) => scope !== ''),
    client_id: form.client_id,
    client_secret: form.client_secret,
  }
}

/**
 * The form of OAuth2's password flow (FastAPI's `OAuth2PasswordRequestForm`): `username`,
 * `password`, optional `grant_type` (which must be `password` when sent), `scope`, `client_id`
 * and `client_secret`, read from an urlencoded body and documented as `Body_<operationId>`.
 *
 * @example
 * app.post('/token', { deps: { form: OAuth2PasswordRequestForm } }, async ({ form }) => {
 *   const user = await authenticate(form.username, form.password)
 *   ...
 * })
 */
export const OAuth2PasswordRequestForm: Dependency<OAuth2PasswordRequest> = depends(
  {
    form: {
      grant_type: z
        .string()
        .regex(/^password$/)
        .nullable()
        .default(null),
      ...commonFields,
    },
  },
  ({ form }) => toRequest(form),
  { name: 'OAuth2PasswordRequestForm' },
)

/** Like `OAuth2PasswordRequestForm`, with `grant_type=password` required, as the OAuth2 spec says. */
export const OAuth2PasswordRequestFormStrict: Dependency<OAuth2PasswordRequest> = depends(
  { form: { grant_type: z.string().regex(/^password$/), ...commonFields } },
  ({ form }) => toRequest(form),
  { name: 'OAuth2PasswordRequestFormStrict' },
)
