// `brisk/security`: the JWT codec, password hashing and the OAuth2 password form. They live apart
// from the main entry because they load argon2's native binding, bcryptjs, jose and fast-jwt, a
// third of a cold start, and a native binding cannot load on the edge runtimes `app.fetch` serves.
// The security schemes themselves (`OAuth2PasswordBearer`, `HTTPBearer`, ...) are in `brisk`,
// except `HmacSignature`, which sits here with its client half `signRequest` and needs a store
// from `brisk/stores`.

export type { HmacSecret, SignatureHeaders } from './hmac-canonical.js'
export { HmacSignature, type HmacSignatureOptions, type SignedRequest } from './hmac-signature.js'
export {
  type AsymmetricAlgorithm,
  type AsymmetricJwtOptions,
  type HmacAlgorithm,
  type HmacJwtOptions,
  InvalidTokenError,
  type InvalidTokenReason,
  type JwtAlgorithm,
  JwtCodec,
  type JwtCodecOptions,
  type JwtDuration,
  type JwtKeyInput,
  type JwtPayload,
  type JwtSignOptions,
} from './jwt.js'
export {
  type OAuth2PasswordRequest,
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
} from './password-form.js'
export { hashPassword, passwordNeedsRehash, verifyPassword } from './passwords.js'
export { type SignRequestOptions, signRequest } from './sign-request.js'
