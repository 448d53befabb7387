import { CliError } from './cli-error.js'

/** How long a module may take to import while something else keeps the process alive. */
const IMPORT_TIMEOUT_MS = 60_000

/**
 * `import(url)`, failing instead of waiting forever when the module's top-level code never
 * settles: at once when nothing is left to wake it (Node would otherwise exit silently, or with
 * code 13 "unsettled top-level await"), else after a minute. Neither watcher keeps the process alive.
 */
export async function importModule(url: string, label: string): Promise<Record<string, unknown>> {
  let timer: NodeJS.Timeout | undefined
  let onDrain: (() => void) | undefined
  const stalled = new Promise<never>((_, reject) => {
    const fail = (why: string) =>
      reject(
        new CliError(`${label} did not finish loading: ${why}; it should only build and export the app.`),
      )
    onDrain = () => fail('its top-level code awaits something that never settles')
    process.once('beforeExit', onDrain)
    timer = setTimeout(() => fail(`still loading after ${IMPORT_TIMEOUT_MS / 1000} s`), IMPORT_TIMEOUT_MS)
    timer.unref()
  })
  try {
    return await Promise.race([import(url) as Promise<Record<string, unknown>>, stalled])
  } finally {
    clearTimeout(timer)
    if (onDrain !== undefined) process.off('beforeExit', onDrain)
  }
}
