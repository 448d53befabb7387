// What the idempotency middleware keeps per key, and how a kept answer becomes a reply again.
import { Reply } from '../http/reply.js'

/**
 * One key's entry: `running` while the first request is in flight; `done` with the answer to
 * replay; `unstored` when the first request finished with an answer too large, or streamed, to
 * keep, so a retry is refused instead of running the operation twice.
 */
export type IdempotencyRecord =
  | { readonly state: 'running'; readonly fingerprint: string }
  | {
      readonly state: 'done'
      readonly fingerprint: string
      readonly status: number
      readonly headers: readonly (readonly [string, string])[]
      /** The body, base64. */
      readonly body: string
    }
  | { readonly state: 'unstored'; readonly fingerprint: string }

// Written by the server for each answer, or about the connection rather than the answer.
const NOT_REPLAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date'])

/** The record of a finished request: its answer when it is whole and at most `maxBytes`. */
export function recordOf(reply: Reply, fingerprint: string, maxBytes: number): IdempotencyRecord {
  const body = reply.body
  const bytes =
    body === null
      ? new Uint8Array(0)
      : typeof body === 'string'
        ? Buffer.from(body, 'utf8')
        : body instanceof Uint8Array
          ? body
          : undefined
  if (bytes === undefined || bytes.length > maxBytes || reply.deferred)
    return { state: 'unstored', fingerprint }
  const headers: [string, string][] = []
  for (const [name, value] of reply.headers.entries())
    if (!NOT_REPLAYED.has(name)) headers.push([name, value])
  return {
    state: 'done',
    fingerprint,
    status: reply.status,
    headers,
    body: Buffer.from(bytes).toString('base64'),
  }
}

/** The kept answer, sent again. */
export function replayOf(record: IdempotencyRecord & { state: 'done' }, replayedHeader: string): Reply {
  const reply = new Reply(
    Buffer.from(record.body, 'base64'),
    record.status,
    record.headers as [string, string][],
  )
  reply.headers.set(replayedHeader, 'true')
  return reply
}

/** A stored record, or undefined for a value this middleware did not write. */
export function parseRecord(value: string): IdempotencyRecord | undefined {
  try {
    const record = JSON.parse(value) as IdempotencyRecord
    return typeof record?.fingerprint === 'string' ? record : undefined
  } catch {
    return undefined
  }
}
