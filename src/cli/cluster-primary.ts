import cluster, { type Worker } from 'node:cluster'
import { RestartBackoff } from './cluster-backoff.js'
import type { CommandIO } from './command.js'
import type { SupervisorMessage } from './supervision.js'

/** One worker's place in the pool: a crashed worker's replacement keeps its back-off. */
interface Slot {
  started: number
  backoff: RestartBackoff
  listening: boolean
}

/** How long workers get to finish their requests and shut down before they are killed. */
const STOP_TIMEOUT_MS = 15_000

/**
 * The `node:cluster` primary of `brisk run --workers N`. It never loads the app: each worker runs
 * this same command (cluster forks the same script with the same arguments), loads the app and
 * listens, the primary sharing one listening socket among them.
 *
 * - One worker starts first; only once it listens are the others started, so a module that fails
 *   to load or a port in use is reported once, by that worker, and the primary exits 1.
 * - A worker that exits afterwards is replaced, after a back-off that grows with crashes in a row.
 * - SIGTERM or SIGINT: no more restarts; every worker is asked to stop gracefully (its in-flight
 *   requests finish, its lifespan shuts down); the primary exits 0 once all have, or kills those
 *   left after 15 s and exits 1. A second signal kills them at once.
 */
export async function runClusterPrimary(workers: number, io: CommandIO): Promise<never> {
  const log = (message: string) => io.err(`[brisk] ${message}\n`)
  // Each worker accepts from the one shared socket itself (as gunicorn's and uvicorn's workers do),
  // rather than the primary accepting and handing each connection on (Node's default round robin):
  // a connection handed to a worker at the moment it is killed (kill -9, the OOM killer) is lost,
  // its client left waiting forever, while one left in the socket's queue is taken by another worker.
  cluster.schedulingPolicy = cluster.SCHED_NONE
  await log(`Started primary process [${process.pid}] with ${workers} workers`)
  let stopping = false
  const slots = new Map<Worker, Slot>()

  const start = (backoff: RestartBackoff) => {
    const worker = cluster.fork()
    const slot: Slot = { started: Date.now(), backoff, listening: false }
    worker.once('listening', () => {
      slot.listening = true
    })
    slots.set(worker, slot)
    return worker
  }

  const first = start(new RestartBackoff())
  const failed = await new Promise<number | undefined>((resolve) => {
    first.once('listening', () => resolve(undefined))
    first.once('exit', (code) => resolve(code === null || code === 0 ? 1 : code))
  })
  // The worker has said why on stderr, in one line: the primary adds none, and passes its code on.
  if (failed !== undefined) process.exit(failed)
  for (let index = 1; index < workers; index += 1) start(new RestartBackoff())

  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker)
    slots.delete(worker)
    if (stopping || slot === undefined) {
      if (slots.size === 0) process.exit(0)
      return
    }
    const delay = slot.backoff.next(Date.now() - slot.started)
    void log(
      `Worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); restarting it in ${delay} ms`,
    )
    setTimeout(() => {
      if (!stopping) start(slot.backoff)
    }, delay)
  })

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      void log(`Second signal received: killing the workers`)
      for (const worker of slots.keys()) worker.process.kill('SIGKILL')
      process.exit(1)
    }
    stopping = true
    void log(`Shutting down gracefully (${signal}): waiting for ${slots.size} workers`)
    if (slots.size === 0) process.exit(0)
    for (const [worker, slot] of slots) {
      // A listening worker is asked (it ignores the request if a signal already reached it); one
      // still loading has no graceful stop to run yet, and a signal ends it.
      if (slot.listening && worker.isConnected())
        worker.send({ brisk: 'shutdown' } satisfies SupervisorMessage)
      else worker.process.kill('SIGTERM')
    }
    setTimeout(() => {
      void log(`Workers still running after ${STOP_TIMEOUT_MS / 1000} s: killing them`)
      for (const worker of slots.keys()) worker.process.kill('SIGKILL')
      process.exit(1)
    }, STOP_TIMEOUT_MS).unref()
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  return new Promise<never>(() => {})
}
