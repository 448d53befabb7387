/**
 * Where Brisk reports what goes wrong, and what it tells the person running the server. The
 * shape is pino's (`logger.error(object, message)`), so a pino logger can be passed as is; the
 * default writes one line to stderr.
 */
export interface Logger {
  error(details: Record<string, unknown>, message: string): void
  warn(details: Record<string, unknown>, message: string): void
  info(details: Record<string, unknown>, message: string): void
}

/**
 * The default logger: every message on stderr via `console` (stdout stays the program's own, as
 * uvicorn keeps it), its details after it when there are any, and an error's stack below it.
 */
export const consoleLogger: Logger = {
  error(details, message) {
    const { err, ...rest } = details
    const cause = err === undefined ? [] : [err instanceof Error ? `\n${err.stack}` : err]
    console.error(`[brisk] ${message}`, ...detailsOf(rest), ...cause)
  },
  warn(details, message) {
    console.warn(`[brisk] ${message}`, ...detailsOf(details))
  },
  info(details, message) {
    console.error(`[brisk] ${message}`, ...detailsOf(details))
  },
}

// An empty object would print as a trailing `{}`.
function detailsOf(details: Record<string, unknown>): [Record<string, unknown>] | [] {
  return Object.keys(details).length > 0 ? [details] : []
}

/** A logger that drops everything, for tests that provoke errors on purpose. */
export const silentLogger: Logger = { error() {}, warn() {}, info() {} }
