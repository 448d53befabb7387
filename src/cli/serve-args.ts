import { GLOBAL_OPTIONS, parseInteger } from './args.js'
import { UsageError } from './usage-error.js'

/** The options `brisk run` and `brisk dev` share. */
export const SERVE_OPTIONS = {
  ...GLOBAL_OPTIONS,
  app: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'root-path': { type: 'string' },
  'no-access-log': { type: 'boolean' },
} as const

/** Their lines of `--help`. */
export const SERVE_OPTIONS_HELP = `  --app <name>               the export holding the app (default: "app", then the default export)
  --host <address>           default: 127.0.0.1; 0.0.0.0 accepts connections from other machines
  --port <n>                 default: 8000
  --root-path <path>         the prefix a proxy strips before forwarding (/api): the app's rootPath
  --no-access-log            no line per request`

/** `--host`, `--port` and `--root-path` checked, with their defaults. */
export function serveAddress(values: {
  host?: string | undefined
  port?: string | undefined
  'root-path'?: string | undefined
}): { host: string; port: number; rootPath: string | undefined } {
  const host = values.host ?? '127.0.0.1'
  if (host.trim() === '') throw new UsageError('--host must not be empty.')
  const rootPath = values['root-path']
  if (rootPath !== undefined && !/^(\/[^/\s]+)+$/.test(rootPath))
    throw new UsageError(
      `--root-path must start with "/" and not end with one, such as /api; got "${rootPath}".`,
    )
  return { host, port: parseInteger('port', values.port, { min: 0, max: 65_535 }) ?? 8000, rootPath }
}
