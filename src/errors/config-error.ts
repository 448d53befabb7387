/**
 * A mistake in how the app is put together (a bad path template, a path parameter that the path
 * does not have, an invalid limit). Thrown at registration or startup, never per request; the
 * message says what to change.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}
