import { GLOBAL_OPTIONS, parseInteger } from './args.js'
import { UsageError } from './usage-error.js'

/** The options `brisk run` and `brisk dev` share. */
export const SERVE_OPTIONS = {
  ...GLOBAL_OPTIONS,
  app: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  'no-access-log': { type: 'boolean' },
} as const

/** Their lines of `--help`. */
export const SERVE_OPTIONS_HELP = `  --app <name>               the export holding the app (default: "app", then the default export)
  --host <address>           default: 127.0.0.1; 0.0.0.0 accepts connections from other machines
  --port <n>                 default: 8000
  --no-access-log            no line per request`

/** `--host` and `--port` checked, with their defaults. */
export function serveAddress(values: { host?: string | undefined; port?: string | undefined }): {
  host: string
  port: number
} {
  const host = values.host ?? '127.0.0.1'
  if (host.trim() === '') throw new UsageError('--host must not be empty.')
  return { host, port: parseInteger('port', values.port, { min: 0, max: 65_535 }) ?? 8000 }
}
