/** Where a command writes, and the directory its paths are relative to. */
export interface CommandIO {
  readonly cwd: string
  /** Writes to stdout; resolves once the text is handed to the OS, so exiting next loses nothing. */
  out(text: string): Promise<void>
  /** Writes to stderr, with the same guarantee. */
  err(text: string): Promise<void>
}

/**
 * One `brisk <name>` command. `brisk dev` and `brisk run` join by adding a file that exports one
 * of these and listing it in `commands.ts`; dispatch, help and error reporting stay as they are.
 */
export interface Command {
  readonly name: string
  /** The name and its arguments, as `brisk --help` lists them: `openapi <module>`. */
  readonly usage: string
  /** One line for `brisk --help`. */
  readonly summary: string
  /** The whole text of `brisk <name> --help`. */
  readonly help: string
  /** Runs with the arguments after the command's name; fails by throwing `CliError` or `UsageError`. */
  run(argv: string[], io: CommandIO): Promise<void>
}
