import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { GLOBAL_OPTIONS_HELP, onlyModule, parseCommandArgs } from './args.js'
import { CliError } from './cli-error.js'
import type { Command } from './command.js'
import { superviseDevServer } from './dev-supervisor.js'
import { SERVE_OPTIONS, SERVE_OPTIONS_HELP, serveAddress } from './serve-args.js'

/** `brisk dev <module>`: serves the app and restarts it when its files change. */
export const devCommand: Command = {
  name: 'dev',
  usage: 'dev <module>',
  summary: 'serve the app for development, restarting it when a file changes',
  help: `Usage: brisk dev <module> [options]

Serves the Brisk app that <module> exports on http://127.0.0.1:8000, with its docs URL logged
at startup and one access-log line per request. When a .ts, .js, .json or .env file under the
watched folders changes, the server stops gracefully (in-flight requests finish, the lifespan
shuts down) and a new process starts with the new code. node_modules, .git, dist, build,
coverage and .data are not watched.

Options:
${SERVE_OPTIONS_HELP}
  --watch <folder>           watch this folder instead of the current one (repeatable)
${GLOBAL_OPTIONS_HELP}

Examples:
  brisk dev src/app.ts
  brisk dev src/app.ts --port 3000 --watch src
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { ...SERVE_OPTIONS, watch: { type: 'string', multiple: true } },
    })
    const module = onlyModule('dev', positionals)
    const { host, port, rootPath } = serveAddress(values)
    // Checked here too, so a typo is one line at once rather than a server that never starts.
    const file = resolve(io.cwd, module)
    if (!statSync(file, { throwIfNoEntry: false })?.isFile())
      throw new CliError(`Cannot find the module ${module} (looked for ${file}).`)
    const roots = (values.watch ?? ['.']).map((folder) => resolve(io.cwd, folder))
    for (const root of roots) {
      if (!statSync(root, { throwIfNoEntry: false })?.isDirectory())
        throw new CliError(`Cannot watch ${root}: it is not a folder.`)
    }
    const runArgs = [module, '--host', host, '--port', String(port)]
    if (rootPath !== undefined) runArgs.push('--root-path', rootPath)
    if (values.app !== undefined) runArgs.push('--app', values.app)
    if (values['no-access-log'] === true) runArgs.push('--no-access-log')
    if (values.debug === true) runArgs.push('--debug')
    await superviseDevServer({
      runArgs,
      cwd: io.cwd,
      roots,
      log: (message) => void io.err(`[brisk] ${message}\n`),
    })
  },
}
