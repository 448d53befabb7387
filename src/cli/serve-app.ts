import type { App } from '../index.js'
import { logAccess } from './access-log.js'
import { CliError } from './cli-error.js'
import { describeError } from './describe-error.js'
import { type LoadedApp, loadApp } from './load-app.js'
import { isSupervised, reportListening, stopOnSupervisorRequest } from './supervision.js'

/** The parts of an `App` serving uses, beyond what `loadApp` checks. */
type ServableApp = LoadedApp & Pick<App, 'listen' | 'logger'>

/** What `brisk run` (and the server process of `brisk dev`) serves, and how. */
export interface ServeOptions {
  cwd: string
  module: string
  exportName: string | undefined
  host: string
  port: number
  /** `--root-path`: the app's rootPath for this server. */
  rootPath: string | undefined
  accessLog: boolean
}

/**
 * Loads the app and serves it with `app.listen()`, the server owning its process: it logs its
 * address and docs URL, stops gracefully on SIGTERM and SIGINT (lifespan shutdown included) and
 * then exits the process itself. So the returned promise never resolves once the server listens;
 * it rejects with a one-line `CliError` when the app cannot be loaded or cannot listen.
 */
export async function serveApp(options: ServeOptions): Promise<never> {
  const app = servable(
    await loadApp(options.module, { cwd: options.cwd, exportName: options.exportName }),
    options.module,
  )
  let server: Awaited<ReturnType<App['listen']>>
  try {
    server = await app.listen({
      host: options.host,
      port: options.port,
      ...(options.rootPath !== undefined && { rootPath: options.rootPath }),
    })
  } catch (error) {
    // ListenError's message already names the address and what to do.
    const message = (error as Error | null)?.name === 'ListenError' ? (error as Error).message : undefined
    throw new CliError(message ?? `Starting ${options.module} failed: ${describeError(error)}`, {
      cause: error,
    })
  }
  if (options.accessLog) logAccess(server.server, app.logger)
  if (isSupervised()) {
    stopOnSupervisorRequest()
    reportListening(server.url)
  }
  return new Promise<never>(() => {})
}

function servable(app: LoadedApp, module: string): ServableApp {
  const candidate = app as Partial<ServableApp>
  if (typeof candidate.listen !== 'function' || typeof candidate.logger?.info !== 'function') {
    throw new CliError(
      `The app ${module} exports has no listen() or logger: is it a Brisk App from an older version?`,
    )
  }
  return app as ServableApp
}
