import type { RequestContext } from '../http/request-context.js'
import {
  authorizationParts,
  type Credential,
  checkSchemeOptions,
  type SchemeOptions,
  SecurityScheme,
} from './security-scheme.js'

/** OAuth2 scopes the API knows, by name, with a description for the docs' Authorize dialog. */
export type ScopeDescriptions = Record<string, string>

/**
 * A scheme whose value is the whole `Authorization` header, whatever its scheme, challenged with
 * `Bearer` (FastAPI's `OAuth2` and `OpenIdConnect`: the token is yours to verify).
 */
abstract class AuthorizationHeaderScheme<AutoError extends boolean> extends SecurityScheme<
  Credential<string, AutoError>
> {
  protected authenticate(ctx: RequestContext): Credential<string, AutoError> {
    const authorization = ctx.header('authorization')
    if (authorization === undefined || authorization === '') return this.reject()
    return authorization as Credential<string, AutoError>
  }

  protected challenge(): string {
    return 'Bearer'
  }
}

/**
 * OAuth2 with flows you describe yourself (FastAPI's `OAuth2`): the value is the whole
 * `Authorization` header. Prefer `OAuth2PasswordBearer` or `OAuth2AuthorizationCodeBearer`.
 */
export class OAuth2<AutoError extends boolean = true> extends AuthorizationHeaderScheme<AutoError> {
  constructor(
    options: SchemeOptions<AutoError> & { flows?: Record<string, unknown> } = {},
    defaultName = 'OAuth2',
  ) {
    checkSchemeOptions(OAuth2, new.target, options, ['flows'])
    super({ type: 'oauth2', flows: options.flows ?? {} }, options, defaultName)
  }
}

/** The bearer token of a request, for OAuth2 flows that issue bearer tokens. */
function bearerToken<T>(ctx: RequestContext, reject: () => T): T | string {
  const [scheme, token] = authorizationParts(ctx.header('authorization'))
  // FastAPI hands on an empty token ("Bearer "); an empty token is no credential, so it is a 401.
  if (scheme.toLowerCase() !== 'bearer' || token === '') return reject()
  return token
}

/**
 * OAuth2 password flow with bearer tokens (FastAPI's `OAuth2PasswordBearer`): the value is the
 * token from `Authorization: Bearer <token>`; the docs' Authorize dialog posts the user's name and
 * password to `tokenUrl` (relative to the docs page) and sends the token it gets back.
 *
 * @example
 * const oauth2Scheme = new OAuth2PasswordBearer({ tokenUrl: 'token' })
 * app.get('/items/', { deps: { token: oauth2Scheme } }, ({ token }) => ({ token }))
 */
export class OAuth2PasswordBearer<AutoError extends boolean = true> extends OAuth2<AutoError> {
  constructor(
    options: SchemeOptions<AutoError> & { tokenUrl: string; refreshUrl?: string; scopes?: ScopeDescriptions },
  ) {
    checkSchemeOptions(OAuth2PasswordBearer, new.target, options, ['tokenUrl', 'refreshUrl', 'scopes'])
    const password: Record<string, unknown> = { scopes: options.scopes ?? {}, tokenUrl: options.tokenUrl }
    if (options.refreshUrl !== undefined) password.refreshUrl = options.refreshUrl
    super({ ...options, flows: { password } }, 'OAuth2PasswordBearer')
  }

  protected override authenticate(ctx: RequestContext): Credential<string, AutoError> {
    return bearerToken(ctx, () => this.reject()) as Credential<string, AutoError>
  }
}

/** OAuth2 authorization-code flow with bearer tokens (FastAPI's `OAuth2AuthorizationCodeBearer`). */
export class OAuth2AuthorizationCodeBearer<AutoError extends boolean = true> extends OAuth2<AutoError> {
  constructor(
    options: SchemeOptions<AutoError> & {
      authorizationUrl: string
      tokenUrl: string
      refreshUrl?: string
      scopes?: ScopeDescriptions
    },
  ) {
    checkSchemeOptions(OAuth2AuthorizationCodeBearer, new.target, options, [
      'authorizationUrl',
      'tokenUrl',
      'refreshUrl',
      'scopes',
    ])
    const flow: Record<string, unknown> = {
      authorizationUrl: options.authorizationUrl,
      tokenUrl: options.tokenUrl,
      scopes: options.scopes ?? {},
    }
    if (options.refreshUrl !== undefined) flow.refreshUrl = options.refreshUrl
    super({ ...options, flows: { authorizationCode: flow } }, 'OAuth2AuthorizationCodeBearer')
  }

  protected override authenticate(ctx: RequestContext): Credential<string, AutoError> {
    return bearerToken(ctx, () => this.reject()) as Credential<string, AutoError>
  }
}

/**
 * OpenID Connect discovery (FastAPI's `OpenIdConnect`): documents the provider's discovery URL;
 * the value is the whole `Authorization` header, to verify yourself.
 */
export class OpenIdConnect<AutoError extends boolean = true> extends AuthorizationHeaderScheme<AutoError> {
  constructor(options: SchemeOptions<AutoError> & { openIdConnectUrl: string }) {
    checkSchemeOptions(OpenIdConnect, new.target, options, ['openIdConnectUrl'])
    super({ type: 'openIdConnect', openIdConnectUrl: options.openIdConnectUrl }, options, 'OpenIdConnect')
  }
}
