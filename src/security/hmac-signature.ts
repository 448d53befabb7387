import { timingSafeEqual } from 'node:crypto'
import { ConfigError } from '../errors/config-error.js'
import { HTTPException } from '../errors/http-exception.js'
import type { RequestContext } from '../http/request-context.js'
import { isSafeRequestId } from '../http/request-id.js'
import type { KeyValueStore } from '../stores/key-value-store.js'
import {
  DEFAULT_SIGNATURE_HEADERS,
  describeSignature,
  type HmacSecret,
  type SignatureHeaders,
  signatureOf,
} from './hmac-canonical.js'
import { type Credential, checkSchemeOptions, type SchemeOptions, SecurityScheme } from './security-scheme.js'

/** Options of `new HmacSignature()`: one `secret`, or `secrets` by key id, and a replay store. */
export interface HmacSignatureOptions<AutoError extends boolean> extends SchemeOptions<AutoError> {
  /** The shared secret (at least 32 bytes). Give this or `secrets`. */
  secret?: HmacSecret
  /**
   * Secrets by key id, for several clients or for rotating a secret: the client names its key in
   * the key id header (default `X-Key-Id`), which is then required.
   */
  secrets?: Readonly<Record<string, HmacSecret>>
  /**
   * Where nonces already used are remembered until their timestamp leaves the window: a
   * `MemoryStore` for one process, a `PostgresStore` or `RedisStore` shared by every worker.
   */
  replayStore: KeyValueStore
  /** How far a request's timestamp may be from the server's clock, either way (default 300 s). */
  toleranceSeconds?: number
  /** Header names, to match an existing client (defaults: `X-Signature`, `X-Signature-Timestamp`, `X-Signature-Nonce`, `X-Key-Id`). */
  headers?: Partial<SignatureHeaders>
}

/** What a verified request's signature said. */
export interface SignedRequest {
  /** The key id the client named; undefined with a single `secret`. */
  readonly keyId: string | undefined
  /** The signed Unix time, in seconds. */
  readonly timestamp: number
  readonly nonce: string
}

const MIN_SECRET_BYTES = 32
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/
const UNIX_SECONDS = /^[0-9]{1,12}$/
const NONCE_MAX_LENGTH = 128
const OWN_OPTIONS = ['secret', 'secrets', 'replayStore', 'toleranceSeconds', 'headers']

/**
 * HMAC request signing as a security scheme: the client signs the method, the path and query as
 * sent, a timestamp, a nonce and the SHA-256 of the body with a shared secret (see `signRequest`
 * and docs/signing.md for the canonical string). The scheme checks, in this order: the headers are
 * there (else 401 `Not authenticated`, or `undefined` with `autoError: false`); the timestamp is
 * within `toleranceSeconds` of the server's clock; the signature matches, compared in constant
 * time; and the nonce has not been used before. Each failure is a 401 whose detail says which.
 * The nonce is recorded only once the signature is verified, so nobody without the secret can
 * use up a client's nonces or fill the store. Documented in OpenAPI as an `apiKey` header scheme
 * whose description spells out the canonical string.
 *
 * @example
 * ```ts
 * import { App, depends } from 'brisk'
 * import { HmacSignature } from 'brisk/security'
 * import { MemoryStore } from 'brisk/stores'
 *
 * const signed = new HmacSignature({ secret: process.env.WEBHOOK_SECRET!, replayStore: new MemoryStore() })
 * const app = new App()
 * app.post('/webhooks/orders', { deps: { signature: signed } }, ({ signature }) => ({ nonce: signature.nonce }))
 * ```
 */
export class HmacSignature<AutoError extends boolean = true> extends SecurityScheme<
  Credential<SignedRequest, AutoError>
> {
  /** Secrets by key id; a single `secret` is held under the key id `undefined`. */
  readonly #secrets: ReadonlyMap<string | undefined, Buffer>
  readonly #keyIds: boolean
  readonly #store: KeyValueStore
  readonly #toleranceSeconds: number
  readonly #headers: SignatureHeaders
  readonly #storePrefix: string
  readonly #verified = new WeakMap<RequestContext, Promise<Credential<SignedRequest, AutoError>>>()

  constructor(options: HmacSignatureOptions<AutoError>) {
    checkSchemeOptions(HmacSignature, new.target, options, OWN_OPTIONS)
    const headers = signatureHeaders(options.headers)
    const keyIds = options.secrets !== undefined
    super(
      { type: 'apiKey', in: 'header', name: headers.signature },
      { ...options, description: joinDescription(options.description, describeSignature(headers, keyIds)) },
      'HmacSignature',
    )
    this.#secrets = secretsOf(options)
    this.#keyIds = keyIds
    if (typeof options.replayStore?.setIfAbsent !== 'function') {
      throw new ConfigError(
        'new HmacSignature() needs a replayStore (new MemoryStore() for one process, a PostgresStore or RedisStore shared by every worker).',
      )
    }
    this.#store = options.replayStore
    const tolerance = options.toleranceSeconds ?? 300
    if (!Number.isSafeInteger(tolerance) || tolerance < 1 || tolerance > 86_400) {
      throw new ConfigError(
        `toleranceSeconds of new HmacSignature() must be a whole number from 1 to 86400, got ${String(tolerance)}.`,
      )
    }
    this.#toleranceSeconds = tolerance
    this.#headers = headers
    this.#storePrefix = `brisk:nonce:${this.securityScheme!.name}:`
  }

  /**
   * Verifies the request's signature now, outside the dependency graph (a middleware that must
   * know the caller first, such as `idempotency()`'s `scope`): the same checks and 401s as the
   * scheme's. Done once per request: the route's own use of the scheme then gets the same result
   * rather than seeing its nonce as a replay.
   */
  verify(ctx: RequestContext): Promise<Credential<SignedRequest, AutoError>> {
    let verified = this.#verified.get(ctx)
    if (verified === undefined) {
      verified = this.#check(ctx)
      this.#verified.set(ctx, verified)
    }
    return verified
  }

  protected authenticate(ctx: RequestContext): Promise<Credential<SignedRequest, AutoError>> {
    return this.verify(ctx)
  }

  async #check(ctx: RequestContext): Promise<Credential<SignedRequest, AutoError>> {
    const names = this.#headers
    const signature = ctx.header(names.signature)
    const timestamp = ctx.header(names.timestamp)
    const nonce = ctx.header(names.nonce)
    const keyId = this.#keyIds ? ctx.header(names.keyId) : undefined
    if (!signature || !timestamp || !nonce || (this.#keyIds && !keyId)) return this.reject()
    if (!UNIX_SECONDS.test(timestamp)) throw this.#refuse('Invalid signature timestamp')
    if (!isSafeRequestId(nonce, NONCE_MAX_LENGTH)) throw this.#refuse('Invalid signature nonce')
    const secret = this.#secrets.get(keyId)
    // An unknown key id gets the same answer as a wrong signature: which ids exist is not told.
    if (secret === undefined || !HEX_SHA256.test(signature)) throw this.#refuse('Invalid signature')
    const seconds = Number(timestamp)
    const now = Date.now() / 1000
    if (Math.abs(now - seconds) > this.#toleranceSeconds)
      throw this.#refuse('Signature timestamp is outside the allowed window')
    const body = await readBody(ctx)
    const expected = signatureOf(secret, { method: ctx.method, target: ctx.url, timestamp, nonce, body })
    if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw this.#refuse('Invalid signature')
    // Remembered until the timestamp leaves the window, after which the request is stale anyway.
    const ttlMs = Math.ceil((seconds + this.#toleranceSeconds - now) * 1000) + 1000
    const fresh = await this.#store.setIfAbsent(`${this.#storePrefix}${keyId ?? ''}:${nonce}`, '1', ttlMs)
    if (!fresh) throw this.#refuse('Replayed request: this nonce was already used')
    return { keyId, timestamp: seconds, nonce } as Credential<SignedRequest, AutoError>
  }

  protected challenge(): string {
    return 'APIKey'
  }

  /** A bad signature is refused even with `autoError: false`: only a missing one is optional. */
  protected override refusal(): HTTPException {
    return this.notAuthenticated()
  }

  #refuse(detail: string): HTTPException {
    return new HTTPException(401, detail, { headers: { 'WWW-Authenticate': this.challenge() } })
  }
}

/** The body as sent; a multipart body already streamed to files cannot be hashed. */
function readBody(ctx: RequestContext): Promise<Uint8Array> {
  if (ctx.files !== undefined) {
    throw new Error(
      'HmacSignature cannot verify a multipart body that was streamed to files: sign a JSON or urlencoded body instead, or verify the files yourself.',
    )
  }
  return ctx.body(ctx.bodyLimit)
}

function signatureHeaders(given: Partial<SignatureHeaders> | undefined): SignatureHeaders {
  const headers: { -readonly [K in keyof SignatureHeaders]: string } = { ...DEFAULT_SIGNATURE_HEADERS }
  for (const [name, value] of Object.entries(given ?? {})) {
    if (!(name in headers))
      throw new ConfigError(
        `Unknown header "${name}" in the headers of new HmacSignature(); they are ${Object.keys(headers).join(', ')}.`,
      )
    if (typeof value !== 'string' || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(value)) {
      throw new ConfigError(
        `headers.${name} of new HmacSignature() must be a header name, got ${JSON.stringify(value)}.`,
      )
    }
    headers[name as keyof SignatureHeaders] = value.toLowerCase()
  }
  return headers
}

function secretsOf(options: HmacSignatureOptions<boolean>): ReadonlyMap<string | undefined, Buffer> {
  if ((options.secret === undefined) === (options.secrets === undefined)) {
    throw new ConfigError(
      'new HmacSignature() takes either secret or secrets (by key id), not both and not neither.',
    )
  }
  if (options.secret !== undefined) return new Map([[undefined, checkedSecret(options.secret, 'secret')]])
  const secrets = new Map<string | undefined, Buffer>()
  for (const [keyId, secret] of Object.entries(options.secrets!)) {
    secrets.set(keyId, checkedSecret(secret, `secrets[${JSON.stringify(keyId)}]`))
  }
  if (secrets.size === 0)
    throw new ConfigError('secrets of new HmacSignature() is empty: give at least one key id and secret.')
  return secrets
}

function checkedSecret(secret: HmacSecret, where: string): Buffer {
  const bytes =
    typeof secret === 'string'
      ? Buffer.from(secret, 'utf8')
      : secret instanceof Uint8Array
        ? Buffer.from(secret)
        : undefined
  if (bytes === undefined || bytes.length < MIN_SECRET_BYTES) {
    throw new ConfigError(
      `${where} of new HmacSignature() must be at least ${MIN_SECRET_BYTES} bytes (make one with crypto.randomBytes(32).toString('hex')).`,
    )
  }
  return bytes
}

function joinDescription(own: string | undefined, canonical: string): string {
  return own === undefined ? canonical : `${own}\n\n${canonical}`
}
