import type { Writable } from 'node:stream'

/**
 * Resolves once `stream` can take more ('drain') or will take nothing more ('close'), so a
 * writer that waits on backpressure never waits forever on a destination that went away.
 */
export function drainOrClose(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done)
      stream.off('close', done)
      resolve()
    }
    stream.on('drain', done)
    stream.on('close', done)
  })
}
