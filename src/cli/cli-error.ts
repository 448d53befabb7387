/**
 * A failure the `brisk` command reports as one line on stderr, then exits with `exitCode`: the
 * module is missing, exports no app, or the app fails to produce what was asked. `cause` holds
 * the underlying error, whose stack `--debug` prints.
 */
export class CliError extends Error {
  readonly exitCode: number

  constructor(message: string, options: { cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'CliError'
    this.exitCode = options.exitCode ?? 1
  }
}
