import type { DependencyScope } from '../di/dependency.js'
import { ExitStack } from '../di/exit-stack.js'
import type { DependencyOverrides } from '../di/overrides.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { RequestContext } from '../http/request-context.js'
import { compileDependency, type DependencyNode } from './dependency-plan.js'
import { HandlerArgs, type ValidatedGroups } from './handler-args.js'
import { Pending } from './pending.js'

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
   */
  async resolve(node: DependencyNode): Promise<unknown> {
    const original = node.dependency
    const replacement = this.#overrides.size > 0 ? this.#overrides.get(original) : undefined
    const target = replacement === undefined ? node : compileDependency(replacement)
    if (original.cache && this.#values.has(original)) return this.#values.get(original)

    let skipped = false
    const named: [string, unknown][] = []
    for (const [name, input] of target.inputs) {
      const value = await this.resolve(input)
      if (value === SKIPPED) skipped = true
      else named.push([name, value])
    }
    const before = this.errors.length
    const groups: ValidatedGroups = {}
    const pending = new Pending()
    for (const group of target.groups) groups[group.location] = group.read(this.ctx, this.errors, pending)
    await pending.settle()
    if (skipped || this.errors.length > before) return SKIPPED

    const args = new HandlerArgs(this.ctx, groups, undefined) as HandlerArgs & Record<string, unknown>
    for (const [name, value] of named) args[name] = value
    const value = await this.#call(target, args, original.scope)
    if (original.cache) this.#values.set(original, value)
    return value
  }

  async #call(node: DependencyNode, args: HandlerArgs, scope: DependencyScope): Promise<unknown> {
    const { dependency } = node
    const result = await dependency.fn(args)
    if (!node.generator) return result
    const generator = result as Generator<unknown> | AsyncGenerator<unknown>
    const first = await generator.next()
    if (first.done) throw new Error(`Dependency ${dependency.name} returned without yielding a value.`)
    const stack = scope === 'function' ? this.functionStack : this.requestStack
    stack.push(generator, dependency.name)
    return first.value
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
