import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import { GLOBAL_OPTIONS_HELP, onlyModule, parseCommandArgs, parseInteger } from './args.js'
import { runClusterPrimary } from './cluster-primary.js'
import type { Command } from './command.js'
import { serveApp } from './serve-app.js'
import { SERVE_OPTIONS, SERVE_OPTIONS_HELP, serveAddress } from './serve-args.js'
import { UsageError } from './usage-error.js'

/** `brisk run <module>`: production serving, in one process or a cluster of workers. */
export const runCommand: Command = {
  name: 'run',
  usage: 'run <module>',
  summary: 'serve the app in production, optionally with several worker processes',
  help: `Usage: brisk run <module> [options]

Serves the Brisk app that <module> exports, as app.listen() does: the address and docs URL
logged at startup, one access-log line per request, a graceful stop on SIGTERM and SIGINT
(in-flight requests finish, then the lifespan shuts down) and exit code 0.

With --workers N above 1, a primary process starts N worker processes (node:cluster) sharing
the port, replaces a worker that crashes (waiting 0.1 s, doubling with each crash in a row up
to 10 s), and on SIGTERM or SIGINT stops every worker gracefully before it exits.

Options:
${SERVE_OPTIONS_HELP}
  --workers <n|auto>         worker processes (default 1: no primary); auto: one per CPU core
${GLOBAL_OPTIONS_HELP}

Examples:
  brisk run src/app.ts --host 0.0.0.0 --port 8080
  brisk run dist/app.js --workers auto
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { ...SERVE_OPTIONS, workers: { type: 'string' } },
    })
    const module = onlyModule('run', positionals)
    const address = serveAddress(values)
    const workers = parseWorkers(values.workers)
    if (workers > 1 && cluster.isPrimary) await runClusterPrimary(workers, io)
    await serveApp({
      cwd: io.cwd,
      module,
      exportName: values.app,
      ...address,
      accessLog: values['no-access-log'] !== true,
    })
  },
}

function parseWorkers(value: string | undefined): number {
  if (value === 'auto') return availableParallelism()
  if (value !== undefined && !/^\d+$/.test(value))
    throw new UsageError(`--workers must be a number of processes or auto; got "${value}".`)
  return parseInteger('workers', value, { min: 1, max: 1024 }) ?? 1
}
