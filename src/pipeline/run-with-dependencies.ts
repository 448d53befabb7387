import type { DependencyOverrides } from '../di/overrides.js'
import { RequestValidationError } from '../errors/request-validation-error.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { BodyPlan } from './body-plan.js'
import type { DependencyNode } from './dependency-plan.js'
import { HandlerArgs, type ValidatedGroups } from './handler-args.js'
import type { ParamGroupPlan } from './param-group.js'
import { Pending } from './pending.js'
import { DependencyRun, SKIPPED } from './solve-dependencies.js'

/** What a route with dependencies runs, compiled once. */
export interface DependentRoute {
  /** Value-less dependencies: app → include → router → route, in that order. */
  readonly discarded: readonly DependencyNode[]
  /** Named dependencies whose values the handler receives. */
  readonly named: readonly (readonly [string, DependencyNode])[]
  readonly groups: readonly ParamGroupPlan[]
  readonly body: BodyPlan | undefined
  readonly overrides: DependencyOverrides
  /** Calls the handler and turns its result into a reply. */
  readonly answer: (args: HandlerArgs) => Reply | Promise<Reply>
}

/**
 * The request path of a route with dependencies, in FastAPI's order: dependencies depth-first
 * (their parameter errors first), then the route's own parameters, then the body; one 422 with
 * every error; the handler; then function-scoped teardowns before the response, request-scoped
 * ones after it has been sent (after background tasks). On any failure every teardown runs at
 * once with the error thrown into it, and the error that comes out is the one answered; queued
 * background tasks are dropped then.
 */
export async function runWithDependencies(plan: DependentRoute, ctx: RequestContext): Promise<Reply> {
  const errors: ValidationErrorItem[] = []
  const run = new DependencyRun(ctx, errors, plan.overrides)
  try {
    // A dependency answers synchronously when it can; awaiting only real promises keeps a chain of
    // plain functions free of microtask hops.
    for (const node of plan.discarded) {
      const value = run.resolve(node)
      if (value instanceof Promise) await value
    }
    const values: [string, unknown][] = []
    for (const [name, node] of plan.named) {
      let value = run.resolve(node)
      if (value instanceof Promise) value = await value
      values.push([name, value])
    }
    const pending = new Pending()
    const groups: ValidatedGroups = {}
    for (const group of plan.groups) groups[group.location] = group.read(ctx, errors, pending)
    if (!pending.empty) await pending.settle()
    const body = plan.body === undefined ? undefined : await plan.body.read(ctx, errors, pending)
    if (errors.length > 0) throw new RequestValidationError(errors, body?.raw)
    const args = new HandlerArgs(ctx, groups, body?.value) as HandlerArgs & Record<string, unknown>
    for (const [name, value] of values) {
      if (value !== SKIPPED) args[name] = value
    }
    let reply = plan.answer(args)
    if (reply instanceof Promise) reply = await reply
    if (!run.functionStack.empty) {
      const teardownError = await run.functionStack.close()
      if (teardownError !== undefined) throw teardownError
    }
    if (!run.requestStack.empty) {
      ctx.afterResponse(async () => {
        const error = await run.requestStack.close()
        if (error !== undefined) throw error
      })
    }
    return reply
  } catch (error) {
    // Tasks belong to the handler's response; an error response carries none (as in FastAPI).
    ctx.discardBackgroundTasks()
    throw await run.fail(error)
  }
}
