import type { DependencyOverrides } from '../di/overrides.js'
import { ConfigError } from '../errors/config-error.js'
import { RequestValidationError } from '../errors/request-validation-error.js'
import type { ValidationErrorItem } from '../errors/validation-error-item.js'
import { stringifyJson } from '../http/json.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import type { FlatRoute } from '../routing/flatten.js'
import type { RouteOptions } from '../routing/route-types.js'
import { compileSerializer } from '../schema/serializer.js'
import { isSchema } from '../schema/standard.js'
import { compileBody } from './body-plan.js'
import { compileDependency, dependencyBodyFields } from './dependency-plan.js'
import { readForm } from './form-body.js'
import { HandlerArgs, type ValidatedGroups } from './handler-args.js'
import { compileParamGroup, type ParamGroupPlan, type ParamLocation } from './param-group.js'
import { Pending } from './pending.js'
import { compileFilteredSerializer } from './response-filter.js'
import { type DependentRoute, runWithDependencies } from './run-with-dependencies.js'
import { type ReplyPlan, toReply } from './to-reply.js'

/** App-wide settings a route plan is compiled with. */
export interface PlanSettings {
  readonly bodyLimit: number
  readonly strictContentType: boolean
  /** The app's `dependencyOverrides`, read at request time. */
  readonly overrides: DependencyOverrides
}

/**
 * A route compiled for the request path: what to read, how to validate it, what to call and how
 * to answer. `run` stays synchronous (no promise) for routes with no body, sync validators and a
 * sync handler, which is most GET routes.
 */
export interface RoutePlan {
  readonly route: FlatRoute
  run(ctx: RequestContext): Reply | Promise<Reply>
}

const GROUPS: [keyof RouteOptions & ('path' | 'query' | 'headers' | 'cookies' | 'form'), ParamLocation][] = [
  ['path', 'path'],
  ['query', 'query'],
  ['headers', 'header'],
  ['cookies', 'cookie'],
  ['form', 'body'],
]

const NO_GROUPS: ValidatedGroups = Object.freeze({})

// Names the handler context already has; a dependency cannot take them.
const RESERVED_NAMES = new Set([
  'path',
  'query',
  'headers',
  'cookies',
  'body',
  'form',
  'request',
  'response',
  'state',
  'ctx',
  'background',
])

/** Compiles a flattened route once; configuration mistakes surface here as `ConfigError`s. */
export function compileRoute(route: FlatRoute, settings: PlanSettings): RoutePlan {
  const compiled = compilePlan(route, settings)
  const limit = route.definition.options.bodyLimit
  const plan = readsForm(route) ? formFirst(compiled, limit ?? settings.bodyLimit) : compiled
  if (limit === undefined) return plan
  // The route's own limit also bounds a body read through `request` in the handler.
  return {
    route,
    run(ctx) {
      ctx.bodyLimit = limit
      return plan.run(ctx)
    },
  }
}

/** True when the route or any of its dependencies reads form fields. */
function readsForm(route: FlatRoute): boolean {
  const { options } = route.definition
  if (options.form !== undefined) return true
  const dependencies = [...route.dependencies, ...Object.values(options.deps ?? {})]
  return dependencies.some((dependency) => compileDependency(dependency).readsForm)
}

/** Parses the urlencoded body into `ctx.form` before anything validates a field of it. */
function formFirst(plan: RoutePlan, limit: number): RoutePlan {
  return { route: plan.route, run: (ctx) => readForm(ctx, limit).then(() => plan.run(ctx)) }
}

function compilePlan(route: FlatRoute, settings: PlanSettings): RoutePlan {
  const { options, handler } = route.definition
  checkPathParams(route)
  if (options.body !== undefined && readsForm(route)) {
    throw new ConfigError(
      `Route ${route.template.source} reads both a JSON body and form fields; a request has one body: declare one of them.`,
    )
  }
  const groups: ParamGroupPlan[] = []
  for (const [option, location] of GROUPS) {
    const spec = options[option]
    if (spec !== undefined) groups.push(compileParamGroup(location, spec))
  }
  const bodyLimit = options.bodyLimit ?? settings.bodyLimit
  if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 0) {
    throw new ConfigError(`bodyLimit must be a whole number of bytes, got ${String(bodyLimit)}.`)
  }
  const body =
    options.body === undefined ? undefined : compileBody(options.body, { ...settings, limit: bodyLimit })
  const replyPlan: ReplyPlan = {
    status: options.status ?? 200,
    serialize: responseSerializer(options),
    stream: options.stream ?? 'jsonl',
  }

  const answer = (args: HandlerArgs): Reply | Promise<Reply> => {
    const result = handler(args as never)
    if (result instanceof Promise) return result.then((value) => toReply(replyPlan, args, value))
    return toReply(replyPlan, args, result)
  }

  for (const name of Object.keys(options.deps ?? {})) {
    if (RESERVED_NAMES.has(name)) {
      throw new ConfigError(
        `Route ${route.template.source} names a dependency "${name}", which the handler context already uses; pick another name.`,
      )
    }
  }
  if (route.dependencies.length > 0 || options.deps !== undefined) {
    const discarded = route.dependencies.map((dependency) => compileDependency(dependency))
    const named = Object.entries(options.deps ?? {}).map(
      ([name, dependency]) => [name, compileDependency(dependency)] as const,
    )
    const bodyFields = dependencyBodyFields([...discarded, ...named.map(([, node]) => node)])
    if (bodyFields.length > 0 && options.body !== undefined && isSchema(options.body)) {
      throw new ConfigError(
        `Route ${route.template.source} takes its whole body as one schema, but its dependencies read body ` +
          'fields: declare the route body as fields too (an object of schemas), so the body is embedded.',
      )
    }
    const dependent: DependentRoute = {
      discarded,
      named,
      groups,
      body,
      bodySource:
        bodyFields.length === 0
          ? undefined
          : compileBody(options.body ?? {}, { ...settings, limit: bodyLimit }),
      overrides: settings.overrides,
      answer,
    }
    return { route, run: (ctx) => runWithDependencies(dependent, ctx) }
  }

  if (groups.length === 0 && body === undefined) {
    // Nothing to read or validate: skip the bookkeeping entirely (S1-style routes).
    return { route, run: (ctx) => answer(new HandlerArgs(ctx, NO_GROUPS, undefined)) }
  }

  return {
    route,
    run(ctx) {
      const errors: ValidationErrorItem[] = []
      const pending = new Pending()
      const validated: ValidatedGroups = {}
      for (const group of groups) validated[group.location] = group.read(ctx, errors, pending)
      if (body === undefined && pending.empty) {
        if (errors.length > 0) throw new RequestValidationError(errors)
        return answer(new HandlerArgs(ctx, validated, undefined))
      }
      if (body === undefined) {
        return pending.settle().then(() => {
          if (errors.length > 0) throw new RequestValidationError(errors)
          return answer(new HandlerArgs(ctx, validated, undefined))
        })
      }
      // Parameter errors come before body errors, as in FastAPI; the body is still read and
      // checked so the client learns about every problem at once.
      return body.read(ctx, errors, pending).then(({ value, raw }) => {
        if (errors.length > 0) throw new RequestValidationError(errors, raw)
        return answer(new HandlerArgs(ctx, validated, value))
      })
    },
  }
}

function responseSerializer(options: RouteOptions): ReplyPlan['serialize'] {
  if (options.response === undefined) return undefined
  const excludeUnset = options.responseExcludeUnset === true
  const excludeNone = options.responseExcludeNone === true
  if (excludeUnset || excludeNone) {
    return compileFilteredSerializer(options.response, { excludeUnset, excludeNone })
  }
  return compileSerializer(options.response, stringifyJson)
}

function checkPathParams(route: FlatRoute): void {
  const spec = route.definition.options.path
  if (spec === undefined || isSchema(spec)) return
  const inTemplate = new Set(route.template.params)
  for (const name of Object.keys(spec)) {
    if (!inTemplate.has(name)) {
      throw new ConfigError(
        `Route ${route.template.source} declares path parameter "${name}", but its path has no {${name}}.`,
      )
    }
  }
}
