/**
 * The services' errors say what went wrong in the shop's terms; app.ts answers each with its
 * status (`{"detail": message}`), so the services never speak HTTP.
 */

/** A thing the request names does not exist (or is not the caller's to see): a 404. */
export class NotFoundError extends Error {
  override name = 'NotFoundError'
}

/** The request is well formed but clashes with the data: a taken slug, too little stock, an order already cancelled. A 409. */
export class ConflictError extends Error {
  override name = 'ConflictError'
}

// PostgreSQL's SQLSTATE codes, on the driver's error or, from Drizzle ≥ 0.44, on its `cause`.
const UNIQUE_VIOLATION = '23505'
// A foreign key with ON DELETE RESTRICT reports `restrict_violation`, one without,
// `foreign_key_violation`: both mean a row still refers to another.
const REFERENCE_VIOLATIONS = new Set(['23503', '23001'])

function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

export const isUniqueViolation = (error: unknown) => sqlState(error) === UNIQUE_VIOLATION
export const isForeignKeyViolation = (error: unknown) => REFERENCE_VIOLATIONS.has(sqlState(error) ?? '')
