import { HTTPException } from '../errors/index.js'
import { createDict } from './dict.js'
import { decodePercent } from './percent-decode.js'

/**
 * Parsed query or form values: a null-prototype object where a name seen once maps to its string
 * and a repeated name to every value in order, so `__proto__` and `constructor` are plain keys.
 */
export type QueryValues = Record<string, string | string[]>

/**
 * Parses a query string (without the leading `?`) or an `application/x-www-form-urlencoded`
 * body like Python's `parse_qsl(keep_blank_values=True)`, which Starlette uses: pairs split on
 * `&`, `+` is a space, names and values percent-decoded. Malformed escapes are kept as-is instead
 * of failing the request; pairs with an empty name are skipped.
 *
 * Pairs are counted as they are found and parsing stops with 400 "Too many query parameters" at
 * `maxParams + 1`; the string is never split whole first, which is what let a body of `&&&&…`
 * allocate a huge array in body-parser (CVE-2025-13466). Empty segments (`a=1&&b=2`) do not count.
 *
 * @example
 * parseQuery('tag=a&tag=b&q=hello+world', 1000) // { tag: ['a', 'b'], q: 'hello world' }
 */
export function parseQuery(search: string, maxParams: number, what = 'query parameters'): QueryValues {
  const values: QueryValues = createDict<string | string[]>()
  // Most query strings have nothing to decode; checking once spares two scans per pair.
  const plain = !search.includes('%') && !search.includes('+')
  let count = 0
  let start = 0
  while (start <= search.length) {
    let end = search.indexOf('&', start)
    if (end === -1) end = search.length
    if (end > start) {
      if (++count > maxParams) throw new HTTPException(400, `Too many ${what}`)
      addPair(values, search.slice(start, end), plain)
    }
    start = end + 1
  }
  return values
}

function addPair(values: QueryValues, pair: string, plain: boolean): void {
  const eq = pair.indexOf('=')
  const rawName = eq === -1 ? pair : pair.slice(0, eq)
  if (rawName === '') return
  const name = plain ? rawName : decodePercent(rawName, true)
  const rawValue = eq === -1 ? '' : pair.slice(eq + 1)
  const value = plain ? rawValue : decodePercent(rawValue, true)
  const existing = values[name]
  if (existing === undefined) values[name] = value
  else if (typeof existing === 'string') values[name] = [existing, value]
  else existing.push(value)
}
