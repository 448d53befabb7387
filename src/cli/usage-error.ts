import { CliError } from './cli-error.js'

/**
 * The command line itself is wrong (unknown command or option, missing module, bad option value).
 * Exits with 2, the code shells and `getopt` use for misuse, so CI tells it apart from a broken app.
 */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, { exitCode: 2 })
    this.name = 'UsageError'
  }
}
