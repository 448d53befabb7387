// The JSON bodies tests read most often, to name in `res.json<T>()` (which is `unknown` until told).
import type { ValidationErrorItem } from '../src/index.js'

/** FastAPI's 422 body: every validation error. */
export interface ValidationErrorBody {
  detail: ValidationErrorItem[]
}

/** An OAuth2 token endpoint's answer. */
export interface TokenBody {
  access_token: string
  token_type: string
}
