import { DevServer, type ServerExit } from './dev-server.js'
import { type FileWatch, watchFiles } from './watch-files.js'

/** What `superviseDevServer` runs and watches. */
export interface DevOptions {
  /** The arguments of `brisk run` for the server process. */
  runArgs: readonly string[]
  cwd: string
  /** The folders whose changes restart the server. */
  roots: readonly string[]
  log(message: string): void
}

/**
 * `brisk dev`'s parent process: runs the server in a child process and, when a watched file
 * changes, stops it gracefully (lifespan shutdown included) and starts a new one. When the first
 * server fails to start (the module does not load, the port is in use) it exits with that
 * server's code, its one-line error already printed; a later one that fails waits for the next
 * change. SIGTERM or SIGINT stop the server gracefully and exit 0; a second one kills it.
 */
export function superviseDevServer(options: DevOptions): Promise<never> {
  const { log } = options
  let current = new DevServer(options.runArgs, options.cwd)
  let restarting = false
  let again = false
  let stopping = false

  const onExit = (server: DevServer, first: boolean) => {
    void server.exited.then((exit) => {
      if (server !== current || restarting || stopping) return
      if (first && !exit.listened) process.exit(exit.code === null || exit.code === 0 ? 1 : exit.code)
      log(`The server stopped (${describeExit(exit)}); waiting for a file change to restart it`)
    })
  }

  const restart = async (files: string[]) => {
    if (stopping) return
    if (restarting) {
      again = true
      return
    }
    log(`Detected changes in ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}: restarting`)
    restarting = true
    await current.stop()
    restarting = false
    if (stopping) return
    current = new DevServer(options.runArgs, options.cwd)
    onExit(current, false)
    if (again) {
      again = false
      await restart(['(more changes)'])
    }
  }

  onExit(current, true)
  const watches: FileWatch[] = options.roots.map((root) => watchFiles(root, (files) => void restart(files)))
  log(`Watching for changes in ${options.roots.join(', ')}`)

  const stop = () => {
    if (stopping) {
      current.kill()
      process.exit(1)
    }
    stopping = true
    for (const watch of watches) watch.close()
    void current.stop().then(() => process.exit(0))
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  return new Promise<never>(() => {})
}

function describeExit(exit: ServerExit): string {
  return exit.signal === null ? `exit code ${exit.code}` : `killed by ${exit.signal}`
}
