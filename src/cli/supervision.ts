import cluster from 'node:cluster'

/**
 * The messages `brisk dev` and `brisk run --workers` send to the server processes they start,
 * over the IPC channel Node gives a child (`child_process.fork`-style `stdio: 'ipc'`, or a
 * cluster worker's).
 */
export type SupervisorMessage = { brisk: 'shutdown' }

/** What a supervised server tells its supervisor. */
export type ServerMessage = { brisk: 'listening'; url: string }

/** Set by `brisk dev` on the server process it starts, so `brisk run` knows it is supervised. */
export const SUPERVISED_ENV = 'BRISK_SUPERVISED'

/** Whether this process is a server a Brisk supervisor started (and may stop over IPC). */
export function isSupervised(): boolean {
  return cluster.isWorker || (process.env[SUPERVISED_ENV] === '1' && process.send !== undefined)
}

/**
 * Makes a supervised server stop gracefully when its supervisor asks, or goes away (killed: the
 * IPC channel closes), by sending itself SIGTERM: the server's own signal handling then runs the
 * graceful stop and the lifespan's shutdown. The request is dropped when a signal already came:
 * CTRL+C reaches every process of the terminal's group at once, and the server counts a second
 * signal as "exit now", which would cut in-flight requests short.
 */
export function stopOnSupervisorRequest(): void {
  let signalled = false
  const note = () => {
    signalled = true
  }
  process.once('SIGTERM', note)
  process.once('SIGINT', note)
  const stop = () => {
    if (signalled) return
    signalled = true
    process.kill(process.pid, 'SIGTERM')
  }
  process.on('message', (message: unknown) => {
    if ((message as Partial<SupervisorMessage> | null)?.brisk === 'shutdown') stop()
  })
  process.once('disconnect', stop)
}

/** Tells the supervisor, if any, that the server listens. */
export function reportListening(url: string): void {
  if (isSupervised()) process.send?.({ brisk: 'listening', url } satisfies ServerMessage)
}
