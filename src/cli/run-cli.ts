import { inspect } from 'node:util'
import { GLOBAL_OPTIONS_HELP } from './args.js'
import { CliError } from './cli-error.js'
import type { CommandIO } from './command.js'
import { commands } from './commands.js'
import { describeError } from './describe-error.js'
import { UsageError } from './usage-error.js'

const HELP_FLAGS = ['-h', '--help']
/** The only options allowed before the command's name: `brisk --debug openapi app.ts`. */
const LEADING_FLAGS = ['--debug', ...HELP_FLAGS]

/**
 * Runs `brisk <command> [arguments]` and returns the exit code: 0, 1 when the command fails, 2
 * for a usage error. Failures are one line on stderr (`brisk: ...`); with `--debug`, followed
 * by the stack of what went wrong. Never throws.
 */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  try {
    await dispatch(argv, io)
    return 0
  } catch (error) {
    await io.err(`brisk: ${error instanceof CliError ? error.message : describeError(error)}\n`)
    if (argv.includes('--debug')) {
      const cause = error instanceof CliError && error.cause !== undefined ? error.cause : error
      await io.err(`${inspect(cause)}\n`)
    }
    return error instanceof CliError ? error.exitCode : 1
  }
}

async function dispatch(argv: readonly string[], io: CommandIO): Promise<void> {
  const at = argv.findIndex((arg) => !arg.startsWith('-'))
  const leading = at === -1 ? argv : argv.slice(0, at)
  const unknown = leading.find((arg) => !LEADING_FLAGS.includes(arg))
  if (unknown !== undefined)
    throw new UsageError(`Unknown option "${unknown}": put command options after the command.`)
  if (at === -1) {
    if (leading.some((arg) => HELP_FLAGS.includes(arg))) return io.out(mainHelp())
    await io.err(mainHelp())
    throw new UsageError('Missing command.')
  }
  const name = argv[at]
  const command = commands.find((candidate) => candidate.name === name)
  if (command === undefined) {
    const names = commands.map((candidate) => candidate.name).join(', ')
    throw new UsageError(`Unknown command "${name}"; the commands are ${names} (see brisk --help).`)
  }
  const rest = [...leading, ...argv.slice(at + 1)]
  if (rest.some((arg) => HELP_FLAGS.includes(arg))) return io.out(command.help)
  await command.run(rest, io)
}

function mainHelp(): string {
  const width = Math.max(...commands.map((command) => command.usage.length)) + 2
  const list = commands.map((command) => `  ${command.usage.padEnd(width)}${command.summary}`).join('\n')
  return `Usage: brisk <command> [options]

Commands:
${list}

<module> is a .js or .ts file exporting a Brisk App as "app" or as the default export (or under
the name given with --app). Importing it must not start a server: keep app.listen() in another
file. TypeScript is loaded through tsx when it is installed.

Options:
${GLOBAL_OPTIONS_HELP}

Run brisk <command> --help for a command's options.
`
}
