import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './usage-error.js'

/** Options every command accepts; `run-cli.ts` acts on them before the command runs. */
export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
} as const

/** The lines of `--help` describing `GLOBAL_OPTIONS`, shared by every command's help. */
export const GLOBAL_OPTIONS_HELP = `  --debug                    print stack traces of errors
  -h, --help                 show this help`

/**
 * `node:util`'s `parseArgs` (strict: unknown options and missing values are errors), its errors
 * turned into `UsageError` so they exit with 2 and no stack.
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
      // Node's message goes on with advice about `--` that only fits unknown options: keep the first sentence.
      throw new UsageError((error as Error).message.split('. ')[0]!)
    }
    throw error
  }
}

/** The single `<module>` argument of a command that loads an app. */
export function onlyModule(command: string, positionals: readonly string[]): string {
  const [module, extra] = positionals
  if (module === undefined) throw new UsageError(`Missing <module>: brisk ${command} <module> [options].`)
  if (extra !== undefined)
    throw new UsageError(`Unexpected argument "${extra}": brisk ${command} takes one module.`)
  return module
}

/** Checks a string option against its allowed values; `undefined` (not given) passes through. */
export function parseChoice<C extends string>(
  option: string,
  value: string | undefined,
  choices: readonly C[],
): C | undefined {
  if (value === undefined || (choices as readonly string[]).includes(value)) return value as C | undefined
  throw new UsageError(`--${option} must be one of ${choices.join(', ')}; got "${value}".`)
}

/** A whole number option within `[min, max]`; `undefined` (not given) passes through. */
export function parseInteger(
  option: string,
  value: string | undefined,
  range: { min: number; max: number },
): number | undefined {
  if (value === undefined) return undefined
  const number = Number(value)
  if (!/^\d+$/.test(value) || number < range.min || number > range.max) {
    throw new UsageError(
      `--${option} must be a whole number from ${range.min} to ${range.max}; got "${value}".`,
    )
  }
  return number
}
