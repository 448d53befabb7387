/** One environment variable that is missing or invalid. */
export interface SettingsIssue {
  /** The variable's name, prefix included: `APP_DATABASE_URL`. */
  variable: string
  /** Pydantic's error type: `missing`, `int_parsing`, `url_parsing`, ... */
  type: string
  /** Pydantic's message: `Field required`, `Input should be a valid integer, ...`. */
  msg: string
}

/**
 * Thrown by `settings.get()` when the environment does not satisfy the settings' schema: its
 * message lists every missing or invalid variable, one per line (`DATABASE_URL: Field required`),
 * and `issues` holds them as data. Values are never part of it, so a secret never reaches a log.
 */
export class SettingsError extends Error {
  readonly issues: readonly SettingsIssue[]

  constructor(issues: readonly SettingsIssue[]) {
    const noun = issues.length === 1 ? 'variable is' : 'variables are'
    const lines = issues.map((issue) => `  ${issue.variable}: ${issue.msg}`)
    super(`${issues.length} environment ${noun} missing or invalid:\n${lines.join('\n')}`)
    this.name = 'SettingsError'
    this.issues = issues
  }
}
