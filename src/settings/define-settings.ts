import { readFileSync } from 'node:fs'
import { inspect, parseEnv } from 'node:util'
import { type Dependency, depends } from '../di/dependency.js'
import { ConfigError } from '../errors/config-error.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { RequestContext } from '../http/request-context.js'
import { compileParamGroup } from '../params/param-group.js'
import type { SchemaShape } from '../params/param-spec.js'
import { Pending } from '../params/pending.js'
import { metaOf, wireName } from '../schema/alias.js'
import type { InferOut } from '../schema/standard.js'
import { SettingsError } from './settings-error.js'

/** Where `defineSettings` reads from. */
export interface SettingsOptions {
  /** A `.env` file read with Node's own parser (`util.parseEnv`); a missing file is skipped. */
  envFile?: string
  /** Put in front of every key to make the variable's name: `APP_` reads `port` from `APP_PORT`. */
  prefix?: string
  /** The environment (default `process.env`); variables set here win over the `.env` file's. */
  env?: Readonly<Record<string, string | undefined>>
}

/** The values of settings declared by `schema`. */
export type SettingsValues<S extends SchemaShape> = { [K in keyof S]: InferOut<S[K]> }

/** Settings read from the environment: `get()` them, or inject them with `dependency`. */
export interface Settings<T> {
  /**
   * Reads and validates the variables on the first call and returns the same object after it.
   * Call it at startup (module top level, or the lifespan) so a misconfigured server never starts.
   *
   * @throws SettingsError listing every missing or invalid variable
   */
  get(): T
  /** A dependency returning `get()`; replace it in tests with `app.dependencyOverrides.set()`. */
  readonly dependency: Dependency<T>
}

/** Variable names treated as secret without being marked: their values are never printed. */
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|KEY|CREDENTIAL|PRIVATE/i
const REDACTED = '**********'

/**
 * Declares an app's settings as an object of schemas, read from environment variables (and a
 * `.env` file), as Pydantic's `BaseSettings`: each key names a variable (prefix + key, or the
 * schema's `alias`, matched regardless of case), and its string is coerced by the schema's type
 * exactly as a query parameter's is (`z.int()` from `"8000"`, `z.boolean()` from `true`, `1`,
 * `yes`, `on` and their opposites). A variable is one string: array schemas get one item.
 *
 * A value is secret when its variable's name contains SECRET, PASSWORD, TOKEN, KEY, CREDENTIAL or
 * PRIVATE, or its schema says `.meta({ secret: true })`: `console.log(settings)` and
 * `JSON.stringify` show it as `**********`. Errors never show any value.
 *
 * @example
 * const settings = defineSettings(
 *   { DATABASE_URL: z.url(), PORT: z.int().default(8000), API_TOKEN: z.string() },
 *   { envFile: '.env' },
 * )
 * const config = settings.get() // at startup: every missing or invalid variable in one error
 * app.get('/info', { deps: { settings: settings.dependency } }, ({ settings }) => ({ port: settings.PORT }))
 */
export function defineSettings<const S extends SchemaShape>(
  schema: S,
  options: SettingsOptions = {},
): Settings<SettingsValues<S>> {
  const prefix = options.prefix ?? ''
  const plan = compileParamGroup('query', schema)
  const fields = Object.entries(schema).map(([key, field]) => ({
    key,
    name: wireName('query', key, field),
    field,
  }))
  const secrets = fields
    .filter(({ name, field }) => SECRET_NAME.test(prefix + name) || metaOf(field, 'secret') === true)
    .map(({ key }) => key)
  let values: SettingsValues<S> | undefined
  const get = (): SettingsValues<S> => {
    if (values !== undefined) return values
    const found = readVariables(
      options,
      prefix,
      fields.map(({ name }) => name),
    )
    const errors: ValidationErrorItem[] = []
    const pending = new Pending()
    // The group reader only reads `ctx.query`: the variables stand in for a query string, so the
    // coercion and the error messages are the ones query parameters get.
    const read = plan.read({ query: found } as unknown as RequestContext, errors, pending)
    if (!pending.empty) throw new ConfigError('defineSettings(): schemas must validate synchronously.')
    if (errors.length > 0) {
      throw new SettingsError(
        errors.map((error) => ({
          variable: `${prefix}${String(error.loc[1])}`,
          type: error.type,
          msg: error.msg,
        })),
      )
    }
    values = redacted(read, secrets) as SettingsValues<S>
    return values
  }
  const dependency = depends(function settings() {
    return get()
  }) as Dependency<SettingsValues<S>>
  return { get, dependency }
}

/** The variables' strings by wire name (no prefix), the environment winning over the `.env` file. */
function readVariables(
  options: SettingsOptions,
  prefix: string,
  names: readonly string[],
): Record<string, string> {
  const byName = new Map<string, string>()
  const add = (source: Readonly<Record<string, string | undefined>>) => {
    for (const [name, value] of Object.entries(source))
      if (value !== undefined) byName.set(name.toUpperCase(), value)
  }
  if (options.envFile !== undefined) add(parseEnv(readEnvFile(options.envFile)))
  add(options.env ?? process.env)
  const found: Record<string, string> = Object.create(null)
  for (const name of names) {
    const value = byName.get((prefix + name).toUpperCase())
    if (value !== undefined) found[name] = value
  }
  return found
}

function readEnvFile(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ''
    throw new ConfigError(`defineSettings(): cannot read the env file ${file}: ${(error as Error).message}`)
  }
}

/** The values, printed (inspect, JSON) with secrets hidden; reading them is unchanged. */
function redacted(values: Record<string, unknown>, secrets: readonly string[]): Record<string, unknown> {
  const shown = () => {
    const copy: Record<string, unknown> = { ...values }
    for (const key of secrets) if (key in copy) copy[key] = REDACTED
    return copy
  }
  Object.defineProperty(values, inspect.custom, { value: () => shown() })
  Object.defineProperty(values, 'toJSON', { value: shown })
  return values
}
