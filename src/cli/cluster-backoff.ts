/** The first wait before restarting a crashed worker; it doubles with each crash in a row. */
const FIRST_DELAY_MS = 100
/** The longest wait between restarts. */
const MAX_DELAY_MS = 10_000
/** A worker that stays up this long was healthy: the next crash starts the back-off again. */
const HEALTHY_AFTER_MS = 10_000

/**
 * How long to wait before restarting a worker slot that crashed: 0.1 s, then twice as long for each
 * crash in a row up to 10 s, so a worker that crashes at startup (a bad deploy, a database that is
 * down) does not spin the CPU, while a rare crash is replaced at once.
 */
export class RestartBackoff {
  #crashes = 0

  /** The delay before the next restart, given how long the crashed worker had been up. */
  next(uptimeMs: number): number {
    if (uptimeMs >= HEALTHY_AFTER_MS) this.#crashes = 0
    const delay = Math.min(FIRST_DELAY_MS * 2 ** this.#crashes, MAX_DELAY_MS)
    this.#crashes += 1
    return delay
  }
}
