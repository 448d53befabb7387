import { GLOBAL_OPTIONS, GLOBAL_OPTIONS_HELP, onlyModule, parseCommandArgs } from './args.js'
import { CliError } from './cli-error.js'
import type { Command } from './command.js'
import { describeError } from './describe-error.js'
import { type LoadedApp, loadApp } from './load-app.js'
import { reserveStdoutForOutput } from './reserve-stdout.js'

/** Shown after the name of a route left out of the OpenAPI document (`includeInSchema: false`). */
const HIDDEN = '(hidden)'

/** `brisk routes <module>`: the app's routes in matching order, one line each. */
export const routesCommand: Command = {
  name: 'routes',
  usage: 'routes <module>',
  summary: "list the app's routes: METHOD PATH NAME",
  help: `Usage: brisk routes <module> [options]

Lists the routes of the Brisk app that <module> exports, in the order they are matched: the docs
routes first, then the app's, with routers' prefixes applied, then its WebSocket routes (method
WEBSOCKET). Routes left out of the OpenAPI document (includeInSchema: false, such as the docs
pages) are marked ${HIDDEN}.

Options:
  --app <name>               the export holding the app (default: "app", then the default export)
${GLOBAL_OPTIONS_HELP}
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs({
      args: argv,
      allowPositionals: true,
      options: { ...GLOBAL_OPTIONS, app: { type: 'string' } },
    })
    const module = onlyModule('routes', positionals)
    reserveStdoutForOutput()
    const app = await loadApp(module, { cwd: io.cwd, exportName: values.app })
    await io.out(formatTable(routeRows(app, module)))
  },
}

function routeRows(app: LoadedApp, module: string): string[][] {
  let routes: LoadedApp['routes']
  let websockets: LoadedApp['routes']
  try {
    routes = app.routes
    // An app made by an older Brisk (its own install) has no WebSocket routes to list.
    websockets = app.websocketRoutes ?? []
  } catch (error) {
    throw new CliError(`Listing the routes of ${module} failed: ${describeError(error)}`, { cause: error })
  }
  const rows = routes.map((route) => {
    const name = nameOf(route)
    return [
      route.definition.methods.join(','),
      route.template.source,
      route.includeInSchema ? name : `${name} ${HIDDEN}`,
    ]
  })
  return [...rows, ...websockets.map((route) => ['WEBSOCKET', route.template.source, nameOf(route)])]
}

/** The name FastAPI gives a route: the `name` option, else the handler function's name. */
function nameOf(route: LoadedApp['routes'][number]): string {
  const { options, handler } = route.definition
  return options.name ?? (handler.name || '-')
}

/** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
function formatTable(rows: string[][]): string {
  const all = [['METHOD', 'PATH', 'NAME'], ...rows]
  const widths = all[0]!.map((_, column) => Math.max(...all.map((row) => row[column]!.length)))
  const lines = all.map((row) =>
    row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '),
  )
  return `${lines.join('\n')}\n`
}
