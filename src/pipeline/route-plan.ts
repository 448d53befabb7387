import { type MultipartLimits, resolveMultipartLimits } from '../body/multipart-limits.js'
import type { BodyParsing, MultipartParsing } from '../body/parse-body.js'
import type { DependencyOverrides } from '../di/overrides.js'
import { ConfigError } from '../errors/config-error.js'
import { stringifyJson } from '../http/json.js'
import type { Reply } from '../http/reply.js'
import type { RequestContext } from '../http/request-context.js'
import { compileBody } from '../params/body-plan.js'
import { compileFiles, type FilesPlan } from '../params/files-plan.js'
import type { ErrorLimits } from '../params/limit-errors.js'
import { compileParamGroup, type ParamGroupPlan, type ParamLocation } from '../params/param-group.js'
import { dependencyGraphOf, type FlatRoute } from '../routing/flatten.js'
import { successStatusOf } from '../routing/response-class.js'
import type { RouteOptions } from '../routing/route-options.js'
import { compileSerializer } from '../schema/serializer.js'
import { isSchema } from '../schema/standard.js'
import { classReplyStep } from './class-reply.js'
import { compileFilteredSerializer } from './response-filter.js'
import { type Answer, type RouteSteps, runRoute } from './route-run.js'
import { type ReplyPlan, toReply } from './to-reply.js'

/** App-wide settings a route plan is compiled with. */
export interface PlanSettings {
  readonly bodyLimit: number
  readonly strictContentType: boolean
  /** The app's `dependencyOverrides`, read at request time. */
  readonly overrides: DependencyOverrides
  readonly errorLimits: ErrorLimits
  /** The app's multipart limits; a route's `multipart` option overrides some. */
  readonly multipart: MultipartLimits
}

/**
 * A route compiled for the request path: what to read, how to validate it, what to call and how
 * to answer. `run` stays synchronous (no promise) for routes with no body, sync validators and a
 * sync handler, which is most GET routes.
 */
export interface RoutePlan<R = Reply> {
  readonly route: FlatRoute
  run(ctx: RequestContext): R | Promise<R>
}

const GROUPS: [keyof RouteOptions & ('path' | 'query' | 'headers' | 'cookies' | 'form'), ParamLocation][] = [
  ['path', 'path'],
  ['query', 'query'],
  ['headers', 'header'],
  ['cookies', 'cookie'],
  ['form', 'body'],
]

// Names the handler context already has; a dependency cannot take them.
const RESERVED_NAMES = new Set([
  'path',
  'query',
  'headers',
  'cookies',
  'body',
  'sentBody',
  'form',
  'files',
  'request',
  'response',
  'state',
  'ctx',
  'background',
  'rootPath',
  'signal',
])

/** Compiles an HTTP route: its handler's result becomes the reply. */
export function compileRoute(route: FlatRoute, settings: PlanSettings): RoutePlan {
  const { options, handler } = route.definition
  const status = options.status ?? successStatusOf(route.responseClass)
  if (route.responseClass !== 'json') {
    const finish = classReplyStep(route.responseClass, status)
    return compileRoutePlan(route, settings, (args) => {
      const result = handler(args as never)
      return result instanceof Promise ? result.then((value) => finish(value, args)) : finish(result, args)
    })
  }
  const replyPlan: ReplyPlan = {
    status,
    serialize: responseSerializer(options),
    stream: options.stream ?? 'jsonl',
  }
  return compileRoutePlan(route, settings, (args) => {
    // Written out rather than through `then`: this is every request's last step, and a call site
    // of its own keeps it monomorphic for V8.
    const result = handler(args as never)
    return result instanceof Promise
      ? result.then((value) => toReply(value, replyPlan, args))
      : toReply(result, replyPlan, args)
  })
}

/**
 * Compiles a flattened route once, with the final step given; configuration mistakes surface
 * here as `ConfigError`s.
 */
export function compileRoutePlan<R>(
  route: FlatRoute,
  settings: PlanSettings,
  answer: Answer<R>,
): RoutePlan<R> {
  const { options } = route.definition
  checkPathParams(route)
  checkDependencyNames(route)
  const limit = options.bodyLimit ?? settings.bodyLimit
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new ConfigError(`bodyLimit must be a whole number of bytes, got ${String(limit)}.`)
  }
  const hasDependencies = route.dependencies.length > 0 || options.deps !== undefined
  const graph = hasDependencies ? dependencyGraphOf(route) : undefined
  const files = options.files === undefined ? undefined : compileFiles(options.files)
  const readsForm = options.form !== undefined || files !== undefined || graph?.readsForm === true
  const bodyFields = graph?.bodyFields.length ?? 0
  checkOneBody(route, readsForm, bodyFields)
  const groups: ParamGroupPlan[] = []
  for (const [option, location] of GROUPS) {
    const spec = options[option]
    if (spec !== undefined) groups.push(compileParamGroup(location, spec))
  }
  const readsJson = options.body !== undefined || bodyFields > 0
  const parsing: BodyParsing | undefined =
    readsForm || readsJson
      ? {
          accepts: readsForm ? 'form' : 'json',
          limit,
          strictContentType: settings.strictContentType,
          multipart: readsForm ? multipartParsing(route, settings, files) : undefined,
        }
      : undefined
  const steps: RouteSteps<R> = {
    ownBodyLimit: options.bodyLimit,
    bare: graph === undefined && groups.length === 0 && options.body === undefined && files === undefined,
    parsing,
    receiveFirst: readsForm || bodyFields > 0,
    graph,
    overrides: settings.overrides,
    groups,
    files,
    filesBeforeForm:
      files !== undefined && options.form !== undefined && declaredFirst(options, 'files', 'form'),
    body: options.body === undefined ? undefined : compileBody(options.body),
    answer,
    errorLimits: settings.errorLimits,
  }
  return { route, run: (ctx) => runRoute(steps, ctx) }
}

function multipartParsing(
  route: FlatRoute,
  settings: PlanSettings,
  files: FilesPlan | undefined,
): MultipartParsing {
  const limits = resolveMultipartLimits(
    settings.multipart,
    route.definition.options.multipart,
    `Route ${route.template.source}`,
  )
  return {
    limits,
    maxFileSize: (field) => files?.maxSizeOf(field) ?? limits.maxFileSize,
    maxFileCount: (field) => files?.maxCountOf(field) ?? limits.maxFiles,
  }
}

/** Whether option `a` comes before option `b` in the route's options object. */
function declaredFirst(options: RouteOptions, a: keyof RouteOptions, b: keyof RouteOptions): boolean {
  const keys = Object.keys(options)
  return keys.indexOf(a) < keys.indexOf(b)
}

/** A request has one body: JSON (the route's or its dependencies' fields) or a form, not both. */
function checkOneBody(route: FlatRoute, readsForm: boolean, dependencyBodyFields: number): void {
  const { body } = route.definition.options
  if (readsForm && (body !== undefined || dependencyBodyFields > 0)) {
    throw new ConfigError(
      `Route ${route.template.source} reads both a JSON body and form fields; a request has one body: declare one of them.`,
    )
  }
  if (dependencyBodyFields > 0 && body !== undefined && isSchema(body)) {
    throw new ConfigError(
      `Route ${route.template.source} takes its whole body as one schema, but its dependencies read body ` +
        'fields: declare the route body as fields too (an object of schemas), so the body is embedded.',
    )
  }
}

function checkDependencyNames(route: FlatRoute): void {
  for (const name of Object.keys(route.definition.options.deps ?? {})) {
    if (RESERVED_NAMES.has(name)) {
      throw new ConfigError(
        `Route ${route.template.source} names a dependency "${name}", which the handler context already uses; pick another name.`,
      )
    }
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
