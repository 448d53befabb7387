/** Why a token was refused. Stable: log it, count it, never send it to the client. */
export type InvalidTokenReason =
  | 'malformed'
  | 'too_large'
  | 'unsupported_header'
  | 'wrong_algorithm'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'missing_claim'

/**
 * Thrown (as a rejection) by `JwtCodec.verify` for every token it refuses, whatever went
 * wrong inside: no `jose` or `fast-jwt` error, `SyntaxError` or `TypeError` gets out. The message
 * never contains the token. Answer it with a 401, as FastAPI's tutorial does with
 * `InvalidTokenError`.
 *
 * @example
 * ```ts
 * const payload = await tokens.verify(token).catch((error: unknown) => {
 *   if (error instanceof InvalidTokenError) throw new HTTPException(401, 'Could not validate credentials')
 *   throw error
 * })
 * ```
 */
export class InvalidTokenError extends Error {
  /** Which check refused the token; see {@link InvalidTokenReason}. */
  readonly reason: InvalidTokenReason
  constructor(reason: InvalidTokenReason, message: string) {
    super(message)
    this.name = 'InvalidTokenError'
    this.reason = reason
  }
}
