import { Dependency, type DependencyContextArgs, type SecuritySchemeInfo } from '../di/dependency.js'
import { checkOptions } from '../errors/check-options.js'
import { HTTPException } from '../errors/http-exception.js'
import type { RequestContext } from '../http/request-context.js'

/** Options every security scheme takes. */
export interface SchemeOptions<AutoError extends boolean> {
  /** The key in OpenAPI `components.securitySchemes` (default: the class name, as FastAPI). */
  schemeName?: string
  /** Shown in the docs' Authorize dialog. */
  description?: string
  /**
   * With `false`, missing or malformed credentials give `undefined` instead of a 401, for routes
   * that also serve anonymous users or accept one of several schemes (default true).
   */
  autoError?: AutoError
}

/**
 * Refuses an unknown option of a scheme's constructor (a misspelt `tokenUrl` would document a flow
 * with no token URL). Only for the class itself: a subclass of yours may take options of its own.
 */
export function checkSchemeOptions(
  scheme: Function,
  target: Function,
  options: object | undefined,
  own: readonly string[],
): void {
  if (scheme !== target) return
  const known: Record<string, true> = { schemeName: true, description: true, autoError: true }
  for (const name of own) known[name] = true
  checkOptions(`new ${scheme.name}()`, options, known)
}

/** The value of a scheme: `undefined` is possible only with `autoError: false`. */
export type Credential<T, AutoError extends boolean> = AutoError extends false ? T | undefined : T

/**
 * A security scheme: a dependency that reads a credential from the request, and that documents
 * itself in OpenAPI (`components.securitySchemes` and the operation's `security`), so the docs'
 * Authorize button works with no extra code (FastAPI's `fastapi.security` classes).
 *
 * Subclasses read the credential in `authenticate`; `notAuthenticated` builds the error, a 401
 * `{"detail": "Not authenticated"}` with the scheme's `WWW-Authenticate` challenge as FastAPI
 * ≥ 0.122 sends it. Override it for another status or body.
 */
export abstract class SecurityScheme<T> extends Dependency<T> {
  readonly autoError: boolean
  readonly description: string | undefined

  constructor(scheme: Record<string, unknown>, options: SchemeOptions<boolean>, defaultName: string) {
    const description = options.description
    // The functions need the instance, which exists only after `super`.
    const holder: { self?: SecurityScheme<T> } = {}
    const info: SecuritySchemeInfo = {
      name: options.schemeName ?? defaultName,
      scheme: description === undefined ? scheme : { ...scheme, description },
      refusal: () => holder.self!.refusal(),
    }
    super((args: DependencyContextArgs) => holder.self!.authenticate(args.ctx), {}, { name: info.name }, info)
    holder.self = this
    this.autoError = options.autoError ?? true
    this.description = description
  }

  /**
   * Reads the credential, or calls `reject()` when it is missing or malformed. A promise is
   * awaited like any dependency's (`HmacSignature` reads the body to verify it).
   */
  protected abstract authenticate(ctx: RequestContext): T | Promise<T>

  /** The `WWW-Authenticate` challenge of this scheme. */
  protected abstract challenge(): string

  /** The error for missing or malformed credentials. */
  protected notAuthenticated(): HTTPException {
    return new HTTPException(401, 'Not authenticated', { headers: { 'WWW-Authenticate': this.challenge() } })
  }

  /**
   * The error this scheme can answer a request with, as the OpenAPI document shows it
   * (`openapiSecurityResponses`): `notAuthenticated()`, unless `autoError: false` means it never
   * refuses. A subclass that refuses even then (`HTTPBasic`, for malformed credentials) overrides it.
   */
  protected refusal(): HTTPException | undefined {
    return this.autoError ? this.notAuthenticated() : undefined
  }

  /** Missing or malformed credentials: the 401, or `undefined` with `autoError: false`. */
  protected reject(): T {
    if (this.autoError) throw this.notAuthenticated()
    return undefined as T
  }
}

/**
 * Splits an `Authorization` header at its first space into scheme and parameter (FastAPI's
 * `get_authorization_scheme_param`), the parameter trimmed.
 */
export function authorizationParts(value: string | undefined): [scheme: string, parameter: string] {
  if (value === undefined || value === '') return ['', '']
  const space = value.indexOf(' ')
  if (space === -1) return [value, '']
  return [value.slice(0, space), value.slice(space + 1).trim()]
}
