/**
 * Work to run after the response has been sent: FastAPI's `BackgroundTasks`. One list per request,
 * shared by the handler and every dependency; tasks run in the order they were added, each one
 * isolated (a failing task is logged and the next still runs).
 *
 * @example
 * app.post('/send-notification/{email}', ({ path, background }) => {
 *   background.add(writeLog, `notification for ${path.email}`)
 *   return { message: 'Notification sent in the background' }
 * })
 */
export class BackgroundTasks {
  readonly #tasks: (() => unknown)[] = []

  /** Queues `fn(...args)` to run after the response. */
  add<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): void {
    if (typeof fn !== 'function') throw new TypeError('background.add() takes a function.')
    this.#tasks.push(() => fn(...args))
  }

  /**
   * Drops every queued task. FastAPI attaches the tasks to the handler's own response only, so a
   * request that ends in an error (a 422, an HTTPException) runs none of them.
   */
  clear(): void {
    this.#tasks.length = 0
  }

  get size(): number {
    return this.#tasks.length
  }

  /** Runs the queued tasks in order; `report` receives each failure. */
  async run(report: (error: unknown, index: number) => void): Promise<void> {
    for (let index = 0; index < this.#tasks.length; index++) {
      try {
        await this.#tasks[index]!()
      } catch (error) {
        report(error, index)
      }
    }
  }
}
