import type { DependencyOverrides } from '../di/overrides.js'
import { RequestValidationError } from '../errors/request-validation-error.js'
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
  /** Set when dependencies read body fields: the body is received before they are resolved. */
  readonly bodySource: BodyPlan | undefined
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
export function runWithDependencies(plan: DependentRoute, ctx: RequestContext): Reply | Promise<Reply> {
  const run = new DependencyRun(ctx, [], plan.overrides)
  if (plan.bodySource !== undefined) return receiveThenResolve(plan, plan.bodySource, run)
  return resolveAll(plan, run)
}

/**
 * Dependencies read body fields: the body is received and parsed first (malformed JSON fails at
 * once, as in FastAPI), then each dependency validates its own fields as it is resolved.
 */
async function receiveThenResolve(
  plan: DependentRoute,
  source: BodyPlan,
  run: DependencyRun,
): Promise<Reply> {
  const received = await source.receive(run.ctx)
  if (received.error !== undefined) throw new RequestValidationError([received.error], received.raw)
  run.received = received
  return resolveAll(plan, run)
}

function resolveAll(plan: DependentRoute, run: DependencyRun): Reply | Promise<Reply> {
  const values: unknown[] = new Array(plan.named.length)
  // Synchronous while every dependency is: the first promise hands the rest to `resolveRest`.
  try {
    for (let index = 0; index < plan.discarded.length; index++) {
      const value = run.resolve(plan.discarded[index]!)
      if (value instanceof Promise)
        return resolveRest(plan, run, values, -plan.discarded.length + index, value)
    }
    for (let index = 0; index < plan.named.length; index++) {
      const value = run.resolve(plan.named[index]![1])
      if (value instanceof Promise) return resolveRest(plan, run, values, index, value)
      values[index] = value
    }
  } catch (error) {
    return fail(run, error)
  }
  return afterDependencies(plan, run, values)
}

/**
 * Finishes resolving after a dependency answered with a promise. `position` counts discarded
 * dependencies as negative (from -discarded.length) and named ones from 0.
 */
async function resolveRest(
  plan: DependentRoute,
  run: DependencyRun,
  values: unknown[],
  position: number,
  waiting: Promise<unknown>,
): Promise<Reply> {
  try {
    let value = await waiting
    if (position >= 0) values[position] = value
    for (let index = position + 1; index < plan.named.length; index++) {
      if (index < 0) {
        value = run.resolve(plan.discarded[plan.discarded.length + index]!)
        if (value instanceof Promise) await value
        continue
      }
      value = run.resolve(plan.named[index]![1])
      values[index] = value instanceof Promise ? await value : value
    }
  } catch (error) {
    return fail(run, error)
  }
  return afterDependencies(plan, run, values)
}

/** The route's own parameters and body, the handler, and function-scoped teardowns. */
function afterDependencies(
  plan: DependentRoute,
  run: DependencyRun,
  values: unknown[],
): Reply | Promise<Reply> {
  const { ctx, errors } = run
  let reply: Reply | Promise<Reply>
  try {
    const pending = new Pending()
    const groups: ValidatedGroups = {}
    for (const group of plan.groups) groups[group.location] = group.read(ctx, errors, pending)
    if (!pending.empty || plan.body !== undefined) return finishAsync(plan, run, values, groups, pending)
    if (errors.length > 0) throw new RequestValidationError(errors)
    reply = plan.answer(handlerArgs(ctx, groups, undefined, plan, values))
  } catch (error) {
    return fail(run, error)
  }
  if (reply instanceof Promise || !run.functionStack.empty) return completeAsync(run, reply)
  registerRequestTeardown(run)
  return reply
}

async function finishAsync(
  plan: DependentRoute,
  run: DependencyRun,
  values: unknown[],
  groups: ValidatedGroups,
  pending: Pending,
): Promise<Reply> {
  const { ctx, errors } = run
  let reply: Reply | Promise<Reply>
  try {
    if (!pending.empty) await pending.settle()
    // When dependencies read body fields the body was parsed once already; validate that parse.
    const body =
      plan.body === undefined
        ? undefined
        : await (run.received === undefined
            ? plan.body.read(ctx, errors, pending)
            : plan.body.validate(run.received, errors, pending))
    if (errors.length > 0) throw new RequestValidationError(errors, body?.raw)
    reply = plan.answer(handlerArgs(ctx, groups, body?.value, plan, values))
  } catch (error) {
    return fail(run, error)
  }
  return completeAsync(run, reply)
}

/** Waits for the handler's reply, then closes the function-scoped generators before sending. */
async function completeAsync(run: DependencyRun, pendingReply: Reply | Promise<Reply>): Promise<Reply> {
  let reply: Reply
  try {
    reply = await pendingReply
    if (!run.functionStack.empty) {
      const teardownError = await run.functionStack.close()
      if (teardownError !== undefined) throw teardownError
    }
  } catch (error) {
    return fail(run, error)
  }
  registerRequestTeardown(run)
  return reply
}

function handlerArgs(
  ctx: RequestContext,
  groups: ValidatedGroups,
  body: unknown,
  plan: DependentRoute,
  values: unknown[],
): HandlerArgs {
  const args = new HandlerArgs(ctx, groups, body) as HandlerArgs & Record<string, unknown>
  for (let index = 0; index < values.length; index++) {
    const value = values[index]
    if (value !== SKIPPED) args[plan.named[index]![0]] = value
  }
  return args
}

/** Request-scoped generators close once the response has been sent (after background tasks). */
function registerRequestTeardown(run: DependencyRun): void {
  if (run.requestStack.empty) return
  run.ctx.afterResponse(async () => {
    const error = await run.requestStack.close()
    if (error !== undefined) throw error
  })
}

/**
 * A failure: every generator gets the error thrown into it (function-scoped first), and what
 * comes out is answered. Tasks belong to the handler's response; an error response carries none
 * (as in FastAPI). With no generator open, the error is rethrown at once.
 */
function fail(run: DependencyRun, error: unknown): never | Promise<never> {
  run.ctx.discardBackgroundTasks()
  if (run.functionStack.empty && run.requestStack.empty) throw error
  return run.fail(error).then((final) => {
    throw final
  })
}
