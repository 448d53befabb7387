import type { RequestContext } from '../http/request-context.js'
import { type Credential, checkSchemeOptions, type SchemeOptions, SecurityScheme } from './security-scheme.js'

type KeyLocation = 'header' | 'query' | 'cookie'

/**
 * An API key read from a header, a query parameter or a cookie (FastAPI's `APIKeyHeader`,
 * `APIKeyQuery`, `APIKeyCookie`). A missing or empty key is a 401 with `WWW-Authenticate: APIKey`.
 * The value is the key as sent: compare it with `safeEqual`, never `===`.
 */
abstract class APIKeyBase<AutoError extends boolean> extends SecurityScheme<Credential<string, AutoError>> {
  readonly keyName: string

  constructor(
    location: KeyLocation,
    options: SchemeOptions<AutoError> & { name: string },
    defaultName: string,
  ) {
    super({ type: 'apiKey', in: location, name: options.name }, options, defaultName)
    this.keyName = options.name
  }

  protected abstract read(ctx: RequestContext): string | string[] | undefined

  protected authenticate(ctx: RequestContext): Credential<string, AutoError> {
    const value = this.read(ctx)
    // A repeated query key counts as its last value, as everywhere else in Brisk.
    const key = Array.isArray(value) ? value[value.length - 1] : value
    if (key === undefined || key === '') return this.reject()
    return key as Credential<string, AutoError>
  }

  protected challenge(): string {
    return 'APIKey'
  }
}

/** An API key in a request header, e.g. `X-API-Key`. */
export class APIKeyHeader<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: SchemeOptions<AutoError> & { name: string }) {
    checkSchemeOptions(APIKeyHeader, new.target, options, ['name'])
    super('header', options, 'APIKeyHeader')
  }

  protected read(ctx: RequestContext): string | undefined {
    return ctx.header(this.keyName.toLowerCase())
  }
}

/** An API key in the query string, e.g. `?api_key=…`. */
export class APIKeyQuery<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: SchemeOptions<AutoError> & { name: string }) {
    checkSchemeOptions(APIKeyQuery, new.target, options, ['name'])
    super('query', options, 'APIKeyQuery')
  }

  protected read(ctx: RequestContext): string | string[] | undefined {
    return ctx.query[this.keyName]
  }
}

/** An API key in a cookie, e.g. a session id. */
export class APIKeyCookie<AutoError extends boolean = true> extends APIKeyBase<AutoError> {
  constructor(options: SchemeOptions<AutoError> & { name: string }) {
    checkSchemeOptions(APIKeyCookie, new.target, options, ['name'])
    super('cookie', options, 'APIKeyCookie')
  }

  protected read(ctx: RequestContext): string | undefined {
    return ctx.cookies[this.keyName]
  }
}
