import { ExitStack } from '../di/exit-stack.js'
import type { DependencyOverrides } from '../di/overrides.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { RequestContext } from '../http/request-context.js'
import { type ReceivedBody, validateEmbedded } from './body-plan.js'
import { compileDependency, type DependencyNode } from './dependency-plan.js'
import { HandlerArgs, type ValidatedGroups } from './handler-args.js'
import { Pending } from './pending.js'

const NO_VALUES: unknown[] = []
const NO_GROUPS: ValidatedGroups = Object.freeze({})

/** A dependency that was not called because its own inputs (or a sub-dependency's) were invalid. */
export const SKIPPED: unique symbol = Symbol('skipped dependency')

/**
 * One request's dependency resolution: the per-request cache, the validation errors collected
 * along the way, and the two teardown stacks (function- and request-scoped generators).
 */
export class DependencyRun {
  readonly ctx: RequestContext
  readonly errors: ValidationErrorItem[]
  readonly functionStack = new ExitStack()
  readonly requestStack = new ExitStack()
  /** The received body, for dependencies that read body fields (set before resolving). */
  received: ReceivedBody | undefined
  readonly #overrides: DependencyOverrides
  readonly #values = new Map<unknown, unknown>()

  constructor(ctx: RequestContext, errors: ValidationErrorItem[], overrides: DependencyOverrides) {
    this.ctx = ctx
    this.errors = errors
    this.#overrides = overrides
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
    if (original.cache && this.#values.has(node.cacheKey)) return this.#values.get(node.cacheKey)

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
      return this.#call(node, target, new HandlerArgs(this.ctx, NO_GROUPS, undefined), values)
    }
    const before = this.errors.length
    const groups: ValidatedGroups = {}
    const pending = new Pending()
    for (const group of target.groups) groups[group.location] = group.read(this.ctx, this.errors, pending)
    const body =
      target.bodyFields === undefined
        ? undefined
        : validateEmbedded(target.bodyFields, this.received?.input, this.errors, pending)
    const call = (): unknown => {
      if (this.errors.length > before || values.includes(SKIPPED)) return SKIPPED
      return this.#call(node, target, new HandlerArgs(this.ctx, groups, body), values)
    }
    return pending.empty ? call() : pending.settle().then(call)
  }

  /** Calls the function; a generator's first `yield` is the value and its rest the teardown. */
  #call(node: DependencyNode, target: DependencyNode, args: HandlerArgs, values: unknown[]): unknown {
    const named = args as HandlerArgs & Record<string, unknown>
    for (let index = 0; index < values.length; index++) named[target.inputs[index]![0]] = values[index]
    named.scopes = node.scopes
    const result = target.dependency.fn(args)
    if (!target.generator) {
      if (result instanceof Promise) return result.then((value) => this.#store(node, value))
      return this.#store(node, result)
    }
    const generator = result as Generator<unknown> | AsyncGenerator<unknown>
    const stack = node.dependency.scope === 'function' ? this.functionStack : this.requestStack
    const first = generator.next()
    const started = (step: IteratorResult<unknown>) => {
      if (step.done)
        throw new Error(`Dependency ${target.dependency.name} returned without yielding a value.`)
      stack.push(generator, target.dependency.name)
      return this.#store(node, step.value)
    }
    return first instanceof Promise ? first.then(started) : started(first)
  }

  #store(node: DependencyNode, value: unknown): unknown {
    if (node.dependency.cache) this.#values.set(node.cacheKey, value)
    return value
  }

  /**
   * Closes both stacks after a failure, the function-scoped first, throwing the error into each
   * generator; resolves to the error to answer with (possibly translated by a teardown).
   */
  async fail(error: unknown): Promise<unknown> {
    const afterFunction = await this.functionStack.close(error)
    return this.requestStack.close(afterFunction)
  }
}
