// Brisk's public API. Everything a user imports comes from here, but for the JWT codec, password
// hashing and the OAuth2 password form, in `brisk/security` (src/security/index.ts): they load
// native and crypto libraries an app that does not use them should not pay for at startup.
export type { BriskServer, ListenOptions } from './adapters/node-server.js'
export { App, type Mountable } from './app.js'
export type { AppListenOptions, AppOptions } from './app-options.js'
export type { MultipartLimits } from './body/multipart-limits.js'
export {
  Dependency,
  type DependencyArgs,
  type DependencyContextArgs,
  type DependencyScope,
  type DependencyValue,
  type DependsOptions,
  depends,
  type SecurityOptions,
  type SecuritySchemeInfo,
  SecurityScopes,
  security,
} from './di/dependency.js'
export { DependencySwallowedError } from './di/exit-stack.js'
export { DependencyOverrides } from './di/overrides.js'
export { ConfigError } from './errors/config-error.js'
export { type ErrorHeaders, HTTPException } from './errors/http-exception.js'
export { ListenError } from './errors/listen-error.js'
export { RequestValidationError } from './errors/request-validation-error.js'
export { ResponseValidationError } from './errors/response-validation-error.js'
export { reasonPhrase } from './errors/status-phrases.js'
export type { ErrorLocation, ValidationErrorItem } from './errors/validation-error-item.js'
export { WebSocketDisconnect } from './errors/websocket-disconnect.js'
export { WebSocketException } from './errors/websocket-exception.js'
export type { BaseHandlerContext, Handler, HandlerContext } from './handler/handler-context.js'
export type { WebSocketHandler, WebSocketHandlerContext } from './handler/websocket-handler.js'
export { BackgroundTasks } from './http/background-tasks.js'
export { type FileOptions, file } from './http/file-reply.js'
export type { Middleware, Next } from './http/middleware.js'
export { Reply, type ReplyBody } from './http/reply.js'
export { RequestContext, type RequestHeaders } from './http/request-context.js'
export { type HeadersInput, ResponseHeaders } from './http/response-headers.js'
export { ResponseParams } from './http/response-params.js'
export {
  html,
  type ItemStreamOptions,
  json,
  jsonLines,
  type ReplyInit,
  redirect,
  type SseOptions,
  type StreamOptions,
  sse,
  stream,
  text,
} from './http/responses.js'
export { ServerSentEvent, type ServerSentEventFields } from './http/server-sent-event.js'
export type { CookieOptions } from './http/set-cookie.js'
export type { State } from './http/state.js'
export { type PartHeaders, UploadFile } from './http/upload-file.js'
export type { DocsOptions } from './openapi/docs-routes.js'
export type { OpenAPIInfo } from './openapi/document.js'
export { toOpenAPI30 } from './openapi/downgrade.js'
export type {
  InfoObject,
  JsonSchema,
  OpenAPIDocument,
  OperationObject,
  PathItemObject,
  ServerObject,
  TagObject,
} from './openapi/types.js'
export type { BodySpec, ParamSpec, SchemaShape } from './params/param-spec.js'
export {
  type FilesSpec,
  type InferFiles,
  type UploadArity,
  UploadField,
  type UploadOptions,
  upload,
} from './params/upload-spec.js'
export {
  type ExceptionHandler,
  httpExceptionHandler,
  requestValidationExceptionHandler,
} from './pipeline/exception-handlers.js'
export type { FetchHandler } from './pipeline/fetch-handler-mount.js'
export { consoleLogger, type Logger, silentLogger } from './pipeline/logger.js'
export type { ResponseClass, StreamKind } from './routing/response-class.js'
export type { HTTPMethod, ResponseSpec, ResponsesSpec, RouteOptions } from './routing/route-options.js'
export {
  CallbackRouter,
  type IncludeOptions,
  type OperationRoute,
  Router,
  type RouterOptions,
} from './routing/route-registry.js'
export type { WebSocketRouteOptions } from './routing/websocket-options.js'
export type { SentFields } from './schema/prune-output.js'
export type { InferIn, InferOut, Schema } from './schema/standard.js'
export { APIKeyCookie, APIKeyHeader, APIKeyQuery } from './security/api-key.js'
export { safeEqual } from './security/compare.js'
export {
  type HTTPAuthorizationCredentials,
  HTTPBase,
  HTTPBasic,
  type HTTPBasicCredentials,
  HTTPBearer,
  HTTPDigest,
} from './security/http-schemes.js'
export {
  OAuth2,
  OAuth2AuthorizationCodeBearer,
  OAuth2PasswordBearer,
  OpenIdConnect,
  type ScopeDescriptions,
} from './security/oauth2.js'
export { type Credential, type SchemeOptions, SecurityScheme } from './security/security-scheme.js'
export {
  defineSettings,
  type Settings,
  type SettingsOptions,
  type SettingsValues,
} from './settings/define-settings.js'
export { SettingsError, type SettingsIssue } from './settings/settings-error.js'
export { StaticFiles, type StaticFilesOptions, staticFiles } from './static/static-files.js'
export { ContentDecodingError } from './testing/content-decoding.js'
export type { FileContent, FileInput, FilesInput } from './testing/multipart-body.js'
export { TestClient, type TestClientOptions, type TestRequestOptions } from './testing/test-client.js'
export { TestResponse } from './testing/test-response.js'
export type { WebSocketConnectOptions } from './testing/websocket-connect.js'
export { WebSocketDenialResponse } from './testing/websocket-denial.js'
export { WebSocketTestSession } from './testing/websocket-test-session.js'
export {
  type Broadcaster,
  type BroadcastListener,
  forwardToSocket,
  MemoryBroadcaster,
  type Unsubscribe,
} from './websocket/broadcaster.js'
export { CloseCode } from './websocket/close-codes.js'
export type { AcceptOptions, WebSocketMessage } from './websocket/transport.js'
export { WebSocket, type WebSocketState } from './websocket/websocket.js'
export type { WebSocketOptions } from './websocket/websocket-options.js'
export { websocketOf } from './websocket/websocket-route.js'
