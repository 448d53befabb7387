import { escapeRegex } from './escape-regex.js'

/**
 * One `/`-separated segment of a route template, as the route trie indexes it. Parameters count
 * in order of appearance, so walking a template's parts meets its `params` in order.
 */
export type TemplatePart =
  /** Text that must equal the request's segment exactly (possibly empty: `/items/` ends in one). */
  | { readonly kind: 'literal'; readonly text: string }
  /** `{name}` filling the segment: one character at least. */
  | { readonly kind: 'param' }
  /**
   * Parameters sharing the segment with literal text (`{name}.txt`, `{a}-{b}`): a regex source
   * that must match the whole segment, its groups the parameters.
   */
  | { readonly kind: 'pattern'; readonly pattern: string }
  /**
   * A segment ending in `{name:path}`, always the last part: it takes the rest of the path,
   * slashes included. `pattern` is undefined when the parameter fills the segment (it then
   * takes anything, even nothing), else the regex source the rest must match (`v{n}-{p:path}`).
   */
  | { readonly kind: 'rest'; readonly pattern: string | undefined }

/** A piece of a template as `compilePath` reads it: literal text, or a parameter's regex. */
export type TemplateToken = { readonly literal: string } | { readonly regex: string; readonly rest: boolean }

/**
 * Splits a template's tokens at `/` into segments. The parameters keep the regexes `compilePath`
 * gave them (`{a}` in `{a}-{b}` may not contain `-`), so a segment's pattern reads the request
 * exactly as the template's whole-path regex does: that regex cannot cross a `/` anywhere but in
 * a `{name:path}`, so it decomposes into one independent match per segment.
 */
export function splitParts(tokens: readonly TemplateToken[]): TemplatePart[] {
  // Every template starts with "/", so the text before the first "/" is empty and dropped.
  const segments: TemplateToken[][] = []
  for (const token of tokens) {
    if (!('literal' in token)) {
      segments.at(-1)!.push(token)
      continue
    }
    const [first = '', ...others] = token.literal.split('/')
    if (first !== '') segments.at(-1)!.push({ literal: first })
    for (const text of others) segments.push(text === '' ? [] : [{ literal: text }])
  }
  return segments.map(toPart)
}

function toPart(tokens: readonly TemplateToken[]): TemplatePart {
  const [only] = tokens
  if (only === undefined) return { kind: 'literal', text: '' }
  if (tokens.length === 1) {
    if ('literal' in only) return { kind: 'literal', text: only.literal }
    return only.rest ? { kind: 'rest', pattern: undefined } : { kind: 'param' }
  }
  let pattern = ''
  let rest = false
  for (const token of tokens) {
    if ('literal' in token) pattern += escapeRegex(token.literal)
    else {
      pattern += `(${token.regex})`
      rest ||= token.rest
    }
  }
  return rest ? { kind: 'rest', pattern } : { kind: 'pattern', pattern }
}
