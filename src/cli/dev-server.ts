import { type ChildProcess, spawn } from 'node:child_process'
import type { ServerMessage, SupervisorMessage } from './supervision.js'
import { SUPERVISED_ENV } from './supervision.js'

/** How long the server gets to stop gracefully (in-flight requests, lifespan shutdown) before it is killed. */
const STOP_TIMEOUT_MS = 15_000

/** How a server process of `brisk dev` ended. */
export interface ServerExit {
  code: number | null
  signal: NodeJS.Signals | null
  /** It listened before it exited. */
  listened: boolean
}

/**
 * One server process of `brisk dev`: `brisk run <module>` in a child Node process with this
 * process's flags (so a `--import tsx` carries over), told over IPC when to stop. A new process
 * per restart is what makes the new code run: Node's module cache cannot be emptied.
 */
export class DevServer {
  readonly exited: Promise<ServerExit>
  readonly #child: ChildProcess
  #listening = false

  constructor(runArgs: readonly string[], cwd: string) {
    this.#child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'run', ...runArgs], {
      cwd,
      env: { ...process.env, [SUPERVISED_ENV]: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.#child.on('message', (message: Partial<ServerMessage> | null) => {
      if (message?.brisk === 'listening') this.#listening = true
    })
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => resolve({ code, signal, listened: this.#listening }))
    })
  }

  /**
   * Stops the server: gracefully once it listens (its in-flight requests finish and its lifespan
   * shuts down), at once while it is still loading; killed if it takes longer than 15 s.
   */
  async stop(): Promise<ServerExit> {
    const child = this.#child
    if (child.exitCode === null && child.signalCode === null) {
      if (this.#listening && child.connected) child.send({ brisk: 'shutdown' } satisfies SupervisorMessage)
      else child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
      await this.exited
      clearTimeout(timer)
    }
    return this.exited
  }

  /** Ends the server at once (a second CTRL+C). */
  kill(): void {
    this.#child.kill('SIGKILL')
  }
}
