import { createHash } from 'node:crypto'
import { checkOptions, type KnownOptions } from '../errors/check-options.js'
import { ConfigError } from '../errors/config-error.js'
import { HTTPException } from '../errors/http-exception.js'
import type { Middleware, Next } from '../http/middleware.js'
import { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { KeyValueStore } from '../stores/key-value-store.js'
import { type IdempotencyRecord, parseRecord, recordOf, replayOf } from './idempotency-record.js'
import { flag, isHeaderName, stringList, wholeNumber } from './option-values.js'

/** Options of `idempotency()`. */
export interface IdempotencyOptions {
  /** Where keys and answers are kept: `MemoryStore` for one process, `PostgresStore` or `RedisStore` for many. */
  store: KeyValueStore
  /** How long an answer is kept and replayed, in seconds (default 86 400, a day). */
  ttlSeconds?: number
  /**
   * How long a key stays "in flight" when its request never finishes (a worker that crashed), in
   * seconds, after which the key may be used again (default 60).
   */
  lockSeconds?: number
  /** The methods that take a key (default `['POST', 'PATCH']`). */
  methods?: readonly string[]
  /** A request of those methods without a key is a 400 (default false: it runs as usual). */
  required?: boolean
  /** The request header (default `Idempotency-Key`). */
  header?: string
  /** The longest key accepted (default 255 characters). */
  maxKeyLength?: number
  /** The largest answer body kept, in bytes (default 1 MiB); a larger or streamed one is not replayed. */
  maxStoredBytes?: number
  /**
   * Whose key it is: keys of different scopes never meet, so one client cannot replay another's
   * answer by guessing its key. Return the caller's *verified* identity: this runs before the
   * route's dependencies, so check the credential here (`signature.verify(ctx)` of an
   * `HmacSignature`, your token check); an `HTTPException` it throws becomes the answer. Default:
   * the request's `Authorization` header as sent, so a kept answer is only ever replayed to a
   * request carrying the same credential (requests without one share one scope). An app that
   * authenticates with a session cookie scopes by the session it verified.
   */
  scope?: (ctx: RequestContext) => string | Promise<string>
}

const IDEMPOTENCY_OPTIONS = {
  store: true,
  ttlSeconds: true,
  lockSeconds: true,
  methods: true,
  required: true,
  header: true,
  maxKeyLength: true,
  maxStoredBytes: true,
  scope: true,
} as const satisfies KnownOptions<IdempotencyOptions>

const WHERE = 'idempotency()'
const REPLAYED_HEADER = 'idempotent-replayed'

/**
 * Idempotency keys (the IETF httpapi `Idempotency-Key` draft): a client retrying a `POST` with the
 * same key gets the first answer again instead of a second order. The first request with a key
 * runs and its answer (status below 400, whole body up to `maxStoredBytes`) is kept for
 * `ttlSeconds` and replayed with `Idempotent-Replayed: true`; the same key with another method,
 * path, query or body is a 422; a retry while the first is still running is a 409; a 4xx or 5xx
 * answer, or an error, frees the key so a corrected retry can run. The fingerprint reads the body
 * whole, within the app's `bodyLimit`.
 *
 * @example
 * ```ts
 * import { App } from 'brisk'
 * import { idempotency } from 'brisk/middleware'
 * import { MemoryStore } from 'brisk/stores'
 *
 * const app = new App()
 * app.use(idempotency({ store: new MemoryStore() }))
 * app.post('/orders', () => ({ id: crypto.randomUUID() }))
 * ```
 */
export function idempotency(options: IdempotencyOptions): Middleware {
  checkOptions(WHERE, options, IDEMPOTENCY_OPTIONS)
  const settings = resolve(options)
  return function idempotency(ctx, next) {
    if (!settings.methods.has(ctx.method)) return next()
    const sent = ctx.header(settings.header)
    if (sent === undefined) {
      return settings.required
        ? problem(400, `This operation requires an ${settings.headerTitle} header`)
        : next()
    }
    const key = parseKey(sent, settings.maxKeyLength)
    if (key === undefined) return problem(400, `Invalid ${settings.headerTitle} header`)
    return handle(ctx, next, key, settings)
  }
}

interface Settings {
  readonly store: KeyValueStore
  readonly ttlMs: number
  readonly lockMs: number
  readonly methods: ReadonlySet<string>
  readonly required: boolean
  readonly header: string
  readonly headerTitle: string
  readonly maxKeyLength: number
  readonly maxStoredBytes: number
  readonly scope: ((ctx: RequestContext) => string | Promise<string>) | undefined
}

function resolve(options: IdempotencyOptions): Settings {
  const store = options.store
  if (typeof store?.setIfAbsent !== 'function' || typeof store.get !== 'function') {
    throw new ConfigError(
      `${WHERE} needs a store: new MemoryStore() for one process, a PostgresStore or RedisStore for many.`,
    )
  }
  const header = options.header ?? 'Idempotency-Key'
  if (typeof header !== 'string' || !isHeaderName(header)) {
    throw new ConfigError(
      `header of ${WHERE} must be a header name such as 'Idempotency-Key', got ${JSON.stringify(header)}.`,
    )
  }
  if (options.scope !== undefined && typeof options.scope !== 'function') {
    throw new ConfigError(
      `scope of ${WHERE} must be a function of the request returning the caller's identity.`,
    )
  }
  const methods = stringList(WHERE, 'methods', options.methods, ['POST', 'PATCH']).map((m) => m.toUpperCase())
  return {
    store,
    ttlMs: wholeNumber(WHERE, 'ttlSeconds', options.ttlSeconds, 86_400, { min: 1, max: 31_536_000 }) * 1000,
    lockMs: wholeNumber(WHERE, 'lockSeconds', options.lockSeconds, 60, { min: 1, max: 86_400 }) * 1000,
    methods: new Set(methods),
    required: flag(WHERE, 'required', options.required, false),
    header: header.toLowerCase(),
    headerTitle: header,
    maxKeyLength: wholeNumber(WHERE, 'maxKeyLength', options.maxKeyLength, 255, { min: 1, max: 4096 }),
    maxStoredBytes: wholeNumber(WHERE, 'maxStoredBytes', options.maxStoredBytes, 1024 * 1024, {
      min: 0,
      max: 64 * 1024 * 1024,
    }),
    scope: options.scope,
  }
}

async function handle(ctx: RequestContext, next: Next, key: string, s: Settings): Promise<Reply> {
  let fingerprint: string
  let scope: string
  try {
    fingerprint = fingerprintOf(ctx, await ctx.body(ctx.bodyLimit))
    scope = s.scope === undefined ? credentialsOf(ctx) : await s.scope(ctx)
  } catch (error) {
    if (error instanceof HTTPException) return problem(error.status, error.detail, error.headers)
    throw error
  }
  const storeKey = `brisk:idempotency:${createHash('sha256').update(`${scope}\0${key}`).digest('hex')}`
  const running = JSON.stringify({ state: 'running', fingerprint } satisfies IdempotencyRecord)
  // Two tries: the entry found on the first may expire before it is read.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (await s.store.setIfAbsent(storeKey, running, s.lockMs))
      return runFirst(next, storeKey, fingerprint, s)
    const value = await s.store.get(storeKey)
    if (value === undefined) continue
    const record = parseRecord(value)
    if (record === undefined) break
    // A different payload first (draft §2.7): the client's mistake is worth telling even mid-flight.
    if (record.fingerprint !== fingerprint) {
      return problem(422, `This ${s.headerTitle} was already used for a different request`)
    }
    if (record.state === 'running') {
      return problem(409, `A request with this ${s.headerTitle} is still being processed; retry later`)
    }
    if (record.state === 'unstored') {
      return problem(
        409,
        `A request with this ${s.headerTitle} was already processed; its response cannot be replayed`,
      )
    }
    return replayOf(record, REPLAYED_HEADER)
  }
  return problem(409, `A request with this ${s.headerTitle} is still being processed; retry later`)
}

/** Runs the request that holds the key, then keeps its answer, or frees the key on failure. */
async function runFirst(next: Next, storeKey: string, fingerprint: string, s: Settings): Promise<Reply> {
  let reply: Reply
  try {
    reply = await next()
  } catch (error) {
    await s.store.delete(storeKey)
    throw error
  }
  // The operation has run: a store that fails now must not turn its answer into a 500, which the
  // client would retry. The key then stays in flight until `lockSeconds` pass.
  const keeping =
    reply.status >= 400
      ? s.store.delete(storeKey)
      : s.store.set(storeKey, JSON.stringify(recordOf(reply, fingerprint, s.maxStoredBytes)), s.ttlMs)
  await keeping.catch(() => {})
  return reply
}

/** Method, request target and body: what makes two requests with one key "the same". */
function fingerprintOf(ctx: RequestContext, body: Uint8Array): string {
  return createHash('sha256').update(`${ctx.method}\n${ctx.url}\n`).update(body).digest('hex')
}

/**
 * The key: an sf-string as the draft writes it (`"8e03978e-…"`, RFC 8941 §3.3.3), or the bare
 * value many clients send (Stripe's style). Printable ASCII only, 1 to `maxLength` characters;
 * undefined when it is not a key.
 */
export function parseKey(sent: string, maxLength: number): string | undefined {
  let key = sent.trim()
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1)
  if (key.length === 0 || key.length > maxLength) return undefined
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i)
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) return undefined
  }
  return key
}

/** An answer of the middleware's own, in Brisk's `{"detail": …}` shape. */
function problem(status: number, detail: unknown, headers?: Record<string, string>): Reply {
  const reply = Reply.typed(JSON.stringify({ detail }), status, 'application/json')
  if (headers !== undefined)
    for (const [name, value] of Object.entries(headers)) reply.headers.set(name, value)
  return reply
}

/**
 * The default scope: the credential the request carries. A kept answer is found before the
 * route's security runs, so without this one who learns a key and its payload would be replayed
 * its answer. Not the Cookie header: cookies a server sets as it answers (a tracking id, a
 * refreshed session) would make each retry a new scope, and the operation would run twice.
 */
function credentialsOf(ctx: RequestContext): string {
  return ctx.header('authorization') ?? ''
}
