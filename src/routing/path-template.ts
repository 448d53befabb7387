import { ConfigError } from '../errors/config-error.js'
import { escapeRegex } from './escape-regex.js'
import { splitParts, type TemplatePart, type TemplateToken } from './template-parts.js'

/** A route path compiled once at registration: `/items/{item_id}` or `/files/{file_path:path}`. */
export interface PathTemplate {
  /** The path as written, with convertors: `/files/{file_path:path}`. */
  readonly source: string
  /** The path as OpenAPI writes it, convertors stripped: `/files/{file_path}`. */
  readonly openapiPath: string
  /** Parameter names in order of appearance. */
  readonly params: readonly string[]
  /** True when the template has no parameters: it matches one exact string. */
  readonly isStatic: boolean
  /**
   * Matches a whole decoded request path; groups are the parameters in order. Undefined for
   * static paths. The route table matches by `parts`; this is made on first use only.
   */
  readonly regex: RegExp | undefined
  /** The template split at `/`, one part per segment: what the route trie indexes. */
  readonly parts: readonly TemplatePart[]
}

// `{name}` matches one segment, `{name:path}` the rest of the path, as Starlette's convertors do.
// `str` is accepted as an explicit spelling of the default.
const CONVERTORS: Record<string, string> = { str: '[^/]+', path: '.*' }
const PARAM = /\{([^{}]*)\}/g
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * Compiles a path template. Throws a `ConfigError` for a path that does not start with `/`,
 * an unknown convertor, an invalid or repeated parameter name, or unbalanced braces.
 */
export function compilePath(source: string): PathTemplate {
  // A route's path is compiled when it is registered (to fail early) and again, joined with its
  // prefixes, when the app builds its table; templates are read-only, so one serves both.
  const known = compiled.get(source)
  if (known !== undefined) return known
  const template = compileTemplate(source)
  if (compiled.size >= MAX_REMEMBERED) compiled.clear()
  compiled.set(source, template)
  return template
}

const compiled = new Map<string, PathTemplate>()
const MAX_REMEMBERED = 50_000

function compileTemplate(source: string): PathTemplate {
  if (!source.startsWith('/')) {
    throw new ConfigError(`Route path "${source}" must start with "/".`)
  }
  const params: string[] = []
  const tokens: TemplateToken[] = []
  let openapiPath = ''
  let last = 0
  const matches = [...source.matchAll(PARAM)]
  for (const [index, match] of matches.entries()) {
    const [whole, inner = ''] = match
    const [name = '', convertor = 'str', ...rest] = inner.split(':')
    // `__proto__` is refused so parameter objects can be plain (fast) objects without a prototype trap.
    if (!IDENTIFIER.test(name) || rest.length > 0 || name === '__proto__') {
      throw new ConfigError(`Invalid path parameter "{${inner}}" in "${source}": use {name} or {name:path}.`)
    }
    let regex = CONVERTORS[convertor]
    if (regex === undefined) {
      throw new ConfigError(`Unknown convertor "${convertor}" in "${source}": Brisk knows "str" and "path".`)
    }
    if (params.includes(name)) {
      throw new ConfigError(`Path parameter "${name}" appears twice in "${source}".`)
    }
    const end = match.index + whole.length
    if (convertor === 'path' && end !== source.length) {
      // `.*` followed by more pattern backtracks quadratically on long paths; rest-of-path
      // parameters are for the end of a template.
      throw new ConfigError(`{${name}:path} must end the route path "${source}".`)
    }
    const next = matches[index + 1]
    const between = next === undefined ? undefined : source.slice(end, next.index)
    if (between !== undefined && between !== '' && !between.includes('/')) {
      // Two parameters share a segment (`{a}-{b}`): the first may not contain the separator's
      // first character, which keeps matching linear (path-to-regexp CVE-2024-45296).
      regex = `[^/${escapeRegex(between[0]!)}]+`
    }
    const literal = source.slice(last, match.index)
    tokens.push({ literal }, { regex, rest: convertor === 'path' })
    openapiPath += `${literal}{${name}}`
    params.push(name)
    last = end
  }
  const tail = source.slice(last)
  if (tail.includes('{') || tail.includes('}') || openapiPath.includes('}{')) {
    throw new ConfigError(`Unbalanced or adjacent braces in route path "${source}".`)
  }
  openapiPath += tail
  tokens.push({ literal: tail })
  let regex: RegExp | undefined
  return {
    source,
    openapiPath,
    params,
    isStatic: params.length === 0,
    get regex() {
      if (params.length > 0) regex ??= wholePathRegex(tokens)
      return regex
    },
    parts: splitParts(tokens),
  }
}

/** The regex a whole path must match: literal text escaped, each parameter a group. */
function wholePathRegex(tokens: readonly TemplateToken[]): RegExp {
  let pattern = '^'
  for (const token of tokens) pattern += 'literal' in token ? escapeRegex(token.literal) : `(${token.regex})`
  return new RegExp(`${pattern}$`, 's')
}

/**
 * A template for a route that is only documented (a webhook name, a callback expression): never
 * matched against requests, so any text is accepted and kept as written.
 */
export function documentedPath(source: string): PathTemplate {
  return {
    source,
    openapiPath: source,
    params: [],
    isStatic: true,
    regex: undefined,
    parts: [],
  }
}

/** Joins a router prefix and a route path: `/users` + `/{id}` → `/users/{id}`. */
export function joinPaths(prefix: string, path: string): string {
  if (prefix === '') return path
  return path === '' ? prefix : prefix + path
}

/** Checks a router prefix as FastAPI does: it starts with "/" and does not end with one. */
export function checkPrefix(prefix: string): string {
  if (prefix !== '' && (!prefix.startsWith('/') || prefix.endsWith('/'))) {
    throw new ConfigError(`Router prefix "${prefix}" must start with "/" and must not end with "/".`)
  }
  return prefix
}
