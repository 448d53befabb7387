/** A generator dependency waiting for its teardown. */
interface Entry {
  readonly generator: Generator<unknown, unknown, unknown> | AsyncGenerator<unknown, unknown, unknown>
  readonly name: string
}

/**
 * Raised when a generator dependency catches the error thrown into it and neither rethrows nor
 * raises another: the request would otherwise end as if nothing failed (FastAPI raises its own
 * error for this too, so the client gets a 500 instead of a silent 200).
 */
export class DependencySwallowedError extends Error {
  readonly original: unknown

  constructor(name: string, original: unknown) {
    super(
      `Dependency ${name} caught an exception from the request without re-raising it. ` +
        'Rethrow it (or throw an HTTPException) after handling it in the code after yield.',
    )
    this.name = 'DependencySwallowedError'
    this.original = original
  }
}

/**
 * The teardowns of one request's generator dependencies, run in reverse order of setup (a
 * dependant's teardown before its sub-dependency's). An error is thrown into each generator in
 * turn; what comes out (the same error, a translated one, or a teardown's own failure) is passed
 * on to the next and returned at the end.
 */
export class ExitStack {
  readonly #entries: Entry[] = []

  push(generator: Entry['generator'], name: string): void {
    this.#entries.push({ generator, name })
  }

  get empty(): boolean {
    return this.#entries.length === 0
  }

  /** Runs every teardown; resolves to the error left at the end, or undefined. */
  async close(error?: unknown): Promise<unknown> {
    let current = error
    while (this.#entries.length > 0) {
      const { generator, name } = this.#entries.pop()!
      try {
        const step = current === undefined ? await generator.next() : await generator.throw(current)
        if (!step.done) {
          current = new Error(
            `Dependency ${name} yielded more than once; a dependency yields exactly one value.`,
          )
        } else if (current !== undefined) {
          current = new DependencySwallowedError(name, current)
        }
      } catch (thrown) {
        current = thrown
      }
    }
    return current
  }
}
