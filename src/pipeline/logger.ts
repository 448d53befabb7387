/**
 * Where Brisk reports what goes wrong. The shape is pino's (`logger.error(object, message)`), so a
 * pino logger can be passed as is; the default writes one line to stderr.
 */
export interface Logger {
  error(details: Record<string, unknown>, message: string): void
  warn(details: Record<string, unknown>, message: string): void
  info(details: Record<string, unknown>, message: string): void
}

/** The default logger: messages and error stacks to stderr via `console`. */
export const consoleLogger: Logger = {
  error(details, message) {
    const { err, ...rest } = details
    console.error(
      `[brisk] ${message}`,
      Object.keys(rest).length > 0 ? rest : '',
      err instanceof Error ? `\n${err.stack}` : (err ?? ''),
    )
  },
  warn(details, message) {
    console.warn(`[brisk] ${message}`, details)
  },
  info(details, message) {
    console.info(`[brisk] ${message}`, details)
  },
}

/** A logger that drops everything, for tests that provoke errors on purpose. */
export const silentLogger: Logger = { error() {}, warn() {}, info() {} }
