import type { MultipartLimits } from '../body/multipart-limits.js'
import type { Dependency } from '../di/dependency.js'
import type { KnownOptions } from '../errors/check-options.js'
import type { BodySpec, ParamSpec } from '../params/param-spec.js'
import type { FilesSpec } from '../params/upload-spec.js'
import type { Schema } from '../schema/standard.js'
import type { ResponseClass, StreamKind } from './response-class.js'
import type { CallbackRouter } from './route-registry.js'

/** The HTTP methods a route can declare. */
export type HTTPMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'TRACE'

/** One entry of `responses`: extra responses documented in OpenAPI (FastAPI's `responses=`). */
export interface ResponseSpec {
  description?: string
  model?: Schema
  content?: Record<string, unknown>
  headers?: Record<string, unknown>
  [extra: string]: unknown
}

/** Extra responses keyed by status code, a range like "4XX", or "default". */
export type ResponsesSpec = Record<string | number, ResponseSpec>

/** Everything a route may declare besides its method, path and handler. All optional. */
export interface RouteOptions {
  path?: ParamSpec
  query?: ParamSpec
  headers?: ParamSpec
  cookies?: ParamSpec
  body?: BodySpec
  /**
   * Fields of a form body, `application/x-www-form-urlencoded` or `multipart/form-data`
   * (FastAPI's `Form`): an object of schemas, or one object schema. Strings are coerced like query
   * parameters; errors have `loc: ["body", field]`. A route reads either `body` (JSON) or a form
   * (`form` and `files`), not both.
   */
  form?: ParamSpec
  /**
   * File fields of a `multipart/form-data` body (FastAPI's `File()` / `UploadFile`), each made
   * with `upload()`: the handler's `files` holds `UploadFile`s. Errors and OpenAPI put them
   * beside `form` fields, in the order the two options are written.
   *
   * @example
   * app.post('/files', { files: { file: upload(), docs: upload.list().optional() } }, ({ files }) => ({
   *   filename: files.file.filename,
   * }))
   */
  files?: FilesSpec
  /** Limits for a multipart body on this route, over the app's (`new App({ multipart })`). */
  multipart?: Partial<MultipartLimits>
  /** Validates and filters the handler's return value (unknown fields dropped). */
  response?: Schema
  /** Leave out fields the returned value did not set (FastAPI's `response_model_exclude_unset`). */
  responseExcludeUnset?: boolean
  /** Leave out fields whose value is null (FastAPI's `response_model_exclude_none`). */
  responseExcludeNone?: boolean
  /** The success status (default 200). */
  status?: number
  /** The success response's description in OpenAPI (default "Successful Response"). */
  responseDescription?: string
  responses?: ResponsesSpec
  tags?: string[]
  summary?: string
  description?: string
  deprecated?: boolean
  operationId?: string
  /** The route's name (defaults to the handler function's name), used for the operationId. */
  name?: string
  includeInSchema?: boolean
  /** Extra fields deep-merged into the OpenAPI operation. */
  openapi?: Record<string, unknown>
  /**
   * Document the 401 (with its `WWW-Authenticate`) that the route's security schemes answer
   * missing or malformed credentials with; overrides the routers' and the app's setting.
   */
  openapiSecurityResponses?: boolean
  /**
   * Requests this operation makes to the client's API, documented as OpenAPI `callbacks`: a
   * `CallbackRouter` whose routes are named and pathed as the callbacks (FastAPI's `callbacks=`).
   */
  callbacks?: CallbackRouter<any>
  /** Dependencies whose values the handler receives under these names. */
  deps?: Record<string, Dependency<any>>
  /** Dependencies run for their effect (a check that may throw); their values are discarded. */
  dependencies?: Dependency<any>[]
  /** Maximum request body size in bytes for this route (default: the app's, 1 MiB). */
  bodyLimit?: number
  /**
   * How a returned async iterable is sent: JSON Lines (default) or server-sent events. An
   * `async function*` handler is documented as a JSON Lines stream without it; an ordinary
   * function that returns a stream sets it so the document says so.
   */
  stream?: StreamKind
  /**
   * What the success response is (FastAPI's `response_class`): `'json'` (default); `'html'` or
   * `'text'` send a returned string as `text/html` or `text/plain`; `'redirect'` sends a 307 to
   * a returned URL; `'file'` sends the file at a returned path, with ranges and conditional
   * requests. A `Reply` or web `Response` the handler returns is sent as it is. Defaults to the
   * nearest router's `defaultResponseClass`.
   *
   * @example
   * app.get('/', { responseClass: 'html' }, () => '<h1>Hello</h1>')
   */
  responseClass?: ResponseClass
}

/** Every option of a route, so a misspelt one is refused at registration. */
export const ROUTE_OPTIONS = {
  path: true,
  query: true,
  headers: true,
  cookies: true,
  body: true,
  form: true,
  files: true,
  multipart: true,
  response: true,
  responseExcludeUnset: true,
  responseExcludeNone: true,
  status: true,
  responseDescription: true,
  responses: true,
  tags: true,
  summary: true,
  description: true,
  deprecated: true,
  operationId: true,
  name: true,
  includeInSchema: true,
  openapi: true,
  openapiSecurityResponses: true,
  callbacks: true,
  deps: true,
  dependencies: true,
  bodyLimit: true,
  stream: true,
  responseClass: true,
} as const satisfies KnownOptions<RouteOptions>
