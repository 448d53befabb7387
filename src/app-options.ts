import type { ListenOptions } from './adapters/node-server.js'
import type { MultipartLimits } from './body/multipart-limits.js'
import type { KnownOptions } from './errors/check-options.js'
import { ConfigError } from './errors/config-error.js'
import type { DeclaredState } from './http/state.js'
import type { Lifespan } from './lifespan.js'
import type { DocsOptions } from './openapi/docs-routes.js'
import { OPENAPI_VERSIONS, type OpenAPIInfo } from './openapi/document.js'
import type { Logger } from './pipeline/logger.js'
import { ROUTER_OPTIONS, type RouterOptions } from './routing/route-registry.js'
import type { WebSocketOptions } from './websocket/websocket-options.js'

/** Options of `new App()`. Every limit has a safe default. */
export interface AppOptions<S extends DeclaredState = DeclaredState>
  extends RouterOptions,
    Omit<OpenAPIInfo, 'title' | 'version' | 'description' | 'rootPath' | 'tags'>,
    Omit<DocsOptions, 'title' | 'rootPath'> {
  /** Setup before serving and teardown after; what it yields is every request's `state`. */
  lifespan?: Lifespan<S>
  /** The API's title in OpenAPI (default "Brisk"). */
  title?: string
  /** The API's version in OpenAPI (default "0.1.0"). */
  version?: string
  description?: string
  /** Descriptions and links of tags, in the order the docs show them (FastAPI's `openapi_tags`). */
  openapiTags?: OpenAPIInfo['tags']
  /**
   * Accept two routes with the same method and path, or a route registered after a mount that
   * takes its path (default false: a `ConfigError` at startup). The first registered then
   * answers, as in FastAPI, and the OpenAPI document shows the last.
   */
  allowDuplicateRoutes?: boolean
  /** Sends stack traces in 500 responses. Only for your own machine. */
  debug?: boolean
  /** The path prefix a proxy strips before forwarding (FastAPI's `root_path`). */
  rootPath?: string
  /** Redirect `/items` to `/items/` (and back) with a 307 when only the other matches (default true). */
  redirectSlashes?: boolean
  /** Parse a body as JSON only when its Content-Type says JSON (default true, as FastAPI). */
  strictContentType?: boolean
  /** Largest request body in bytes, for every route that does not set its own (default 1 MiB). */
  bodyLimit?: number
  /**
   * Decode request bodies sent with `Content-Encoding: gzip`, `deflate` or `br` (default false).
   * The body limit then counts decoded bytes and decoding stops as soon as it is passed (413);
   * a body that does not decode is a 400. Off, a body with any coding but `identity` is a 415.
   */
  requestDecompression?: boolean
  /** Most query parameters accepted (default 1000). */
  maxQueryParams?: number
  /** Most fields of an urlencoded form body accepted (default 1000). */
  maxFormFields?: number
  /**
   * Limits for `multipart/form-data` bodies (file size and count, fields, parts, part headers,
   * total size, spool threshold); each has a safe default, and a route's `multipart` overrides them.
   */
  multipart?: Partial<MultipartLimits>
  /** Where errors are reported (pino-compatible; default: stderr). */
  logger?: Logger
  /**
   * Most validation errors a 422 lists (default 100): a body of 60,000 unexpected keys must not
   * answer with 60,000 errors. FastAPI lists them all; see docs/errors.md.
   */
  maxValidationErrors?: number
  /**
   * Largest `input` a validation error echoes, in characters of JSON (default 1,000): a longer
   * string is cut, a longer list or object keeps its first items (docs/errors.md).
   */
  maxErrorInputLength?: number
  /**
   * Limits of the app's WebSockets: message size (1 MiB), allowed origins (same-origin), ping
   * interval, outgoing backlog, per-message deflate (off); see docs/websockets.md.
   */
  websocket?: WebSocketOptions
}

/** Every option of `new App()`, so a misspelt one is refused. */
export const APP_OPTIONS = {
  ...ROUTER_OPTIONS,
  summary: true,
  termsOfService: true,
  contact: true,
  license: true,
  servers: true,
  externalDocs: true,
  rootPathInServers: true,
  openapiVersion: true,
  separateInputOutputSchemas: true,
  openapiUrl: true,
  docsUrl: true,
  redocUrl: true,
  swaggerUiOauth2RedirectUrl: true,
  docsAssetsUrl: true,
  swaggerUiParameters: true,
  swaggerUiInitOAuth: true,
  swaggerJsUrl: true,
  swaggerCssUrl: true,
  swaggerFaviconUrl: true,
  redocJsUrl: true,
  redocFaviconUrl: true,
  redocWithGoogleFonts: true,
  lifespan: true,
  allowDuplicateRoutes: true,
  title: true,
  version: true,
  description: true,
  openapiTags: true,
  debug: true,
  rootPath: true,
  redirectSlashes: true,
  strictContentType: true,
  bodyLimit: true,
  requestDecompression: true,
  maxQueryParams: true,
  maxFormFields: true,
  multipart: true,
  logger: true,
  maxValidationErrors: true,
  maxErrorInputLength: true,
  websocket: true,
} as const satisfies KnownOptions<AppOptions>

/** Options of `app.listen()`: the server's, and the root path to serve under. */
export interface AppListenOptions extends ListenOptions {
  /**
   * The path prefix a proxy strips before forwarding (uvicorn's `--root-path`, `brisk run
   * --root-path`): replaces the app's `rootPath` option, as if it had been given to `new App()`.
   */
  rootPath?: string
}

export function checkRootPath(rootPath: string): string {
  if (rootPath !== '' && (!rootPath.startsWith('/') || rootPath.endsWith('/'))) {
    throw new ConfigError(`rootPath "${rootPath}" must start with "/" and must not end with "/".`)
  }
  return rootPath
}

export function checkOpenAPIVersion(version: unknown): void {
  if (version === undefined || (OPENAPI_VERSIONS as readonly unknown[]).includes(version)) return
  throw new ConfigError(
    `openapiVersion ${JSON.stringify(version)} is not one Brisk writes: choose ${OPENAPI_VERSIONS.map((v) => `'${v}'`).join(', ')}.`,
  )
}

// An invalid limit must fail at startup, never silently mean "no limit" (body-parser GHSA-v422-hmwv-36x6).
export function checkLimit(name: string, value: number, least = 0): void {
  if (!Number.isSafeInteger(value) || value < least) {
    throw new ConfigError(`${name} must be a whole number of at least ${least}, got ${String(value)}.`)
  }
}
