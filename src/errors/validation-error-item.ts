/** Where a request value was read from: the first entry of an error's `loc`. */
export type ErrorLocation = 'path' | 'query' | 'header' | 'cookie' | 'body' | 'response'

/**
 * One entry of FastAPI's 422 body: Pydantic's error type code and message, the location of the
 * bad value (`["query", "limit"]`, `["body", "items", 0, "price"]`), the raw input and, for
 * constraints, the constraint's values in `ctx`.
 */
export interface ValidationErrorItem {
  type: string
  loc: (string | number)[]
  msg: string
  input: unknown
  ctx?: Record<string, unknown>
}
