import pg from 'pg'
import {
  type Broadcaster,
  type BroadcastListener,
  MemoryBroadcaster,
  type Unsubscribe,
} from '../../src/index.js'

/** The one PostgreSQL channel every Brisk notification travels on; the payload names its channel. */
const PG_CHANNEL = 'brisk_broadcast'
/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7999
const RETRY_FIRST_MS = 250
const RETRY_MAX_MS = 10_000

/**
 * A `Broadcaster` across processes and machines on PostgreSQL's LISTEN/NOTIFY: `publish` is a
 * `pg_notify` through the app's pool, and every process holds one connection that LISTENs and
 * hands each notification to its own subscribers. So a message published by any worker of any
 * instance reaches the sockets of all of them, with nothing but the database shared.
 *
 * NOTIFY is not a queue: a process whose listening connection is down (it reconnects, with
 * back-off) misses what was published meanwhile, and a payload is at most 7999 bytes of JSON
 * (publish a reference, an order id, rather than a document). Messages from one publisher arrive
 * in the order they were committed.
 */
export class PostgresBroadcaster implements Broadcaster {
  readonly #pool: pg.Pool
  readonly #url: string
  /** This process's subscribers: every notification heard is published to them. */
  readonly #local = new MemoryBroadcaster()
  #client: pg.Client | undefined
  #closed = false
  #retryMs = RETRY_FIRST_MS
  #retry: NodeJS.Timeout | undefined

  private constructor(url: string, pool: pg.Pool) {
    this.#url = url
    this.#pool = pool
  }

  /** Opens the listening connection (publishing uses `pool`); resolves once it LISTENs. */
  static async connect(url: string, pool: pg.Pool): Promise<PostgresBroadcaster> {
    const broadcaster = new PostgresBroadcaster(url, pool)
    await broadcaster.#listen()
    return broadcaster
  }

  subscribe(channel: string, listener: BroadcastListener): Promise<Unsubscribe> {
    return this.#local.subscribe(channel, listener)
  }

  async publish(channel: string, message: unknown): Promise<void> {
    const payload = JSON.stringify({ channel, message })
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
      throw new RangeError(
        `A notification on "${channel}" is ${Buffer.byteLength(payload)} bytes of JSON; PostgreSQL's NOTIFY takes at most ${MAX_PAYLOAD_BYTES}.`,
      )
    }
    await this.#pool.query('SELECT pg_notify($1, $2)', [PG_CHANNEL, payload])
  }

  /** Stops listening; the pool is the app's to end. */
  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#retry)
    const client = this.#client
    this.#client = undefined
    await client?.end().catch(() => {})
  }

  async #listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.#url })
    client.on('notification', (notification) => this.#deliver(notification.payload))
    // A dropped connection (a restart, a failover, pg_terminate_backend) is retried, not fatal.
    client.on('error', () => this.#lost(client))
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      await client.query(`LISTEN ${PG_CHANNEL}`)
    } catch (error) {
      client.end().catch(() => {})
      throw error
    }
    if (this.#closed) {
      await client.end()
      return
    }
    this.#client = client
    this.#retryMs = RETRY_FIRST_MS
  }

  /** The listening connection went away: try again, sooner the first times. */
  #lost(client: pg.Client): void {
    if (this.#closed || this.#client !== client) return
    this.#client = undefined
    client.end().catch(() => {})
    this.#retryLater()
  }

  #retryLater(): void {
    const delay = this.#retryMs
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS)
    this.#retry = setTimeout(() => {
      this.#listen().catch(() => {
        if (!this.#closed) this.#retryLater()
      })
    }, delay)
  }

  #deliver(payload: string | undefined): void {
    if (payload === undefined) return
    let parsed: { channel?: unknown; message?: unknown }
    try {
      parsed = JSON.parse(payload)
    } catch {
      return // not one of ours: someone else NOTIFYing on the channel
    }
    if (typeof parsed.channel !== 'string') return
    void this.#local.publish(parsed.channel, parsed.message)
  }
}
