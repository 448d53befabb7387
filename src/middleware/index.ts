// `brisk/middleware`: the bundled middleware, each an ordinary `app.use` middleware built only
// on `brisk`'s public types. A subpath, as FastAPI's `fastapi.middleware`, so an app that uses
// none of them loads none; they need no package of their own (accessLog takes the app's pino).

export type { Coding } from './accept-encoding.js'
export { type AccessLogger, type AccessLogLine, type AccessLogOptions, accessLog } from './access-log.js'
export { type CompressionOptions, compression } from './compression.js'
export { type CorsOptions, cors } from './cors.js'
export { type HttpsRedirectOptions, httpsRedirect } from './https-redirect.js'
export { type IdempotencyOptions, idempotency } from './idempotency.js'
export { type RequestIdOptions, requestId } from './request-id.js'
export { type TrustedHostOptions, trustedHost } from './trusted-host.js'
