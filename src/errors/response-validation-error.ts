import type { ValidationErrorItem } from './validation-error-item.js'

/**
 * Thrown when a handler's return value does not fit the route's `response` schema. It has no
 * default handler, so the client gets a plain 500 and the errors are logged, as in FastAPI.
 */
export class ResponseValidationError extends Error {
  readonly errors: ValidationErrorItem[]
  readonly body: unknown

  constructor(errors: ValidationErrorItem[], body: unknown) {
    super(
      `${errors.length} response validation error${errors.length === 1 ? '' : 's'}:\n` +
        errors.map((error) => `  ${error.loc.join('.')}: ${error.msg}`).join('\n'),
    )
    this.name = 'ResponseValidationError'
    this.errors = errors
    this.body = body
  }
}
