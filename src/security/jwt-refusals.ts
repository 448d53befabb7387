// Every refusal of `JwtCodec.verify` after the shape checks, worded once: the jose and the
// fast-jwt paths build them from here, so the same token gets the same reason and message.
import { InvalidTokenError } from './invalid-token-error.js'

/** `missing_claim`: a required claim is absent. */
export const missingClaim = (claim: string) =>
  new InvalidTokenError('missing_claim', `The token has no "${claim}" claim.`)
/** `wrong_issuer`. */
export const wrongIssuer = () =>
  new InvalidTokenError('wrong_issuer', 'The token was issued by someone else.')
/** `wrong_audience`. */
export const wrongAudience = () =>
  new InvalidTokenError('wrong_audience', 'The token is meant for another audience.')
/** `not_yet_valid` from `nbf`. */
export const notYetValid = () => new InvalidTokenError('not_yet_valid', 'The token is not valid yet ("nbf").')
/** `expired`. */
export const expired = () => new InvalidTokenError('expired', 'The token has expired.')
/** `malformed`: a time claim that is not a number. */
export const notANumber = (claim: string) =>
  new InvalidTokenError('malformed', `The "${claim}" claim is not a number.`)
/** `bad_signature`. */
export const badSignature = () =>
  new InvalidTokenError('bad_signature', 'The token signature does not match.')
/** `malformed`, for anything else that cannot be read. */
export const malformed = (message = 'The token is malformed.') => new InvalidTokenError('malformed', message)
/** `not_yet_valid` from `iat`. */
export const issuedInFuture = () =>
  new InvalidTokenError('not_yet_valid', 'The token was issued in the future ("iat").')
/** `wrong_algorithm`, from a verifier library (the shape checks word their own). */
export const wrongAlgorithm = () =>
  new InvalidTokenError('wrong_algorithm', 'The token algorithm is not accepted.')
/** `unsupported_header`, from a verifier library (the shape checks word their own). */
export const unsupportedHeader = () =>
  new InvalidTokenError('unsupported_header', 'The token uses an unsupported header.')
