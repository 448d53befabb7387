/**
 * What runs around the app's life: an async generator function that sets things up, yields the
 * state every request will see, and cleans up after `yield` when the server stops; or a pair of
 * `startup`/`shutdown` functions. The yielded (or returned) object becomes each request's
 * `state` (a shallow copy per request, as Starlette's `request.state`).
 *
 * @example
 * const app = new App({
 *   lifespan: async function* () {
 *     const db = await connect()
 *     yield { db }
 *     await db.close()
 *   },
 * })
 * app.get('/items', ({ state }) => state.db.items())
 */
export type Lifespan<State> =
  | ((app: unknown) => AsyncGenerator<State, void, unknown>)
  | {
      startup?: (app: unknown) => State | Promise<State>
      shutdown?: (app: unknown) => unknown
    }

/**
 * Runs a lifespan: `start` resolves to the state (or rejects: startup failed), `stop` runs the
 * teardown. `stop` runs once per `start` and does nothing before a successful one; the pair may be
 * repeated (a test suite starting and stopping the app several times).
 */
export class LifespanRunner<State> {
  readonly #lifespan: Lifespan<State> | undefined
  readonly #app: unknown
  #generator: AsyncGenerator<State, void, unknown> | undefined
  #started = false
  #stopped = false

  constructor(lifespan: Lifespan<State> | undefined, app: unknown) {
    this.#lifespan = lifespan
    this.#app = app
  }

  get started(): boolean {
    return this.#started && !this.#stopped
  }

  async start(): Promise<State | undefined> {
    if (this.started) throw new Error('The lifespan has already started; stop it first.')
    this.#started = false
    this.#stopped = false
    this.#generator = undefined
    const lifespan = this.#lifespan
    let state: State | undefined
    if (typeof lifespan === 'function') {
      this.#generator = lifespan(this.#app)
      const first = await this.#generator.next()
      if (first.done) throw new Error('The lifespan generator must yield once (its state, or nothing).')
      state = first.value
    } else if (lifespan?.startup !== undefined) {
      state = await lifespan.startup(this.#app)
    }
    this.#started = true
    return state ?? undefined
  }

  async stop(): Promise<void> {
    if (!this.#started || this.#stopped) return
    this.#stopped = true
    const lifespan = this.#lifespan
    if (this.#generator !== undefined) {
      const step = await this.#generator.next()
      if (!step.done) throw new Error('The lifespan generator must yield exactly once.')
    } else if (typeof lifespan === 'object' && lifespan.shutdown !== undefined) {
      await lifespan.shutdown(this.#app)
    }
  }
}
