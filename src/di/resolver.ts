import type { ParsedBody } from '../body/parse-body.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { RequestContext } from '../http/request-context.js'
import { validateEmbedded } from '../params/body-plan.js'
import type { ValidatedGroups } from '../params/param-group.js'
import { Pending } from '../params/pending.js'
import { CallArgs } from './call-args.js'
import { noteDependencyFailure } from './dependency-failure.js'
import { compileDependency, type DependencyNode } from './dependency-graph.js'
import { ExitStack } from './exit-stack.js'
import type { DependencyOverrides } from './overrides.js'

const NO_VALUES: unknown[] = []
const NO_GROUPS: ValidatedGroups = Object.freeze({})

/** A dependency that was not called because its own inputs (or a sub-dependency's) were invalid. */
export const SKIPPED: unique symbol = Symbol('skipped dependency')

/**
 * One request's run through its route: the validation errors and pending async validations
 * collected along the way, the per-request dependency cache, and the teardown stacks of
 * generator dependencies (function- and request-scoped). A route without dependencies uses only
 * the first two; the rest is created on first use.
 */
export class DependencyRun {
  readonly ctx: RequestContext
  readonly errors: ValidationErrorItem[] = []
  readonly pending = new Pending()
  /** The body, when it was received before dependencies were resolved (step 1 of the route). */
  received: ParsedBody | undefined
  /** What dependencies' body fields are read from: the received JSON object, if any. */
  bodyInput: unknown
  readonly #overrides: DependencyOverrides
  #values: Map<unknown, unknown> | undefined
  #functionStack: ExitStack | undefined
  #requestStack: ExitStack | undefined

  constructor(ctx: RequestContext, overrides: DependencyOverrides) {
    this.ctx = ctx
    this.#overrides = overrides
  }

  /** Generators to close before the response is sent (`scope: 'function'`). */
  get functionStack(): ExitStack | undefined {
    return this.#functionStack
  }

  /** Generators to close after the response has been sent (`scope: 'request'`). */
  get requestStack(): ExitStack | undefined {
    return this.#requestStack
  }

  /**
   * Resolves a dependency depth-first as FastAPI does: its inputs first (in declaration order),
   * then its own parameters; a dependency whose inputs or parameters are invalid is not called
   * (its errors join the 422), while valid siblings still run (and may throw an HTTPException).
   * Values are cached per request by the original dependency unless it opts out. A replacement
   * from `dependencyOverrides` takes the original's `cache` and `scope` (FastAPI builds the
   * override's dependant with the original's): the route's lifecycle does not change under test.
   *
   * Synchronous while everything is: a chain of plain functions resolves without a single promise
   * (an `await` per dependency would cost a microtask each; see bench/di-chain.mjs). The first
   * async result switches the rest of this dependency's work to `#resolveAsync`.
   */
  resolve(node: DependencyNode): unknown {
    const original = node.dependency
    const replacement = this.#overrides.size > 0 ? this.#overrides.get(original) : undefined
    const target = replacement === undefined ? node : compileDependency(replacement, [], node.scopes)
    if (original.cache && this.#values?.has(node.cacheKey)) return this.#values.get(node.cacheKey)

    const count = target.inputs.length
    const values: unknown[] = count === 0 ? NO_VALUES : new Array(count)
    for (let index = 0; index < count; index++) {
      const value = this.resolve(target.inputs[index]![1])
      if (value instanceof Promise) return this.#resolveAsync(node, target, values, index, value)
      values[index] = value
    }
    return this.#finish(node, target, values)
  }

  async #resolveAsync(
    node: DependencyNode,
    target: DependencyNode,
    values: unknown[],
    index: number,
    waiting: Promise<unknown>,
  ): Promise<unknown> {
    values[index] = await waiting
    for (let i = index + 1; i < target.inputs.length; i++) {
      const value = this.resolve(target.inputs[i]![1])
      values[i] = value instanceof Promise ? await value : value
    }
    return this.#finish(node, target, values)
  }

  /** Validates the dependency's own parameters, then calls it (unless anything was invalid). */
  #finish(node: DependencyNode, target: DependencyNode, values: unknown[]): unknown {
    if (target.groups.length === 0 && target.bodyFields === undefined) {
      if (values.includes(SKIPPED)) return SKIPPED
      return this.#call(node, target, new CallArgs(this.ctx, NO_GROUPS, undefined), values)
    }
    const { errors } = this
    const before = errors.length
    const groups: ValidatedGroups = {}
    const pending = new Pending()
    for (const group of target.groups) groups[group.location] = group.read(this.ctx, errors, pending)
    const body =
      target.bodyFields === undefined
        ? undefined
        : validateEmbedded(target.bodyFields, this.bodyInput, errors, pending)
    const call = (): unknown => {
      if (errors.length > before || values.includes(SKIPPED)) return SKIPPED
      return this.#call(node, target, new CallArgs(this.ctx, groups, body, this.bodyInput), values)
    }
    return pending.empty ? call() : pending.settle().then(call)
  }

  /**
   * Calls the function; a generator's first `yield` is the value and its rest the teardown. A
   * failure is noted for the error log, which then names the dependency rather than a frame.
   */
  #call(node: DependencyNode, target: DependencyNode, args: CallArgs, values: unknown[]): unknown {
    const named = args as CallArgs & Record<string, unknown>
    for (let index = 0; index < values.length; index++) named[target.inputs[index]![0]] = values[index]
    named.scopes = node.scopes
    const { fn } = target.dependency
    let result: unknown
    try {
      // Called as a plain function, so a stack trace shows `at get_db`, not `at Dependency.fn`.
      result = fn(args)
      if (target.generator) return this.#enter(node, target, result)
    } catch (error) {
      throw this.#failed(node, target, error)
    }
    if (!(result instanceof Promise)) return this.#store(node, result)
    return result.then(
      (value) => this.#store(node, value),
      (error) => {
        throw this.#failed(node, target, error)
      },
    )
  }

  /** Runs a generator to its first `yield`: that is the value, and the rest is pushed as teardown. */
  #enter(node: DependencyNode, target: DependencyNode, result: unknown): unknown {
    const generator = result as Generator<unknown> | AsyncGenerator<unknown>
    const first = generator.next()
    const started = (step: IteratorResult<unknown>) => {
      if (step.done) {
        const error = new Error(`Dependency ${target.dependency.name} returned without yielding a value.`)
        throw this.#failed(node, target, error)
      }
      this.#stackFor(node.dependency.scope).push(generator, target.dependency.name)
      return this.#store(node, step.value)
    }
    if (!(first instanceof Promise)) return started(first)
    return first.then(started, (error) => {
      throw this.#failed(node, target, error)
    })
  }

  #failed(node: DependencyNode, target: DependencyNode, error: unknown): unknown {
    return noteDependencyFailure(this.ctx, error, node, target.dependency)
  }

  #stackFor(scope: 'function' | 'request'): ExitStack {
    if (scope === 'function') {
      this.#functionStack ??= new ExitStack()
      return this.#functionStack
    }
    this.#requestStack ??= new ExitStack()
    return this.#requestStack
  }

  #store(node: DependencyNode, value: unknown): unknown {
    if (!node.dependency.cache) return value
    this.#values ??= new Map()
    this.#values.set(node.cacheKey, value)
    return value
  }

  /**
   * Closes both stacks after a failure, the function-scoped first, throwing the error into each
   * generator; resolves to the error to answer with (possibly translated by a teardown).
   */
  async fail(error: unknown): Promise<unknown> {
    const afterFunction = this.#functionStack === undefined ? error : await this.#functionStack.close(error)
    return this.#requestStack === undefined ? afterFunction : this.#requestStack.close(afterFunction)
  }
}
