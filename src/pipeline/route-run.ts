import { type BodyParsing, type ParsedBody, parseBody, receiveBody } from '../body/parse-body.js'
import { CallArgs } from '../di/call-args.js'
import type { DependencyGraph } from '../di/dependency-graph.js'
import type { ExitStack } from '../di/exit-stack.js'
import type { DependencyOverrides } from '../di/overrides.js'
import { DependencyRun, SKIPPED } from '../di/resolver.js'
import { RequestValidationError } from '../errors/request-validation-error.js'
import type { RequestContext } from '../http/request-context.js'
import { type BodyPlan, type BodyResult, embeddedInput } from '../params/body-plan.js'
import type { FilesPlan } from '../params/files-plan.js'
import { type ErrorLimits, limitErrors } from '../params/limit-errors.js'
import type { ParamGroupPlan, ValidatedGroups } from '../params/param-group.js'
import { then } from './then.js'

/**
 * The last step of a route: what it does with its validated arguments. An HTTP route calls its
 * handler and turns the result into a reply; a WebSocket route answers with an upgrade.
 */
export type Answer<R> = (args: CallArgs) => R | Promise<R>

/** A route compiled for the request path: the steps of docs/lifecycle.md it needs. */
export interface RouteSteps<R> {
  /** The route's own body limit, which also bounds a body read through `request`. */
  readonly ownBodyLimit: number | undefined
  /** Nothing to read, resolve or validate: the answer is called at once. */
  readonly bare: boolean
  /** How the body is read, when the route or a dependency reads one. */
  readonly parsing: BodyParsing | undefined
  /** Form fields, or body fields of dependencies: the body is received before anything else. */
  readonly receiveFirst: boolean
  readonly graph: DependencyGraph | undefined
  readonly overrides: DependencyOverrides
  /** The route's own parameter groups, in FastAPI's order (path, query, header, cookie, form). */
  readonly groups: readonly ParamGroupPlan[]
  /** The route's `files`, and where they come among its groups (declared before `form` or after). */
  readonly files: FilesPlan | undefined
  readonly filesBeforeForm: boolean
  /** The route's own JSON body. */
  readonly body: BodyPlan | undefined
  readonly answer: Answer<R>
  /** How much of a validation failure the 422 repeats back. */
  readonly errorLimits: ErrorLimits
}

const NO_GROUPS: ValidatedGroups = Object.freeze({})
const NO_VALUES: unknown[] = []

/**
 * Runs one request through its route, in FastAPI's order:
 * 1. the body first, when form fields or a dependency's body fields are read from it (malformed
 *    JSON then fails at once);
 * 2. dependencies, depth-first, each validating its own parameters;
 * 3. the route's own parameter groups: strings coerced by declared type, validated, every issue
 *    collected;
 * 4. pending async validations settled;
 * 5. the body read (if not yet), parsed and validated;
 * 6. any issue: one 422 with all of them;
 * 7. the answer: the handler, and its result as a reply;
 * 8. function-scoped teardowns before the response, request-scoped ones registered for after it.
 * A step the route does not need is skipped, and a request that needs no async work is answered
 * without a promise. On a failure with generator dependencies open, each gets the error thrown
 * into it and the error that comes out is the one answered; queued background tasks are dropped.
 */
export function runRoute<R>(steps: RouteSteps<R>, ctx: RequestContext): R | Promise<R> {
  if (steps.ownBodyLimit !== undefined) ctx.bodyLimit = steps.ownBodyLimit
  if (steps.bare) return steps.answer(new CallArgs(ctx, NO_GROUPS, undefined))
  const run = new DependencyRun(ctx, steps.overrides)
  // Without dependencies nothing needs tearing down: errors go straight to the exception handlers.
  if (steps.graph === undefined) return start(steps, run)
  let result: R | Promise<R>
  try {
    result = start(steps, run)
  } catch (error) {
    return fail(run, error)
  }
  return result instanceof Promise ? result.catch((error) => fail(run, error)) : result
}

function start<R>(steps: RouteSteps<R>, run: DependencyRun): R | Promise<R> {
  if (!steps.receiveFirst) {
    return steps.graph === undefined ? validateOwn(steps, run, NO_VALUES) : resolveDependencies(steps, run)
  }
  // 1. The body first.
  return receiveBody(run.ctx, steps.parsing!).then((parsed) => {
    if (parsed.kind === 'malformed') throw new RequestValidationError([parsed.error], undefined)
    if (parsed.kind === 'form') run.ctx.form = parsed.fields
    run.received = parsed
    run.bodyInput = embeddedInput(parsed)
    return resolveDependencies(steps, run)
  })
}

// 2. Dependencies: synchronous while every one is; the first promise hands the rest to `resolveRest`.
function resolveDependencies<R>(steps: RouteSteps<R>, run: DependencyRun): R | Promise<R> {
  const graph = steps.graph
  if (graph === undefined) return validateOwn(steps, run, NO_VALUES)
  const { discarded, named } = graph
  const values: unknown[] = new Array(named.length)
  for (let index = 0; index < discarded.length; index++) {
    const value = run.resolve(discarded[index]!)
    if (value instanceof Promise) return resolveRest(steps, run, values, index - discarded.length, value)
  }
  for (let index = 0; index < named.length; index++) {
    const value = run.resolve(named[index]![1])
    if (value instanceof Promise) return resolveRest(steps, run, values, index, value)
    values[index] = value
  }
  return validateOwn(steps, run, values)
}

/**
 * Finishes resolving after a dependency answered with a promise. `position` counts value-less
 * dependencies as negative (from -discarded.length) and named ones from 0.
 */
async function resolveRest<R>(
  steps: RouteSteps<R>,
  run: DependencyRun,
  values: unknown[],
  position: number,
  waiting: Promise<unknown>,
): Promise<R> {
  const { discarded, named } = steps.graph!
  let value = await waiting
  if (position >= 0) values[position] = value
  for (let index = position + 1; index < named.length; index++) {
    if (index < 0) {
      value = run.resolve(discarded[discarded.length + index]!)
      if (value instanceof Promise) await value
      continue
    }
    value = run.resolve(named[index]![1])
    values[index] = value instanceof Promise ? await value : value
  }
  return validateOwn(steps, run, values)
}

// 3. The route's own parameters; 4. pending validations; 5. the body.
function validateOwn<R>(steps: RouteSteps<R>, run: DependencyRun, values: unknown[]): R | Promise<R> {
  const { ctx, errors, pending } = run
  let groups = NO_GROUPS
  if (steps.groups.length > 0 || steps.files !== undefined) {
    groups = {}
    for (const group of steps.groups) {
      // Files and form fields are both `body`: their errors come in the order the route declares them.
      if (group.location === 'body' && steps.filesBeforeForm) groups.files = steps.files!.read(ctx, errors)
      groups[group.location] = group.read(ctx, errors, pending)
    }
    if (steps.files !== undefined && groups.files === undefined) groups.files = steps.files.read(ctx, errors)
  }
  if (steps.body !== undefined) {
    // Parameter errors come before body errors, as in FastAPI; the body is still read and checked
    // so the client learns about every problem at once.
    if (run.received !== undefined) return validateBody(run.received, steps, run, values, groups)
    return ctx
      .body(steps.parsing!.limit)
      .then((bytes) => validateBody(parseBody(bytes, ctx, steps.parsing!), steps, run, values, groups))
  }
  if (!pending.empty) return pending.settle().then(() => checked(steps, run, values, groups, undefined))
  return checked(steps, run, values, groups, undefined)
}

function validateBody<R>(
  parsed: ParsedBody,
  steps: RouteSteps<R>,
  run: DependencyRun,
  values: unknown[],
  groups: ValidatedGroups,
): R | Promise<R> {
  const result = steps.body!.validate(parsed, run.errors, run.pending)
  if (result instanceof Promise) return result.then((body) => checked(steps, run, values, groups, body))
  return checked(steps, run, values, groups, result)
}

// 6. One 422 with every issue; 7. the answer.
function checked<R>(
  steps: RouteSteps<R>,
  run: DependencyRun,
  values: unknown[],
  groups: ValidatedGroups,
  body: BodyResult | undefined,
): R | Promise<R> {
  if (run.errors.length > 0)
    throw new RequestValidationError(limitErrors(run.errors, steps.errorLimits), body?.raw)
  const args = new CallArgs(run.ctx, groups, body?.value, body?.raw)
  const graph = steps.graph
  if (graph === undefined) return steps.answer(args)
  const named = args as CallArgs & Record<string, unknown>
  for (let index = 0; index < values.length; index++) {
    const value = values[index]
    if (value !== SKIPPED) named[graph.named[index]![0]] = value
  }
  return then(steps.answer(args), closeScopes, run, undefined)
}

// 8. Function-scoped generators close before the response is sent; request-scoped ones after it.
function closeScopes<R>(answer: R, run: DependencyRun): R | Promise<R> {
  const stack = run.functionStack
  if (stack === undefined || stack.empty) {
    registerRequestTeardown(run)
    return answer
  }
  return stack.close().then((error) => {
    if (error !== undefined) throw error
    registerRequestTeardown(run)
    return answer
  })
}

/** Request-scoped generators close once the response has been sent (after background tasks). */
function registerRequestTeardown(run: DependencyRun): void {
  const stack = run.requestStack
  if (stack === undefined || stack.empty) return
  run.ctx.afterResponse(async () => {
    const error = await stack.close()
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
  if (isEmpty(run.functionStack) && isEmpty(run.requestStack)) throw error
  return run.fail(error).then((final) => {
    throw final
  })
}

function isEmpty(stack: ExitStack | undefined): boolean {
  return stack === undefined || stack.empty
}
