import type { ValidationErrorItem } from './validation-error-item.js'

/**
 * Thrown when a request's parameters or body do not fit their schemas. Carries every issue found,
 * in FastAPI's order; the default handler answers 422 `{"detail": errors}`.
 */
export class RequestValidationError extends Error {
  readonly errors: ValidationErrorItem[]
  /** The raw body as received, when the body was read (FastAPI's `exc.body`). */
  readonly body: unknown

  constructor(errors: ValidationErrorItem[], body?: unknown) {
    super(`${errors.length} validation error${errors.length === 1 ? '' : 's'}`)
    this.name = 'RequestValidationError'
    this.errors = errors
    this.body = body
  }
}
