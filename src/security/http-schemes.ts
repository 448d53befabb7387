import { ConfigError } from '../errors/config-error.js'
import type { HTTPException } from '../errors/http-exception.js'
import type { RequestContext } from '../http/request-context.js'
import {
  authorizationParts,
  type Credential,
  checkSchemeOptions,
  type SchemeOptions,
  SecurityScheme,
} from './security-scheme.js'

/** The scheme and credentials of an `Authorization` header (FastAPI's `HTTPAuthorizationCredentials`). */
export interface HTTPAuthorizationCredentials {
  readonly scheme: string
  readonly credentials: string
}

/** A user name and password from HTTP Basic (FastAPI's `HTTPBasicCredentials`). */
export interface HTTPBasicCredentials {
  readonly username: string
  readonly password: string
}

/**
 * An HTTP authentication scheme of a given name (FastAPI's `HTTPBase`): the value is the
 * header's scheme and credentials, whatever the scheme.
 */
export class HTTPBase<AutoError extends boolean = true> extends SecurityScheme<
  Credential<HTTPAuthorizationCredentials, AutoError>
> {
  readonly #scheme: string

  constructor(
    options: SchemeOptions<AutoError> & { scheme: string },
    extra: Record<string, unknown> = {},
    defaultName = 'HTTPBase',
  ) {
    checkSchemeOptions(HTTPBase, new.target, options, ['scheme'])
    super({ type: 'http', scheme: options.scheme, ...extra }, options, defaultName)
    // The scheme goes into `WWW-Authenticate`: it must be an HTTP token (RFC 9110 §11.1).
    if (!TOKEN.test(options.scheme)) {
      throw new ConfigError(`HTTP authentication scheme "${options.scheme}" is not an HTTP token.`)
    }
    this.#scheme = options.scheme
  }

  protected authenticate(ctx: RequestContext): Credential<HTTPAuthorizationCredentials, AutoError> {
    const [scheme, credentials] = authorizationParts(ctx.header('authorization'))
    if (scheme === '' || credentials === '') return this.reject()
    return { scheme, credentials } as Credential<HTTPAuthorizationCredentials, AutoError>
  }

  protected challenge(): string {
    return titleCase(this.#scheme)
  }

  /** The credentials when the header uses `expected` (any case), else the rejection. */
  protected credentialsOf(
    ctx: RequestContext,
    expected: string,
  ): Credential<HTTPAuthorizationCredentials, AutoError> {
    const [scheme, credentials] = authorizationParts(ctx.header('authorization'))
    if (scheme === '' || credentials === '' || scheme.toLowerCase() !== expected) return this.reject()
    return { scheme, credentials } as Credential<HTTPAuthorizationCredentials, AutoError>
  }
}

/**
 * `Authorization: Bearer <token>` (FastAPI's `HTTPBearer`): the value is the scheme and the
 * token. Any other scheme, or none, is a 401 with `WWW-Authenticate: Bearer`.
 */
export class HTTPBearer<AutoError extends boolean = true> extends HTTPBase<AutoError> {
  constructor(options: SchemeOptions<AutoError> & { bearerFormat?: string } = {}) {
    checkSchemeOptions(HTTPBearer, new.target, options, ['bearerFormat'])
    const extra = options.bearerFormat === undefined ? {} : { bearerFormat: options.bearerFormat }
    super({ ...options, scheme: 'bearer' }, extra, 'HTTPBearer')
  }

  protected override authenticate(ctx: RequestContext): Credential<HTTPAuthorizationCredentials, AutoError> {
    return this.credentialsOf(ctx, 'bearer')
  }
}

/**
 * `Authorization: Digest …` (FastAPI's `HTTPDigest`): the value is the raw credentials; checking
 * the digest is yours to do.
 */
export class HTTPDigest<AutoError extends boolean = true> extends HTTPBase<AutoError> {
  constructor(options: SchemeOptions<AutoError> = {}) {
    checkSchemeOptions(HTTPDigest, new.target, options, [])
    super({ ...options, scheme: 'digest' }, {}, 'HTTPDigest')
  }

  protected override authenticate(ctx: RequestContext): Credential<HTTPAuthorizationCredentials, AutoError> {
    return this.credentialsOf(ctx, 'digest')
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * HTTP Basic (FastAPI's `HTTPBasic`): the value is the user name and password. No header, another
 * scheme, invalid base64, text that is not UTF-8, or no `:` is a 401 with `WWW-Authenticate: Basic`
 * (`Basic realm="…"` with a realm), so browsers show their login dialog. Compare the password
 * with `safeEqual` or `verifyPassword`, never `===`.
 *
 * Unlike FastAPI (ASCII only), the decoded text may be UTF-8, as RFC 7617 allows.
 */
export class HTTPBasic<AutoError extends boolean = true> extends SecurityScheme<
  Credential<HTTPBasicCredentials, AutoError>
> {
  readonly realm: string | undefined

  constructor(options: SchemeOptions<AutoError> & { realm?: string } = {}) {
    checkSchemeOptions(HTTPBasic, new.target, options, ['realm'])
    super({ type: 'http', scheme: 'basic' }, options, 'HTTPBasic')
    // The realm goes into a response header: a line break or a non-ASCII character there would
    // fail every 401 at send time, so it is refused now.
    if (options.realm !== undefined && !PRINTABLE_ASCII.test(options.realm)) {
      throw new ConfigError('HTTPBasic realm must be printable ASCII (no line breaks or control characters).')
    }
    this.realm = options.realm
  }

  protected authenticate(ctx: RequestContext): Credential<HTTPBasicCredentials, AutoError> {
    const [scheme, encoded] = authorizationParts(ctx.header('authorization'))
    if (scheme.toLowerCase() !== 'basic') return this.reject()
    // Basic credentials that are sent but malformed are a 401 even with `autoError: false`, as in
    // FastAPI: the client tried to authenticate and got it wrong, which is not anonymous.
    if (encoded.length % 4 !== 0 || !BASE64.test(encoded)) throw this.notAuthenticated()
    let decoded: string
    try {
      decoded = utf8.decode(Buffer.from(encoded, 'base64'))
    } catch {
      throw this.notAuthenticated()
    }
    const colon = decoded.indexOf(':')
    if (colon === -1) throw this.notAuthenticated()
    return {
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1),
    } as Credential<HTTPBasicCredentials, AutoError>
  }

  /** Malformed credentials are refused even with `autoError: false`. */
  protected override refusal(): HTTPException {
    return this.notAuthenticated()
  }

  protected challenge(): string {
    // A realm with a quote or backslash would break out of the quoted string: escape both.
    return this.realm === undefined || this.realm === ''
      ? 'Basic'
      : `Basic realm="${this.realm.replace(/["\\]/g, '\\$&')}"`
  }
}

function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
}
